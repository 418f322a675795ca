// Package checks over every published package: publint on the folder, @arethetypeswrong/cli on the packed tarball
// (ESM-only profile), the manifest fields publishing relies on (README, publishConfig, engines, repository), and
// the package on the oldest Node.js its engines allow when that Node is on this machine. Then the release
// configuration: `changeset status` must assemble a release plan from .changeset/. Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packagesDir = join(root, 'packages');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(join(root, 'package.json'));
const out = mkdtempSync(join(tmpdir(), 'anaplan-access-pack-'));
let passed = 0;
let failed = 0;
let skipped = 0;

/** Runs one check: `check` throws (with the output of a failed command, or a message) or returns a skip reason. */
function report(label, name, check) {
  try {
    const skip = check();
    if (skip) {
      skipped += 1;
      console.log(`skip ${label.padEnd(8)} ${name}: ${skip}`);
    } else {
      passed += 1;
      console.log(`ok   ${label.padEnd(8)} ${name}`);
    }
  } catch (error) {
    failed += 1;
    console.log(
      `FAIL ${label.padEnd(8)} ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout ? '' : error.message}`,
    );
  }
}

/** The lowest version of a simple engines range (`>=22`, `>=22.13`, `^20.19.0 || >=22.12.0`), as [major, minor, patch]. */
function floorOf(range) {
  const floors = range.split('||').map((alternative) => {
    const match = /^\s*(?:>=|\^|~)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(alternative);
    if (!match) throw new Error(`engines range "${range}" is not one this check reads (>=X.Y.Z, ^X.Y.Z, ||)`);
    return match.slice(1, 4).map((part) => Number(part ?? 0));
  });
  return floors.sort(compareVersions)[0];
}

function compareVersions(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** What publishing needs from a manifest: each problem as a sentence. */
function manifestProblems(dir, manifest) {
  const problems = [];
  const readme = join(packagesDir, dir, 'README.md');
  if (!existsSync(readme)) problems.push('README.md is missing (it is the npm page and the docs-site page)');
  else if (!readFileSync(readme, 'utf8').startsWith(`# ${manifest.name}\n`))
    problems.push(`README.md does not start with "# ${manifest.name}"`);
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');
  if (manifest.publishConfig?.provenance !== true) problems.push('publishConfig.provenance is not true');
  if (manifest.repository?.url !== rootManifest.repository?.url)
    problems.push(`repository.url is not the root package.json's (${rootManifest.repository?.url})`);
  if (manifest.repository?.directory !== `packages/${dir}`)
    problems.push(`repository.directory is not "packages/${dir}"`);
  const range = manifest.engines?.node;
  if (typeof range !== 'string') return [...problems, 'engines.node is missing'];
  // Every runtime dependency must run on the oldest Node.js this package claims (ky 2 needs 22, …).
  const floor = floorOf(range);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const needed = readJson(join(packagesDir, dir, 'node_modules', dependency, 'package.json')).engines?.node;
    if (needed && compareVersions(floor, floorOf(needed)) < 0)
      problems.push(`engines.node "${range}" allows an older Node.js than ${dependency} needs ("${needed}")`);
  }
  return problems;
}

/** The Node.js binaries on this machine other than the one running (system installs, PATH), by version. */
function otherNodes() {
  const candidates = [
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')),
    '/usr/bin/node',
  ];
  const found = new Map();
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (real === realpathSync(process.execPath) || found.has(real)) continue;
    const version = execFileSync(real, ['--version'], { encoding: 'utf8' }).trim();
    found.set(real, version.replace(/^v/, '').split('.').map(Number));
  }
  return [...found].map(([path, version]) => ({ path, version }));
}

/** What is run on an older Node.js: importing the entry point, and for the testkit a simulated login. */
const smokeScripts = {
  '@anaplan-access/testkit': (entry) => `
    const { demoTenant, startSimulator } = await import(${JSON.stringify(entry)});
    const demo = demoTenant();
    const sim = await startSimulator({ seed: demo.seed });
    try {
      const basic = Buffer.from(demo.credentials.username + ':' + demo.credentials.password).toString('base64');
      const login = await fetch(sim.authUrl + '/token/authenticate', { method: 'POST', headers: { authorization: 'Basic ' + basic } });
      const { tokenInfo } = await login.json();
      const users = await fetch(sim.scimUrl + '/Users', { headers: { authorization: 'AnaplanAuthToken ' + tokenInfo.tokenValue } });
      if (users.status !== 200) throw new Error('SCIM /Users answered ' + users.status);
    } finally {
      await sim.close();
    }`,
};

/** Runs the package's smoke on the oldest other Node.js its engines allow, when one is installed. */
function checkOldestNode(dir, manifest, nodes) {
  const floor = floorOf(manifest.engines.node);
  const current = process.versions.node.split('.').map(Number);
  if (floor[0] >= current[0]) return undefined; // the running Node.js is the oldest allowed major: checked already
  const allowed = nodes
    .filter(({ version }) => compareVersions(version, floor) >= 0 && version[0] < current[0])
    .sort((a, b) => compareVersions(a.version, b.version));
  if (allowed.length === 0) return `no Node.js ${floor[0]}–${current[0] - 1} on this machine`;
  const { path, version } = allowed[0];
  const entry = join(packagesDir, dir, manifest.exports['.'].default);
  const script = smokeScripts[manifest.name]?.(entry) ?? `await import(${JSON.stringify(entry)});`;
  execFileSync(path, ['--input-type=module', '-e', script], {
    stdio: 'pipe',
    encoding: 'utf8',
    timeout: 60_000,
  });
  console.log(`     on Node.js ${version.join('.')} (${path})`);
  return undefined;
}

/**
 * `changeset status` over the workspace's manifests and .changeset/ as they are now, in a scratch git repository
 * on its base branch (so that neither the branch checked out nor uncommitted work elsewhere in the tree matters): the configuration must be valid,
 * every changeset must name existing packages, the release plan must assemble, and it may release published
 * packages only.
 */
function checkReleasePlan(published) {
  const scratch = join(out, 'release');
  const copy = (path) => cpSync(join(root, path), join(scratch, path), { recursive: true });
  for (const path of ['package.json', 'pnpm-workspace.yaml', '.changeset']) copy(path);
  for (const parent of ['packages', 'examples'])
    for (const dir of readdirSync(join(root, parent)))
      if (existsSync(join(root, parent, dir, 'package.json'))) copy(`${parent}/${dir}/package.json`);
  copy('test/package.json');
  const config = readJson(join(root, '.changeset', 'config.json'));
  const git = (...args) => execFileSync('git', args, { cwd: scratch, stdio: 'pipe' });
  git('init', '-q', '-b', config.baseBranch ?? 'main');
  git('add', '-A');
  git('-c', 'user.name=check', '-c', 'user.email=check@example.com', 'commit', '-q', '-m', 'workspace');
  execFileSync(bin('changeset'), ['status', '--output=plan.json'], {
    cwd: scratch,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  const plan = readJson(join(scratch, 'plan.json'));
  const unpublished = plan.releases.filter(
    (release) => release.type !== 'none' && !published.has(release.name),
  );
  if (unpublished.length > 0)
    throw new Error(
      `the release plan releases unpublished packages: ${unpublished.map((r) => r.name).join(', ')}`,
    );
  if (config.access !== 'public') throw new Error('.changeset/config.json: access is not "public"');
  const releases = plan.releases.filter((release) => release.type !== 'none');
  console.log(
    `     ${plan.changesets.length} changesets: ${releases.map((r) => `${r.name} ${r.newVersion}`).join(', ')}`,
  );
}

try {
  const nodes = otherNodes();
  const published = new Set();
  for (const dir of readdirSync(packagesDir).sort()) {
    const packageDir = join(packagesDir, dir);
    if (!existsSync(join(packageDir, 'package.json'))) continue;
    const manifest = readJson(join(packageDir, 'package.json'));
    if (manifest.private) continue;
    published.add(manifest.name);
    report('publint', manifest.name, () => {
      execFileSync(bin('publint'), ['--strict', packageDir], { stdio: 'pipe', encoding: 'utf8' });
    });
    report('attw', manifest.name, () => {
      // The tarball a release publishes: pnpm pack writes our packages' versions where the manifest says
      // workspace:*, npm pack would leave workspace:* in it (docs/install-from-tarballs.md).
      const { filename } = JSON.parse(
        execFileSync(
          'npx',
          ['--yes', rootManifest.packageManager, 'pack', '--json', '--pack-destination', out],
          {
            cwd: packageDir,
            encoding: 'utf8',
          },
        ),
      );
      execFileSync(bin('attw'), [filename, '--profile', 'esm-only', '--format', 'table-flipped'], {
        stdio: 'pipe',
        encoding: 'utf8',
      });
    });
    report('manifest', manifest.name, () => {
      const problems = manifestProblems(dir, manifest);
      if (problems.length > 0) throw new Error(problems.map((problem) => `  ${problem}`).join('\n'));
    });
    report('engines', manifest.name, () => checkOldestNode(dir, manifest, nodes));
  }
  report('release', '.changeset', () => checkReleasePlan(published));
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(`package checks: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
