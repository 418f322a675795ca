import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { packWorkspacePackages, repositoryRoot } from '../helpers/pack.ts';
import { postgresAbsent, postgresAvailable } from '../helpers/postgres.ts';

// Each example, copied out of the repository as a starter: its package.json and tsconfig.json alone, the packages
// installed with plain npm from the tarballs a release would publish, type-checked, then run.

const examplesDir = join(repositoryRoot, 'examples');
const examples = (await readdir(examplesDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Node 24 of the repository first: the examples need type stripping (the system Node may be older). */
const env = {
  ...process.env,
  PATH: [join(repositoryRoot, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
  // Against the simulator, whatever the environment of the test run says.
  ANAPLAN_USERNAME: '',
  ANAPLAN_PASSWORD: '',
  ANAPLAN_CERTIFICATE_FILE: '',
  ANAPLAN_PRIVATE_KEY_FILE: '',
  ANAPLAN_API_KEY: '',
  ANAPLAN_SIM_STATE_FILE: '',
  npm_config_update_notifier: 'false',
};

interface Run {
  code: number;
  output: string;
}

/** Runs a command to its end: its exit code and its stdout and stderr together. */
async function run(
  command: string,
  args: string[],
  cwd: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...env, ...extra },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const {
      code,
      stdout = '',
      stderr = '',
    } = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof code !== 'number') throw error;
    return { code, output: stdout + stderr };
  }
}

let tarballs: Record<string, string>;
/** The folders this file made under the system's temporary folder, removed after the tests. */
const made: string[] = [];
const temporaryFolder = async (prefix: string) => {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
};
const postgres = await postgresAvailable('examples › copy-out › postgres-source');

beforeAll(async () => {
  tarballs = await packWorkspacePackages(await temporaryFolder('anaplan-access-packed-'));
}, 600_000);
afterAll(async () => {
  await Promise.all(made.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Runs a command that must succeed; throws with its output when it does not. */
async function succeed(command: string, args: string[], cwd: string): Promise<void> {
  const { code, output } = await run(command, args, cwd);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code} in ${cwd}:\n${output}`);
}

/**
 * Copies an example into a new folder outside the repository (without its node_modules), installs the packed
 * packages into it as its README says (`npm install <every tarball>`: npm points the example's @anaplan-access
 * dependencies at the files, and the packages they depend on come from the tarballs too, not the registry), and
 * type-checks it with its own tsconfig.
 */
async function copyOut(name: string): Promise<string> {
  const dir = join(await temporaryFolder('anaplan-access-starter-'), name);
  await cp(join(examplesDir, name), dir, {
    recursive: true,
    filter: (source) => !source.split(/[\\/]/).includes('node_modules'),
  });
  await succeed(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', ...Object.values(tarballs)],
    dir,
  );
  const { dependencies } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const fromRegistry = Object.entries(dependencies).filter(
    ([dependency, spec]) => dependency.startsWith('@anaplan-access/') && !spec.startsWith('file:'),
  );
  if (fromRegistry.length > 0)
    throw new Error(`examples/${name}: not from the tarballs: ${fromRegistry.join(', ')}`);
  await succeed('npm', ['run', 'typecheck'], dir);
  return dir;
}

/** How each example shows that it ran to the end; by default its plan after applying is empty. */
const finished: Record<string, RegExp> = {
  'bulk-import':
    /Import succeeded: \d+ rows loaded, 0 with warnings, 1 rejected\.\n {2}line \d+ error: Invalid role: Emperor/,
  'scim-provisioning': /Leaver: nadia\.haddad@example\.com active=false, workspaces 0\./,
  // Without Anaplan Connect installed it stops after writing the bundle, saying how to run it.
  'anaplan-connect-bundle':
    /Anaplan Connect bundle for plan sha256:[0-9a-f]{64}: [\s\S]*\nNext: ANAPLAN_CONNECT=/,
  // It writes the review and the adopted access file, and says where.
  'access-review':
    /Report: .*access-review\.html\nToday's access of 6 users as an access file: .*adopted-access\.csv/,
};

// Concurrent: most of the time goes to npm install, which waits on the cache and the network rather than the CPU.
// Each test installs and type-checks a project: minutes, not the default 30 seconds.
describe.concurrent('every example, copied out of the repository, installs with npm, type-checks and runs', {
  timeout: 600_000,
}, () => {
  it('finds the examples', ({ expect }) => {
    expect(examples).toContain('quickstart');
    expect(examples).toContain('ci-plan-gate');
  });

  for (const name of examples.filter((example) => !['ci-plan-gate', 'drift-watch'].includes(example))) {
    const skip = name === 'postgres-source' && !postgres;
    it.skipIf(skip)(
      skip ? `${name} (${postgresAbsent})` : `${name}: npm start runs it to the end`,
      async ({ expect }) => {
        const dir = await copyOut(name);
        const start = await run('npm', ['start'], dir);
        expect(start.code, start.output).toBe(0);
        expect(start.output).toMatch(finished[name] ?? /No changes\. Anaplan matches the desired state\./);
      },
    );
  }

  it('drift-watch: npm start exits 2 with the report of the simulated hand edit, 0 without it', async ({
    expect,
  }) => {
    const dir = await copyOut('drift-watch');
    const watch = { REPORT_DIR: await temporaryFolder('drift-watch-run-') };
    const drift = await run('npm', ['start'], dir, watch);
    expect(drift.code, drift.output).toBe(2);
    expect(drift.output).toContain('kim.admin@example.com');
    const quiet = await run('node', ['start.mjs'], dir, { ...watch, SIMULATE_HAND_EDIT: 'false' });
    expect(quiet.code, quiet.output).toBe(0);
    expect(quiet.output).toContain('**No drift.**');
  });

  it('ci-plan-gate: plan exits 2, apply applies the reviewed plan in another process, plan exits 0', async ({
    expect,
  }) => {
    const dir = await copyOut('ci-plan-gate');
    const planDir = await temporaryFolder('plan-gate-run-');
    const gate = { PLAN_DIR: planDir };

    // The commands its README shows: npm passes the gate's exit code on, as node does.
    const first = await run('npm', ['run', 'plan'], dir, gate);
    expect(first.code, first.output).toBe(2);
    expect(await readFile(join(planDir, 'anaplan-access-plan.md'), 'utf8')).toContain(
      'eve.martin@example.com',
    );

    const applied = await run('node', ['start.mjs', 'apply'], dir, gate);
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toContain('Applied: succeeded');

    const second = await run('node', ['start.mjs', 'plan'], dir, gate);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('No changes.');
  });

  it('ci-plan-gate in the repository: pnpm plan and pnpm apply, run in its folder, exit with its own codes', async ({
    expect,
  }) => {
    const { packageManager } = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8'));
    const gate = { PLAN_DIR: await temporaryFolder('plan-gate-run-') };
    const pnpm = (command: string) =>
      run('npx', ['--yes', packageManager, command], join(examplesDir, 'ci-plan-gate'), gate);
    const first = await pnpm('plan');
    expect(first.code, first.output).toBe(2);
    const applied = await pnpm('apply');
    expect(applied.code, applied.output).toBe(0);
    const second = await pnpm('plan');
    expect(second.code, second.output).toBe(0);
  });
});
