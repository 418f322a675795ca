// Tests: test/consumer/consumer.test.ts
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The folders of the published packages under `packages/`: every one whose package.json is not `private`
 * (test-support is). Read from the tree, so that a new package (reconcile's dependencies audit, cloudworks,
 * exception-users) is packed too: npm would look a missing one up in the registry.
 */
export const publicPackageFolders: readonly string[] = readdirSync(join(repositoryRoot, 'packages'))
  .filter((folder) => {
    const manifest = join(repositoryRoot, 'packages', folder, 'package.json');
    return (
      existsSync(manifest) && !(JSON.parse(readFileSync(manifest, 'utf8')) as { private?: boolean }).private
    );
  })
  .sort();

/** The npm name of a published package, e.g. `@anaplan-access/core`. */
export type PublicPackageName = `@anaplan-access/${string}`;

/** Options of {@link packWorkspacePackages}. */
export interface PackOptions {
  /**
   * Build the packages (`tsc -b`, as `pnpm run build` does) before packing. Turn off only when the caller has just
   * built them.
   *
   * @default true
   */
  readonly build?: boolean;
}

/** The pnpm of the repository (`packageManager` in the root package.json), run through npx like the documented commands. */
const pnpm = (): [string, string[]] => {
  const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  return ['npx', ['--yes', manifest.packageManager]];
};

/**
 * Builds the published packages and packs each with `pnpm pack` into `destDir`, as a release would publish
 * them. Use `pnpm pack`, never `npm pack`: pnpm rewrites the `workspace:*` ranges between our packages into the
 * version (`"@anaplan-access/core": "0.1.0"`), while npm copies `workspace:*` into the tarball, which npm then
 * cannot install (`EUNSUPPORTEDPROTOCOL`). The build and the packing hold a lock on the repository, so that two
 * test files packing at the same time do not write `dist/` under each other.
 *
 * @example
 * ```ts
 * const tarballs = await packWorkspacePackages(await mkdtemp(join(tmpdir(), 'packed-')));
 * await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...Object.values(tarballs)], { cwd });
 * ```
 * @returns the absolute path of each tarball, by package name.
 * @throws {Error} when the build or `pnpm pack` fails (the message carries their output).
 */
export async function packWorkspacePackages(
  destDir: string,
  options: PackOptions = {},
): Promise<Record<PublicPackageName, string>> {
  const { build = true } = options;
  return withRepositoryLock(async () => {
    if (build) {
      const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      const dirs = publicPackageFolders.map((folder) => `packages/${folder}`);
      await runOrExplain(process.execPath, [tsc, '-b', ...dirs], repositoryRoot);
    }
    const [command, prefix] = pnpm();
    const tarballs: Partial<Record<PublicPackageName, string>> = {};
    for (const folder of publicPackageFolders) {
      const stdout = await runOrExplain(
        command,
        [...prefix, 'pack', '--json', '--pack-destination', destDir],
        join(repositoryRoot, 'packages', folder),
      );
      const { name, filename } = JSON.parse(stdout) as { name: PublicPackageName; filename: string };
      tarballs[name] = filename;
    }
    return tarballs as Record<PublicPackageName, string>;
  });
}

async function runOrExplain(command: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(command, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${stdout}\n${stderr}`);
  }
}

/** A lock folder in `node_modules/.cache`: `mkdir` either creates it or fails, atomically, across processes. */
async function withRepositoryLock<T>(body: () => Promise<T>): Promise<T> {
  const lock = join(repositoryRoot, 'node_modules', '.cache', 'anaplan-access-pack.lock');
  mkdirSync(join(lock, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than ten minutes was left by a process that died: take it over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
