import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PublicPackageName,
  packWorkspacePackages,
  publicPackageFolders,
  repositoryRoot,
} from '../helpers/pack.js';

// The outsider's path (issue 15 §5): the five packages packed as a release publishes them, installed with plain npm
// into a fresh project outside the repository, a consumer program type-checked under the strictest settings with
// the oldest and the newest TypeScript we support, then run on Node 24 against the simulator.

/** The supported TypeScript range, as docs/install-from-tarballs.md states it; each end is tested here. */
const oldestTypeScript = '5.5.4';
const newestTypeScript = '7.0.2';
/** The oldest @types/node whose declarations our .d.ts files need (`node:sqlite`, the global `ReadableStream`). */
const oldestTypesNode = '22.10.0';
/** The @types/node the repository itself builds with (for Node 24). */
const typesNode = (
  JSON.parse(readFileSync(join(repositoryRoot, 'node_modules/@types/node/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const run = promisify(execFile);
/** The repository's Node 24 first on PATH: npm and the consumer program run on it. */
const env = {
  ...process.env,
  PATH: [join(repositoryRoot, 'node_modules', '.bin'), process.env['PATH']].join(delimiter),
};

let packed: string;
let project: string;
let tarballs: Record<PublicPackageName, string>;

async function inProject(command: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args, { cwd: project, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }))
      .stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

const npmInstall = (...args: string[]) =>
  inProject('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...args]);
/** The project's own TypeScript, never one from PATH. */
const tsc = (...args: string[]) => inProject('node', ['node_modules/typescript/bin/tsc', ...args]);

/** An installed package of ours: its folder in the project's node_modules and its manifest. */
function installed(name: PublicPackageName) {
  const folder = join(project, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  return { folder, manifest, files };
}

/** The packages a module names in its import and export statements (not in comments: those start with `*`). */
function bareSpecifiers(code: string): string[] {
  const patterns = [
    /^(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns
    .flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''))
    .filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('the packed packages in a fresh npm project', () => {
  beforeAll(async () => {
    packed = mkdtempSync(join(tmpdir(), 'anaplan-access-packed-'));
    project = mkdtempSync(join(tmpdir(), 'anaplan-access-consumer-'));
    tarballs = await packWorkspacePackages(packed);
    cpSync(new URL('./fixture/', import.meta.url), project, { recursive: true });
    await npmInstall(
      ...Object.values(tarballs),
      `typescript@${newestTypeScript}`,
      `@types/node@${typesNode}`,
    );
  }, 300_000);

  afterAll(() => {
    for (const dir of [packed, project]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs every published package, each depending on the exact versions of the others', () => {
    expect(Object.keys(tarballs).sort()).toEqual(
      publicPackageFolders.map((folder) => `@anaplan-access/${folder}`).sort(),
    );
    expect(Object.keys(tarballs)).toEqual(
      expect.arrayContaining(
        ['core', 'scim', 'bulk', 'reconcile', 'testkit'].map((name) => `@anaplan-access/${name}`),
      ),
    );
    const versions = new Map(
      Object.keys(tarballs).map((name) => [name, installed(name as PublicPackageName).manifest.version]),
    );
    for (const name of Object.keys(tarballs) as PublicPackageName[]) {
      const { dependencies = {}, peerDependencies = {}, devDependencies = {} } = installed(name).manifest;
      for (const [dependency, range] of Object.entries({
        ...dependencies,
        ...peerDependencies,
        ...devDependencies,
      })) {
        expect(range, `${name} → ${dependency}`).not.toMatch(/^workspace:/);
        if (versions.has(dependency)) expect(range, `${name} → ${dependency}`).toBe(versions.get(dependency));
      }
    }
  });

  it('ships every package its code and declarations import as a dependency, and no build leftovers', () => {
    for (const name of Object.keys(tarballs) as PublicPackageName[]) {
      const { folder, manifest, files } = installed(name);
      const declared = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      const shipped = files.filter((file) => /^dist[/\\].*\.(js|d\.ts)$/.test(file));
      expect(shipped.length, name).toBeGreaterThan(0);
      const undeclared = shipped.flatMap((file) =>
        bareSpecifiers(readFileSync(join(folder, file), 'utf8'))
          .filter((dependency) => !declared.has(dependency))
          .map((dependency) => `${file} imports ${dependency}`),
      );
      expect(undeclared, name).toEqual([]);
      const leftovers = files.filter((file) => /\.tsbuildinfo$|\.test\.|[/\\]test-support[/\\]/.test(file));
      expect(leftovers, name).toEqual([]);
    }
  });

  it(`type-checks strictly with TypeScript ${newestTypeScript} and runs on Node 24: simulator → SCIM → import → plan → apply → no changes`, async () => {
    expect(await tsc('--version')).toContain(newestTypeScript);
    await tsc('-p', 'tsconfig.json');
    expect(await inProject('node', ['--version'])).toMatch(/^v24\./);

    const output = (await inProject('node', ['dist/main.js'])).trim().split('\n');
    const report = JSON.parse(output.at(-1) ?? '');
    const finance = '8a81b09e5f1d4c2f9a3e7b6c5d4e3f21';

    // SCIM: Jane created without a workspace, then granted Finance.
    expect(report.scim.created).toMatchObject({ userName: 'jane.doe@example.com', workspaces: [] });
    expect(report.scim.granted).toEqual([finance]);
    expect(report.scim.workspacesAfterGrant).toEqual([finance]);
    // Bulk: the USERS import loaded her row.
    expect(report.import).toMatchObject({
      successful: true,
      failures: 0,
      counts: { successful: 1, failed: 0 },
    });
    // Reconcile: Jane's access changes, Omar joins; apply succeeds; the next plan is empty.
    expect(report.plan.blocked).toBe(false);
    expect(report.plan.operations).toEqual([
      'model.access.set jane.doe@example.com',
      'user.create omar.haddad@example.com',
      'model.access.set omar.haddad@example.com',
    ]);
    expect(output).toContain('Plan: 2 to create, 1 to update, 0 to revoke/deactivate.');
    expect(report.apply.outcome).toBe('succeeded');
    expect(report.apply.results).toEqual(
      report.plan.operations.map((operation: string) => `succeeded ${operation}`),
    );
    expect(report.replan).toEqual({
      summaryLine: 'No changes. Anaplan matches the desired state.',
      blocked: false,
      operations: [],
    });
    expect(report.tenant).toEqual({
      omarActive: true,
      omarWorkspaces: [finance],
      budget: [
        {
          email: 'jane.doe@example.com',
          role: 'Planner',
          selectiveAccess: { Regions: { read: [], write: ['EMEA'] } },
        },
        {
          email: 'omar.haddad@example.com',
          role: 'Viewer',
          selectiveAccess: { Regions: { read: ['APAC'], write: [] } },
        },
      ],
    });
  }, 120_000);

  it(`type-checks strictly with the oldest supported TypeScript, ${oldestTypeScript}, and @types/node ${oldestTypesNode}`, async () => {
    await npmInstall('--no-save', `typescript@${oldestTypeScript}`, `@types/node@${oldestTypesNode}`);
    expect(await tsc('--version')).toContain(oldestTypeScript);
    await tsc('-p', 'tsconfig.json', '--noEmit');
  }, 120_000);

  it('the install guide states the TypeScript and @types/node versions tested here', () => {
    const guide = readFileSync(join(repositoryRoot, 'docs', 'install-from-tarballs.md'), 'utf8');
    for (const version of [oldestTypeScript, newestTypeScript, oldestTypesNode])
      expect(guide).toContain(version);
  });
});
