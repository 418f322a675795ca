// Package checks over every published package: publint on the folder, then @arethetypeswrong/cli on the packed
// tarball (ESM-only profile). Exits non-zero when any package has a problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packagesDir = join(root, 'packages');
const out = mkdtempSync(join(tmpdir(), 'anaplan-access-pack-'));
let failed = 0;
let checked = 0;

try {
  for (const dir of readdirSync(packagesDir).sort()) {
    const packageDir = join(packagesDir, dir);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    checked += 1;
    for (const [label, command, args] of [
      ['publint', bin('publint'), ['--strict', packageDir]],
      ['attw', null, null],
    ]) {
      try {
        if (label === 'attw') {
          const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
            cwd: packageDir,
            encoding: 'utf8',
          })
            .trim()
            .split('\n')
            .at(-1);
          execFileSync(
            bin('attw'),
            [join(out, packed), '--profile', 'esm-only', '--format', 'table-flipped'],
            {
              stdio: 'pipe',
              encoding: 'utf8',
            },
          );
        } else {
          execFileSync(command, args, { stdio: 'pipe', encoding: 'utf8' });
        }
        console.log(`ok   ${label.padEnd(8)} ${manifest.name}`);
      } catch (error) {
        failed += 1;
        console.log(`FAIL ${label.padEnd(8)} ${manifest.name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(`package checks: ${checked * 2 - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
