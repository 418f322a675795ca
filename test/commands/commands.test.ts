import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { printSkip } from '../helpers/skip-notice.js';
import { checkDocuments, commandsIn, loadCommandWorkspace, readersOwnFiles } from './documented-commands.ts';
import { parsePnpmHelp, pnpmBuiltins, pnpmCommandsVersion } from './pnpm-commands.ts';

// Every command the README, the guides and the examples' READMEs show runs as written: see documented-commands.ts.

const root = fileURLToPath(new URL('../../', import.meta.url));

/** README.md, docs/*.md and examples/<name>/README.md. */
function documents(): string[] {
  const guides = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const examples = readdirSync(join(root, 'examples'))
    .filter((name) => existsSync(join(root, 'examples', name, 'README.md')))
    .map((name) => `examples/${name}/README.md`);
  return ['README.md', ...guides.sort(), ...examples.sort()];
}

describe('documented commands', () => {
  it('each runs a script that exists, that no pnpm built-in shadows, with the pinned pnpm, on files that exist', () => {
    const { commands, problems, readersOwnFilesUsed } = checkDocuments(
      loadCommandWorkspace(root),
      documents(),
    );
    expect(commands.length).toBeGreaterThan(30);
    expect(problems).toEqual([]);
    // An exception no document uses any more is removed from the list.
    expect([...readersOwnFilesUsed].sort()).toEqual(Object.keys(readersOwnFiles).sort());
  });
});

describe('the check, on a fixture workspace', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'anaplan-access-commands-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  const manifest = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const tree: Record<string, string> = {
    'package.json': manifest({
      name: 'fixture',
      private: true,
      packageManager: 'pnpm@12.4.2',
      scripts: { build: 'tsc -b', docs: 'typedoc', test: 'vitest run', demo: 'node demo.ts' },
    }),
    'pnpm-workspace.yaml': 'packages:\n  - examples/*\n',
    'demo.ts': '',
    'examples/quickstart/package.json': manifest({
      name: '@fixture/example-quickstart',
      scripts: { start: 'node src/main.ts' },
    }),
    'examples/quickstart/src/main.ts': '',
    'examples/quickstart/README.md': [
      '# Quick start',
      '',
      '```sh',
      'npx --yes pnpm@12.4.2 build     # the root script: not here, in the example',
      'npx --yes pnpm@12.4.2 start',
      'node src/main.ts',
      'npx --yes pnpm@12.4.2 -w build && npx --yes pnpm@12.4.2 --filter @fixture/example-quickstart start',
      '```',
      '',
      'From the root of the repository:',
      '',
      '```sh',
      'npx --yes pnpm@12.4.2 demo',
      'cp -r examples/quickstart ~/quickstart && cd ~/quickstart',
      'npm start',
      'npx --yes pnpm@12.4.2 -w build',
      '```',
      '',
      'Run `node src/main.ts` in this folder. At the root, `node src/main.ts` finds no file.',
      '',
      '```sh',
      'cp -r examples/quickstart ~/elsewhere',
      '```',
      '',
    ].join('\n'),
    'README.md': [
      '# Fixture',
      '',
      '```sh',
      'git clone https://example.com/fixture.git && cd fixture',
      'npx --yes pnpm@12.4.2 install && npx --yes pnpm@12.4.2 docs',
      'npx --yes pnpm@12.4.2 bench --check  # no bench script',
      'ANAPLAN_APPLY=yes npx --yes pnpm@12.4.2 --filter @fixture/example-quickstart start',
      'pnpm --filter @fixture/nothing start',
      'npx --yes pnpm@12.4.1 run build; echo "exit code $?"',
      'node demo.ts \\',
      '  --verbose',
      'node scripts/missing.ts',
      'npx anaplan-sim --port 8080',
      '```',
      '',
      'Check with `pnpm test`, then `pnpm run lint`, and `npm run demo`. Plain code: `pnpm-lock.yaml`, `node:fs`.',
      '',
      '```text',
      'pnpm docs       (a text block is not a command)',
      '```',
      '',
    ].join('\n'),
  };
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), content);
  }

  it('extracts the commands of shell blocks and of inline code, with their lines', () => {
    const readme = readFileSync(join(fixture, 'README.md'), 'utf8');
    expect(commandsIn('README.md', readme).map(({ line, words }) => `${line}: ${words.join(' ')}`)).toEqual([
      '4: git clone https://example.com/fixture.git',
      '4: cd fixture',
      '5: npx --yes pnpm@12.4.2 install',
      '5: npx --yes pnpm@12.4.2 docs',
      '6: npx --yes pnpm@12.4.2 bench --check',
      '7: ANAPLAN_APPLY=yes npx --yes pnpm@12.4.2 --filter @fixture/example-quickstart start',
      '8: pnpm --filter @fixture/nothing start',
      '9: npx --yes pnpm@12.4.1 run build',
      '9: echo exit code $?',
      '10: node demo.ts --verbose',
      '12: node scripts/missing.ts',
      '13: npx anaplan-sim --port 8080',
      '16: pnpm test',
      '16: pnpm run lint',
      '16: npm run demo',
    ]);
  });

  it('fails on a shadowed script, a missing script, an unknown package or file, another pnpm, a wrong place', () => {
    const { problems } = checkDocuments(loadCommandWorkspace(fixture), [
      'README.md',
      'examples/quickstart/README.md',
    ]);
    expect(problems).toEqual([
      'README.md:5: npx --yes pnpm@12.4.2 docs: "docs" is a pnpm built-in, which runs instead of the script "docs" of package.json: write pnpm run docs',
      'README.md:6: npx --yes pnpm@12.4.2 bench --check: no script "bench" in package.json, and "bench" is no pnpm command',
      'README.md:8: pnpm --filter @fixture/nothing start: --filter @fixture/nothing: no package of the workspace has that name',
      'README.md:9: npx --yes pnpm@12.4.1 run build: pnpm@12.4.1: the repository pins pnpm@12.4.2 (packageManager in package.json)',
      'README.md:12: node scripts/missing.ts: node scripts/missing.ts: no file scripts/missing.ts',
      'README.md:13: npx anaplan-sim --port 8080: npx anaplan-sim: no package of the workspace and no dependency installs "anaplan-sim"',
      'README.md:16: pnpm run lint: no script "lint" in package.json',
      'examples/quickstart/README.md:4: npx --yes pnpm@12.4.2 build: no script "build" in examples/quickstart/package.json, and "build" is no pnpm command',
      'examples/quickstart/README.md:16: npx --yes pnpm@12.4.2 -w build: a copy outside the repository has no workspace (--filter, -w and -r need one)',
      'examples/quickstart/README.md:19: node src/main.ts: node src/main.ts: no file src/main.ts',
      'examples/quickstart/README.md:22: cp -r examples/quickstart ~/elsewhere: no folder examples/quickstart/examples/quickstart (the block runs in examples/quickstart; the paragraph before a block may say where it runs: "from the root of a clone", "in this folder", "in the copy")',
    ]);
  });
});

describe('pnpm built-ins', () => {
  it('are listed for the pnpm that packageManager pins', () => {
    const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(packageManager, 'take the list in pnpm-commands.ts again from the new pnpm').toBe(
      `pnpm@${pnpmCommandsVersion}`,
    );
  });

  // Compared with pnpm's own --help when that pnpm is in the npm cache already: never a download at test time.
  let help: string | undefined;
  try {
    help = execFileSync('npx', ['--offline', '--yes', `pnpm@${pnpmCommandsVersion}`, '--help'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
  } catch {
    printSkip('pnpm built-ins against pnpm --help', `pnpm@${pnpmCommandsVersion} is not in the npm cache`);
  }

  it.skipIf(help === undefined)('are the commands and aliases of pnpm --help', () => {
    expect(parsePnpmHelp(help as string)).toEqual(pnpmBuiltins);
  });
});
