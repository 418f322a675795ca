import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { printSkip } from '../helpers/skip-notice.ts';

// Each example is a starter: a package of its own that works when its folder is copied out of the repository
// (test/examples/copy-out.test.ts does that). These are the rules that make it so, checked on every example.

const root = join(import.meta.dirname, '..', '..');
const examplesDir = join(root, 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Manifest {
  name: string;
  private?: boolean;
  engines?: { node?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const manifestOf = (example: string) => readJson(join(examplesDir, example, 'package.json'));
const publishedVersions = new Map(
  ['core', 'scim', 'bulk', 'cloudworks', 'audit', 'exception-users', 'reconcile', 'testkit'].map((folder) => {
    const manifest = readJson(join(root, 'packages', folder, 'package.json')) as Manifest & {
      version: string;
    };
    return [manifest.name, manifest.version] as const;
  }),
);

/** The files under an example's src/, recursively. */
function sourceFiles(example: string): string[] {
  const dir = join(examplesDir, example, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/** The module specifiers a file imports (static imports and re-exports, and dynamic imports of a string). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s*'([^']+)'|import\('([^']+)'\)/g)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
}

/** The example folders that hold `file`, and whether every copy is the same as the first. */
function copiesOf(file: string): { holders: string[]; differing: string[] } {
  const holders = examples.filter((example) => {
    try {
      readFileSync(join(examplesDir, example, file));
      return true;
    } catch {
      return false;
    }
  });
  const first = readFileSync(join(examplesDir, holders[0] as string, file), 'utf8');
  const differing = holders.filter(
    (example) => readFileSync(join(examplesDir, example, file), 'utf8') !== first,
  );
  return { holders, differing };
}

describe('every example stands on its own, as a starter', () => {
  it('finds the examples, and no private support package among them', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
    expect(examples).not.toContain('support');
  });

  it.each(examples)('%s: package.json names the published packages with semver ranges', (example) => {
    const manifest = manifestOf(example);
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, range] of Object.entries(all)) {
      expect(range, `${name} in examples/${example}/package.json`).not.toMatch(/^(workspace|link|file):/);
      if (name.startsWith('@anaplan-access/'))
        expect(range, `${name} in examples/${example}/package.json`).toBe(`^${publishedVersions.get(name)}`);
    }
    expect(Object.keys(manifest.dependencies ?? {})).toContain('@anaplan-access/core');
    expect(manifest.devDependencies).toMatchObject({
      typescript: expect.any(String),
      '@types/node': expect.any(String),
    });
  });

  it.each(examples)(
    '%s: package.json says which Node.js it needs, and its scripts go through start.mjs',
    (example) => {
      const { engines, scripts = {} } = manifestOf(example);
      expect(engines?.node).toBe('^22.18.0 || >=23.6.0');
      expect(scripts.typecheck).toBe('tsc -p tsconfig.json');
      const runs = Object.entries(scripts).filter(([name]) => name !== 'typecheck');
      expect(runs.length).toBeGreaterThan(0);
      for (const [name, command] of runs)
        expect(command, `script ${name}`).toMatch(/^node start\.mjs( \w+)?$/);
    },
  );

  it.each(examples)(
    '%s: its source imports only Node.js, its own files and what its package.json names',
    (example) => {
      const { dependencies = {}, devDependencies = {} } = manifestOf(example);
      const exampleDir = join(examplesDir, example);
      for (const file of sourceFiles(example)) {
        const where = relative(root, file);
        for (const specifier of importsOf(file)) {
          if (specifier.startsWith('node:')) continue;
          if (specifier.startsWith('.')) {
            const target = join(dirname(file), specifier);
            expect(target.startsWith(exampleDir + sep), `${where} imports ${specifier}`).toBe(true);
            continue;
          }
          const name = specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : specifier.split('/')[0];
          expect(Object.keys(dependencies), `${where} imports ${specifier}`).toContain(name);
        }
      }
      // Type-only packages are dev dependencies: nothing an example runs with.
      for (const name of Object.keys(devDependencies)) expect(name).toMatch(/^(@types\/|typescript$)/);
    },
  );

  it('start.mjs and tsconfig.json are the same in every example, and tsconfig.json stands alone', () => {
    for (const file of ['start.mjs', 'tsconfig.json']) {
      const { holders, differing } = copiesOf(file);
      expect(holders, file).toEqual(examples);
      expect(differing, `${file} differs from examples/${holders[0]}/${file}`).toEqual([]);
    }
    const tsconfig = JSON.parse(
      readFileSync(join(examplesDir, examples[0] as string, 'tsconfig.json'), 'utf8'),
    );
    expect(tsconfig.extends).toBeUndefined();
    expect(tsconfig.compilerOptions).toMatchObject({
      module: 'nodenext',
      strict: true,
      allowImportingTsExtensions: true,
      noEmit: true,
    });
  });

  it('the files several examples carry a copy of are the same in each', () => {
    for (const file of ['src/connection.ts', 'src/print-apply-result.ts']) {
      const { holders, differing } = copiesOf(file);
      expect(holders.length, file).toBeGreaterThan(1);
      expect(differing, `${file} differs from examples/${holders[0]}/${file}`).toEqual([]);
    }
  });
});

// The system's Node.js, when it is older than 22.18 (the repository's own Node is newer).
const older = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !dir.startsWith(root))
  .map((dir) => join(dir, 'node'))
  .find((node) => {
    try {
      readFileSync(node);
      return true;
    } catch {
      return false;
    }
  });
const olderVersion = older ? execFileSync(older, ['--version'], { encoding: 'utf8' }).trim() : undefined;
const tooOld = olderVersion !== undefined && /^v(1\d|2[01])\.|^v22\.(\d|1[0-7])\./.test(olderVersion);
if (!tooOld)
  printSkip(
    'examples › start.mjs on an old Node.js',
    `no Node.js older than 22.18 on PATH (${olderVersion ?? 'none'})`,
  );

describe('start.mjs on a Node.js that cannot run TypeScript files', () => {
  const run = async (node: string, args: string[]) => {
    try {
      await promisify(execFile)(node, args, { cwd: join(examplesDir, 'quickstart'), encoding: 'utf8' });
      return { code: 0, stderr: '' };
    } catch (error) {
      return error as { code: number; stderr: string };
    }
  };
  const expectTheMessage = ({ code, stderr }: { code: number; stderr: string }) => {
    expect(code).toBe(1);
    expect(stderr).toMatch(/^This example runs TypeScript files directly: it needs Node\.js 22\.18 or newer/);
    expect(stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  };

  it('says which Node.js it needs when type stripping is off', async () => {
    expectTheMessage(await run(process.execPath, ['--no-experimental-strip-types', 'start.mjs']));
  });

  it.skipIf(!tooOld)(`says which Node.js it needs on ${olderVersion ?? 'an older Node.js'}`, async () => {
    expectTheMessage(await run(older as string, ['start.mjs']));
  });
});
