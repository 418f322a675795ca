// The shell commands the documentation shows, and whether each runs as written: a `pnpm <x>` must run a script that
// exists in the package it runs in and that no pnpm built-in shadows, `npx pnpm@<v>` must be the pinned pnpm, a
// `node <file>` must name a file that exists. Used by commands.test.ts on the real documents and on a fixture.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { readWorkspacePackages } from '../house-rules/project.ts';
import { overridableBuiltins, pnpmBuiltins, scriptRunningBuiltins } from './pnpm-commands.ts';

/** One simple command of a document, as the shell splits it (quotes removed, `VAR=value` prefixes kept). */
export interface DocumentedCommand {
  /** The document, relative to the root with `/` separators. */
  document: string;
  line: number;
  words: string[];
}

/** A package of the workspace, or the root, as the commands see it. */
export interface CommandPackage {
  /** Folder relative to the root; `''` for the root. */
  dir: string;
  name: string;
  scripts: Record<string, string>;
  /** The executables its `bin` field installs. */
  bins: string[];
}

export interface CommandWorkspace {
  root: string;
  /** The version of `packageManager: "pnpm@<version>"`. */
  pnpmVersion: string | undefined;
  /** The root first, then the packages `pnpm-workspace.yaml` lists. */
  packages: CommandPackage[];
}

/**
 * Files a `node <file>` command may name without their existing in the repository: the reader's own program in an
 * illustration. Each is reported as used, so that an entry no document needs any more can be removed.
 */
export const readersOwnFiles: Readonly<Record<string, string>> = {
  'sync.js': 'the reader’s own synchronisation script (authentication.md, migrating-from-anaplan-connect.md)',
};

const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh']);
const inlineCommand = /^(?:(?:pnpm|npx|node) +\S|npm (?:run|run-script|start|test|t|stop|restart)(?: |$))/;

/** The folder the commands of a document run in: an example's README in the example, every other at the root. */
export function documentCwd(document: string): string {
  return /^examples\/[^/]+\/README\.md$/.test(document) ? posix.dirname(document) : '';
}

interface Word {
  text: string;
  offset: number;
}

/** Simple commands of a shell text: words split at `&&`, `||`, `;`, `|`, `&` and new lines; comments dropped. */
function simpleCommands(text: string): Word[][] {
  const commands: Word[][] = [[]];
  let word: Word | undefined;
  const flush = () => {
    if (word) (commands.at(-1) as Word[]).push(word);
    word = undefined;
  };
  const add = (text: string, offset: number) => {
    word ??= { text: '', offset };
    word.text += text;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      let end = i + 1;
      let quoted = '';
      while (end < text.length && text[end] !== c) {
        if (c === '"' && text[end] === '\\' && end + 1 < text.length) end += 1;
        quoted += text[end];
        end += 1;
      }
      add(quoted, i);
      i = end + 1;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // a continued line
    } else if (c === '\\') {
      add(text[i + 1] ?? '', i);
      i += 2;
    } else if (c === '\n' || '&|;'.includes(c)) {
      flush();
      if ((commands.at(-1) as Word[]).length > 0) commands.push([]);
      i += /^(?:&&|\|\|)/.test(text.slice(i, i + 2)) ? 2 : 1;
    } else if (/\s/.test(c)) {
      flush();
      i += 1;
    } else if (c === '#' && !word) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else {
      add(c, i);
      i += 1;
    }
  }
  flush();
  return commands.filter((command) => command.length > 0);
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * Every command a Markdown document shows: each simple command of its `sh`/`bash`/`shell`/`zsh` blocks, and each
 * inline code span that is a `pnpm …`, `npx …`, `npm run …` (or `npm start`, `npm test` …) or `node …` command.
 */
export function commandsIn(document: string, markdown: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  const found = (words: Word[], base: number) =>
    commands.push({
      document,
      line: lineAt(markdown, base + (words[0] as Word).offset),
      words: words.map((word) => word.text),
    });

  // Fenced blocks: shell ones are read, and every one is blanked out of the prose (line breaks kept).
  let prose = '';
  const fence = /^( *)(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^ *\2[`~]*[ \t]*$/gm;
  let last = 0;
  for (const match of markdown.matchAll(fence)) {
    const [whole, indent = '', , language = '', body = ''] = match;
    prose += markdown.slice(last, match.index) + whole.replace(/[^\n]/g, ' ');
    last = match.index + whole.length;
    if (!shellLanguages.has(language)) continue;
    const bodyOffset = match.index + whole.indexOf('\n') + 1;
    const dedented = body.replace(new RegExp(`^ {0,${indent.length}}`, 'gm'), (spaces) =>
      ' '.repeat(spaces.length),
    );
    for (const words of simpleCommands(dedented)) found(words, bodyOffset);
  }
  prose += markdown.slice(last);

  // Inline code spans of the prose.
  for (const match of prose.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) {
    const code = (match[2] as string).replace(/\s+/g, ' ').trim();
    if (!inlineCommand.test(code)) continue;
    const start = (match.index as number) + (match[1] as string).length;
    for (const words of simpleCommands(code)) found(words, start);
  }
  return commands.sort((a, b) => a.line - b.line);
}

function readManifest(root: string, dir: string): CommandPackage & { packageManager?: string } {
  const manifest = JSON.parse(readFileSync(posix.join(root, dir, 'package.json'), 'utf8'));
  const name = String(manifest.name ?? '');
  const bin = manifest.bin;
  const bins = typeof bin === 'string' ? [name.replace(/^@[^/]+\//, '')] : Object.keys((bin ?? {}) as object);
  return { dir, name, scripts: manifest.scripts ?? {}, bins, packageManager: manifest.packageManager };
}

/** The root package and the workspace packages of `root`, with their scripts and bins. */
export function loadCommandWorkspace(root: string): CommandWorkspace {
  const { packageManager, ...rootPackage } = readManifest(root, '');
  return {
    root,
    pnpmVersion: /^pnpm@([^+]+)/.exec(packageManager ?? '')?.[1],
    packages: [rootPackage, ...readWorkspacePackages(root).map(({ dir }) => readManifest(root, dir))],
  };
}

/** What a command found wrong with itself, and the exceptions it used. */
interface Verdict {
  problems: string[];
  readersOwnFiles: string[];
}

/** The package a command run in `cwd` belongs to: the nearest folder up with a package of the workspace. */
function packageAt(workspace: CommandWorkspace, cwd: string): CommandPackage | undefined {
  for (let dir = cwd; ; dir = posix.dirname(dir)) {
    const found = workspace.packages.find((candidate) => candidate.dir === (dir === '.' ? '' : dir));
    if (found || dir === '.' || dir === '') return found;
  }
}

const describePackage = (pkg: CommandPackage) => `${pkg.dir === '' ? '' : `${pkg.dir}/`}package.json`;

const pnpmOptionsWithValue = new Set([
  ...['--filter', '-F', '--filter-prod', '--dir', '-C', '--store-dir', '--state-dir', '--npmrc-auth-file'],
  ...['--userconfig', '--workspace-packages', '--registry', '--https-proxy', '--http-proxy', '--no-proxy'],
  ...['--reporter', '--loglevel', '--test-pattern', '--changed-files-ignore-pattern'],
]);

/** `pnpm <args>` run in `cwd`. */
function checkPnpm(workspace: CommandWorkspace, args: string[], cwd: string, { problems }: Verdict): void {
  let dir = cwd;
  const filters: string[] = [];
  let workspaceRoot = false;
  let recursive = false;
  let index = 0;
  for (; index < args.length && (args[index] as string).startsWith('-'); index += 1) {
    const [option = '', inlineValue] = (args[index] as string).split(/=(.*)/s);
    const value = pnpmOptionsWithValue.has(option) ? (inlineValue ?? args[++index] ?? '') : undefined;
    if (option === '--filter' || option === '-F' || option === '--filter-prod') filters.push(value ?? '');
    else if (option === '--dir' || option === '-C') dir = posix.normalize(posix.join(dir, value ?? ''));
    else if (option === '-w' || option === '--workspace-root') workspaceRoot = true;
    else if (option === '-r' || option === '--recursive') recursive = true;
  }
  const command = args[index];
  if (command === undefined) return;

  let targets: CommandPackage[];
  if (filters.length > 0) {
    targets = [];
    for (const filter of filters) {
      const found = workspace.packages.find((pkg) => pkg.dir !== '' && pkg.name === filter);
      if (found) targets.push(found);
      else problems.push(`--filter ${filter}: no package of the workspace has that name`);
    }
    if (targets.length === 0) return;
  } else if (recursive) {
    targets = workspace.packages.filter((pkg) => pkg.dir !== '');
  } else {
    const found = workspaceRoot ? workspace.packages[0] : packageAt(workspace, dir);
    if (!found) {
      problems.push(`no package.json in ${dir || '.'} or above it`);
      return;
    }
    targets = [found];
  }
  const where = targets.map(describePackage).join(', ');
  const hasScript = (name: string) =>
    recursive ? targets.some((pkg) => name in pkg.scripts) : targets.every((pkg) => name in pkg.scripts);

  if (command === 'run') {
    const script = args.slice(index + 1).find((arg) => !arg.startsWith('-'));
    if (script !== undefined && !hasScript(script)) problems.push(`no script "${script}" in ${where}`);
    return;
  }
  const runs = scriptRunningBuiltins[command];
  if (runs !== undefined) {
    if (!hasScript(runs)) problems.push(`pnpm ${command} runs the script "${runs}", and ${where} has none`);
  } else if (pnpmBuiltins.includes(command)) {
    if (!overridableBuiltins.includes(command) && targets.some((pkg) => command in pkg.scripts))
      problems.push(
        `"${command}" is a pnpm built-in, which runs instead of the script "${command}" of ${where}: write pnpm run ${command}`,
      );
  } else if (!hasScript(command)) {
    problems.push(`no script "${command}" in ${where}, and "${command}" is no pnpm command`);
  }
}

const npxOptionsWithValue = new Set(['--package', '-p', '--call', '-c', '--workspace', '-w']);
const nodeOptionsWithValue = new Set([
  ...['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions'],
  ...['--env-file', '--input-type', '--stack-size', '--title'],
]);
const nodeWithoutFile = new Set(['-e', '--eval', '-p', '--print', '-v', '--version', '-h', '--help', '-i']);
const isAssignment = (word: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);

/** `npx <args>`: `npx pnpm@<version> …` is the pinned pnpm; any other program must be installed by the workspace. */
function checkNpx(workspace: CommandWorkspace, args: string[], cwd: string, verdict: Verdict): void {
  let index = 0;
  for (; index < args.length && (args[index] as string).startsWith('-'); index += 1)
    if (npxOptionsWithValue.has(args[index] as string)) index += 1;
  const spec = args[index];
  if (spec === undefined) return;
  const [, name = '', version] = /^(@?[^@]+)(?:@(.+))?$/.exec(spec) ?? [];
  if (name === 'pnpm') {
    if (version !== workspace.pnpmVersion)
      verdict.problems.push(
        `${spec}: the repository pins pnpm@${workspace.pnpmVersion} (packageManager in package.json)`,
      );
    checkPnpm(workspace, args.slice(index + 1), cwd, verdict);
  } else if (
    version === undefined &&
    !workspace.packages.some((pkg) => pkg.bins.includes(name)) &&
    !existsSync(posix.join(workspace.root, 'node_modules', '.bin', name))
  ) {
    verdict.problems.push(`npx ${name}: no package of the workspace and no dependency installs "${name}"`);
  }
}

/** npm commands that run the script of the same name. */
const npmScriptCommands: Readonly<Record<string, string>> = {
  start: 'start',
  test: 'test',
  t: 'test',
  stop: 'stop',
  restart: 'restart',
};

/** `npm run <script>`, `npm start` …: the script exists in the package at `cwd`. */
function checkNpm(
  workspace: CommandWorkspace,
  [command = '', ...rest]: string[],
  cwd: string,
  verdict: Verdict,
) {
  const script =
    command === 'run' || command === 'run-script'
      ? rest.find((arg) => !arg.startsWith('-'))
      : npmScriptCommands[command];
  const pkg = packageAt(workspace, cwd);
  if (script !== undefined && pkg && !(script in pkg.scripts))
    verdict.problems.push(`no script "${script}" in ${describePackage(pkg)}`);
}

/** `node [options] <file>`: the file exists (relative to `cwd`), or is one of `readersOwnFiles`. */
function checkNode(workspace: CommandWorkspace, args: string[], cwd: string, verdict: Verdict): void {
  let index = 0;
  for (; index < args.length && (args[index] as string).startsWith('-'); index += 1) {
    if (nodeWithoutFile.has(args[index] as string)) return;
    if (nodeOptionsWithValue.has(args[index] as string)) index += 1;
  }
  const file = args[index];
  if (file === undefined) return;
  if (file in readersOwnFiles) verdict.readersOwnFiles.push(file);
  else if (!existsSync(posix.join(workspace.root, cwd, file)))
    verdict.problems.push(`node ${file}: no file ${posix.join(cwd, file)}`);
}

const checkers: Record<string, typeof checkPnpm> = {
  pnpm: checkPnpm,
  npx: checkNpx,
  npm: checkNpm,
  node: checkNode,
};

/** One command run in `cwd` (after its `VAR=value` prefixes): its problems, none when it runs as written. */
function checkCommand(workspace: CommandWorkspace, words: string[], cwd: string): Verdict {
  const verdict: Verdict = { problems: [], readersOwnFiles: [] };
  const start = words.findIndex((word) => !isAssignment(word));
  const [program = '', ...args] = start === -1 ? [] : words.slice(start);
  checkers[program]?.(workspace, args, cwd, verdict);
  return verdict;
}

/**
 * Checks the commands of `documents` (paths relative to the root): the problems, each as
 * `document:line: command: problem`, and the entries of `readersOwnFiles` the documents use.
 */
export function checkDocuments(
  workspace: CommandWorkspace,
  documents: readonly string[],
): { commands: DocumentedCommand[]; problems: string[]; readersOwnFilesUsed: Set<string> } {
  const commands = documents.flatMap((document) =>
    commandsIn(document, readFileSync(posix.join(workspace.root, document), 'utf8')),
  );
  const problems: string[] = [];
  const readersOwnFilesUsed = new Set<string>();
  for (const document of documents) {
    // A `cd` moves the commands after it in the document; `git clone <url> && cd <name>` lands in the root.
    let cwd = documentCwd(document);
    let cloned: string | undefined;
    for (const command of commands.filter((candidate) => candidate.document === document)) {
      const [program, first, ...rest] = command.words;
      if (program === 'git' && first === 'clone') {
        const [url = '', folder] = rest.filter((word) => !word.startsWith('-'));
        cloned = folder ?? posix.basename(url, '.git');
      } else if (program === 'cd' && first !== undefined) {
        const target = posix.normalize(posix.join(cwd, first)).replace(/^\.$/, '');
        const path = posix.join(workspace.root, target);
        if (first === cloned) cwd = '';
        else if (existsSync(path) && statSync(path).isDirectory()) cwd = target;
        else problems.push(`${document}:${command.line}: cd ${first}: no folder ${target}`);
      } else {
        const verdict = checkCommand(workspace, command.words, cwd);
        for (const problem of verdict.problems)
          problems.push(`${document}:${command.line}: ${command.words.join(' ')}: ${problem}`);
        for (const file of verdict.readersOwnFiles) readersOwnFilesUsed.add(file);
      }
    }
  }
  return { commands, problems, readersOwnFilesUsed };
}
