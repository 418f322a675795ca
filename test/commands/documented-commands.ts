// The shell commands the documentation shows, and whether each runs as written: a `pnpm <x>` must run a script that
// exists in the package it runs in and that no pnpm built-in shadows, `npx pnpm@<v>` must be the pinned pnpm, a
// `node <file>` must name a file that exists. Used by commands.test.ts on the real documents and on a fixture.
//
// Where a command runs is what its text says: "from the root of the repository" (or "of a clone"), "in this
// folder", "in the copy" (an example copied out of the repository) — for a block, in the paragraph before it; for
// an inline command, in its sentence. Otherwise a block runs where the previous block of the document left off (a
// reader's terminal: `cd`, and `cp -r` of an example followed by `cd` into the copy, are followed), at first in the
// document's own folder for an example's README and at the root for the others; an inline command names a command
// of the repository and runs at the root.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { readWorkspacePackages } from '../house-rules/project.ts';
import { overridableBuiltins, pnpmBuiltins, scriptRunningBuiltins } from './pnpm-commands.ts';

/** Where a command runs: the root, the document's folder, or a copy of that folder outside the repository. */
export type Place = 'root' | 'folder' | 'copy';

/** One simple command of a document, as the shell splits it (quotes removed, `VAR=value` prefixes kept). */
export interface DocumentedCommand {
  /** The document, relative to the root with `/` separators. */
  document: string;
  line: number;
  words: string[];
  /** The block it is in (its number in the document); none for an inline command. */
  block?: number | undefined;
  /** Where the text around it says it runs; none when it does not say. */
  stated?: Place | undefined;
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

/** The phrases that say where a command runs. */
const placePhrases: [RegExp, Place][] = [
  [/\bin the copy\b/gi, 'copy'],
  [/\b(?:in|from) this folder\b/gi, 'folder'],
  [
    /\bfrom the root of (?:the repository|a clone|the clone|your clone)\b|\bfrom the repository root\b/gi,
    'root',
  ],
];

/** The place the last phrase of `text` names. */
function statedPlace(text: string): Place | undefined {
  let last: { index: number; place: Place } | undefined;
  for (const [phrase, place] of placePhrases)
    for (const match of text.replace(/\s+/g, ' ').matchAll(phrase))
      if (!last || match.index > last.index) last = { index: match.index, place };
  return last?.place;
}

/** Where a block of `document` runs when nothing says so: an example's README in the example, others at the root. */
const defaultPlace = (document: string): Place =>
  /^examples\/[^/]+\/README\.md$/.test(document) ? 'folder' : 'root';

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
 * inline code span that is a `pnpm …`, `npx …`, `npm run …` (or `npm start`, `npm test` …) or `node …` command;
 * with where the text says it runs.
 */
export function commandsIn(document: string, markdown: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];

  // Fenced blocks: shell ones are read, and every one is blanked out of the prose (line breaks kept).
  let prose = '';
  let block = 0;
  const fence = /^ *(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^ *\1[`~]*[ \t]*$/gm;
  let last = 0;
  for (const match of markdown.matchAll(fence)) {
    const [whole, , language = '', body = ''] = match;
    prose += markdown.slice(last, match.index) + whole.replace(/[^\n]/g, ' ');
    last = match.index + whole.length;
    if (!shellLanguages.has(language)) continue;
    block += 1;
    const before = markdown.slice(0, match.index).trimEnd();
    const stated = statedPlace(before.slice(before.lastIndexOf('\n\n') + 1));
    const bodyOffset = match.index + whole.indexOf('\n') + 1;
    for (const words of simpleCommands(body)) {
      const line = lineAt(markdown, bodyOffset + (words[0] as Word).offset);
      commands.push({ document, line, words: words.map((word) => word.text), block, stated });
    }
  }
  prose += markdown.slice(last);

  // Inline code spans of the prose; the place is stated in their sentence.
  for (const match of prose.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) {
    const code = (match[2] as string).replace(/\s+/g, ' ').trim();
    if (!inlineCommand.test(code)) continue;
    const [start, end] = [match.index, match.index + match[0].length];
    const paragraphStart = prose.lastIndexOf('\n\n', start) + 1;
    const paragraphEnd = (prose.indexOf('\n\n', end) + 1 || prose.length + 1) - 1;
    const sentenceStart = Math.max(
      paragraphStart,
      ...[...prose.slice(paragraphStart, start).matchAll(/[.!?]\s/g)].map(
        (m) => paragraphStart + m.index + 1,
      ),
    );
    const sentenceEnd =
      end + (/[.!?](?:\s|$)/.exec(prose.slice(end, paragraphEnd))?.index ?? paragraphEnd - end);
    const stated = statedPlace(prose.slice(sentenceStart, sentenceEnd)) ?? 'root';
    const line = lineAt(markdown, start);
    for (const words of simpleCommands(code))
      commands.push({ document, line, words: words.map((word) => word.text), stated });
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

/** Where a command runs: a folder (relative to the root), in the repository or in a copy of it outside. */
interface Location {
  dir: string;
  copy: boolean;
}

/** `pnpm <args>`. */
function checkPnpm(
  workspace: CommandWorkspace,
  args: string[],
  { dir: cwd, copy }: Location,
  { problems }: Verdict,
): void {
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
  if (copy && (filters.length > 0 || workspaceRoot || recursive)) {
    problems.push('a copy outside the repository has no workspace (--filter, -w and -r need one)');
    return;
  }

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
function checkNpx(workspace: CommandWorkspace, args: string[], location: Location, verdict: Verdict): void {
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
    checkPnpm(workspace, args.slice(index + 1), location, verdict);
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

/** `npm run <script>`, `npm start` …: the script exists in the package it runs in. */
function checkNpm(
  workspace: CommandWorkspace,
  [command = '', ...rest]: string[],
  { dir }: Location,
  verdict: Verdict,
) {
  const script =
    command === 'run' || command === 'run-script'
      ? rest.find((arg) => !arg.startsWith('-'))
      : npmScriptCommands[command];
  const pkg = packageAt(workspace, dir);
  if (script !== undefined && pkg && !(script in pkg.scripts))
    verdict.problems.push(`no script "${script}" in ${describePackage(pkg)}`);
}

/** `node [options] <file>`: the file exists, or is one of `readersOwnFiles`. */
function checkNode(workspace: CommandWorkspace, args: string[], { dir }: Location, verdict: Verdict): void {
  let index = 0;
  for (; index < args.length && (args[index] as string).startsWith('-'); index += 1) {
    if (nodeWithoutFile.has(args[index] as string)) return;
    if (nodeOptionsWithValue.has(args[index] as string)) index += 1;
  }
  const file = args[index];
  if (file === undefined) return;
  if (file in readersOwnFiles) verdict.readersOwnFiles.push(file);
  else if (!existsSync(posix.join(workspace.root, dir, file)))
    verdict.problems.push(`node ${file}: no file ${posix.join(dir, file)}`);
}

const checkers: Record<string, typeof checkPnpm> = {
  pnpm: checkPnpm,
  npx: checkNpx,
  npm: checkNpm,
  node: checkNode,
};

/** One command (after its `VAR=value` prefixes): its problems, none when it runs as written. */
function checkCommand(workspace: CommandWorkspace, words: string[], location: Location): Verdict {
  const verdict: Verdict = { problems: [], readersOwnFiles: [] };
  const start = words.findIndex((word) => !isAssignment(word));
  const [program = '', ...args] = start === -1 ? [] : words.slice(start);
  checkers[program]?.(workspace, args, location, verdict);
  return verdict;
}

/** A `cd` or `cp` to a folder that is not there, from where the block runs. */
const noFolder = (dir: string, path: string) =>
  `no folder ${posix.join(dir, path)} (the block runs in ${dir || 'the root'}; the paragraph before a block may say ` +
  'where it runs: "from the root of a clone", "in this folder", "in the copy")';

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
  /** `path` from `dir`, relative to the root, when it is a folder. */
  const folderAt = (dir: string, path: string) => {
    const target = posix.normalize(posix.join(dir, path)).replace(/^\.$/, '');
    const absolute = posix.join(workspace.root, target);
    return existsSync(absolute) && statSync(absolute).isDirectory() ? target : undefined;
  };
  for (const document of documents) {
    const folder = posix.dirname(document).replace(/^\.$/, '');
    const at = (place: Place): Location => ({ dir: place === 'root' ? '' : folder, copy: place === 'copy' });
    let session = at(defaultPlace(document));
    let block: number | undefined;
    let cloned: string | undefined;
    const copies = new Map<string, string>();
    for (const command of commands.filter((candidate) => candidate.document === document)) {
      const report = (problem: string) =>
        problems.push(`${document}:${command.line}: ${command.words.join(' ')}: ${problem}`);
      const check = (location: Location) => {
        const verdict = checkCommand(workspace, command.words, location);
        verdict.problems.forEach(report);
        for (const file of verdict.readersOwnFiles) readersOwnFilesUsed.add(file);
      };
      if (command.block === undefined) {
        check(at(command.stated ?? 'root'));
        continue;
      }
      if (command.block !== block) {
        block = command.block;
        if (command.stated) session = at(command.stated);
      }
      const [program, first, ...rest] = command.words;
      const operands = [first, ...rest].filter((word): word is string => !!word && !word.startsWith('-'));
      if (program === 'git' && first === 'clone') {
        const [, url = '', folderName] = operands;
        cloned = folderName ?? posix.basename(url, '.git');
      } else if (program === 'cp' && operands.length === 2) {
        const [source = '', copy = ''] = operands;
        const from = folderAt(session.dir, source);
        if (from === undefined) report(noFolder(session.dir, source));
        else copies.set(copy, from);
      } else if (program === 'cd' && first !== undefined) {
        const target = folderAt(session.dir, first);
        if (first === cloned) session = { dir: '', copy: false };
        else if (copies.has(first)) session = { dir: copies.get(first) as string, copy: true };
        else if (target !== undefined) session = { dir: target, copy: session.copy };
        else report(noFolder(session.dir, first));
      } else {
        check(session);
      }
    }
  }
  return { commands, problems, readersOwnFilesUsed };
}
