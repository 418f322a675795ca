import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The demo's first line says plainly whether it writes to a real tenant (issue 15 §8). Its run itself is tested in
// examples.test.ts; here the program runs as `pnpm demo` starts it, from its sources, and is stopped after that line.
const hooks = fileURLToPath(new URL('../faults/source-hooks.mjs', import.meta.url));
const main = fileURLToPath(new URL('../../examples/quickstart/src/main.ts', import.meta.url));

/** The environment without the caller's ANAPLAN_* variables, plus `variables`. */
function environment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ANAPLAN_'));
  return { ...Object.fromEntries(inherited), ...variables };
}

/** Runs the demo until it has printed `count` lines, or to its end; its lines, standard error and exit code. */
function demoOutput(variables: Record<string, string>, count = Number.POSITIVE_INFINITY) {
  const child = spawn(process.execPath, ['--import', hooks, main], {
    env: environment(variables),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise<{ lines: string[]; stderr: string; code: number | null }>((resolve, reject) => {
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.split('\n').length > count) child.kill();
    });
    child.on('close', (code) => resolve({ lines: stdout.split('\n').slice(0, count), stderr, code }));
  });
}

describe('the quick-start demo', () => {
  it('says first that it runs against the simulator and changes nothing in Anaplan', async () => {
    const { lines, stderr } = await demoOutput({}, 2);
    expect(lines[0], stderr).toBe(
      'SIMULATOR: this demo runs against a simulated tenant on this machine and changes nothing in Anaplan.',
    );
    expect(lines[1], stderr).toMatch(/^Simulated Anaplan tenant at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('says first that it writes to the real tenant when ANAPLAN_* variables name one', async () => {
    // A target file that does not exist: the demo takes its real-tenant path and stops there, before any request.
    const targetFile = join(tmpdir(), 'anaplan-access-no-such-target.json');
    const { lines, stderr, code } = await demoOutput({
      ANAPLAN_USERNAME: 'integration@example.com',
      ANAPLAN_PASSWORD: 'unused',
      ANAPLAN_TARGET_FILE: targetFile,
    });
    expect(lines[0], stderr).toBe(
      'REAL TENANT: this demo applies its plan to the Anaplan tenant your ANAPLAN_* variables name, changing access there.',
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain(`ENOENT: no such file or directory, open '${targetFile}'`);
  });
});
