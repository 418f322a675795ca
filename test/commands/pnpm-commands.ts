// pnpm's own commands, which win over a package script of the same name: `pnpm docs` opens a package's
// documentation in a browser, whatever the `docs` script says. The list is pnpm's `--help` of the version the
// repository pins (`packageManager`); commands.test.ts compares it with that output when pnpm is in the npm cache,
// and fails when `packageManager` moves to another version, so that the list is taken again.

/** The pnpm version the lists below come from. */
export const pnpmCommandsVersion = '12.4.2';

/**
 * Every command of `pnpm --help` (pnpm 12.4.2), aliases included, in the order it lists them. Taken with
 * `npx --yes pnpm@12.4.2 --help` (the "Commands:" section; an alias is in `[alias: …]` or `[aliases: …]`).
 */
export const pnpmBuiltins: readonly string[] = [
  ...['access', 'init', 'recursive', 'multi', 'm', 'add', 'install', 'i', 'install-test', 'it'],
  ...['update', 'up', 'upgrade', 'outdated', 'audit', 'change', 'version', 'lane', 'bugs', 'issues'],
  ...['list', 'ls', 'll', 'la', 'licenses', 'licences', 'why', 'view', 'info', 'show', 'v', 'sbom'],
  ...['whoami', 'deprecate', 'undeprecate', 'unpublish', 'star', 'unstar', 'stars', 'dist-tag', 'dist-tags'],
  ...['ping', 'doctor', 'search', 's', 'se', 'find', 'rebuild', 'rb', 'pack', 'publish', 'stage'],
  ...['remove', 'uninstall', 'rm', 'un', 'uni', 'patch', 'patch-commit', 'patch-remove', 'peers'],
  ...['set-script', 'ss', 'test', 't', 'tst', 'run', 'pipeline', 'exec', 'dlx', 'create', 'completion'],
  ...['start', 'stop', 'restart', 'find-hash', 'runtime', 'rt', 'env', 'shim', 'bin', 'clean', 'purge'],
  ...['ci', 'clean-install', 'ic', 'install-clean', 'root', 'prefix', 'config', 'c', 'get', 'set', 'pkg'],
  ...[
    'pack-app',
    'store',
    'cache',
    'cat-file',
    'cat-index',
    'ignored-builds',
    'approve-builds',
    'link',
    'ln',
  ],
  ...['import', 'dedupe', 'deploy', 'prune', 'fetch', 'unlink', 'dislink', 'docs', 'home', 'repo'],
  ...['self-update', 'setup', 'login', 'adduser', 'team', 'owner', 'owners', 'logout', 'with', 'edit'],
  ...['profile', 'token', 'xmas', 'help'],
];

/**
 * Built-ins that run the package's script of this name (from their `--help` text: "Runs a package's "test"
 * script"; `install-test` installs first, then runs `test`).
 */
export const scriptRunningBuiltins: Readonly<Record<string, string>> = {
  test: 'test',
  t: 'test',
  tst: 'test',
  'install-test': 'test',
  it: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
};

/** Built-ins that a script of the same name overrides ("A `clean` script in `package.json` overrides the built-in"). */
export const overridableBuiltins: readonly string[] = ['clean', 'purge'];

/** The command names and aliases of a `pnpm --help` output, in its order. */
export function parsePnpmHelp(help: string): string[] {
  const section = /^Commands:\n([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(help)?.[1] ?? '';
  return section.split('\n').flatMap((line) => {
    const match = /^ {2}(\S+)\s.*?(?:\[(?:alias|aliases): ([^\]]+)\])?\s*$/.exec(line);
    if (!match) return [];
    return [match[1] as string, ...(match[2]?.split(',').map((alias) => alias.trim()) ?? [])];
  });
}
