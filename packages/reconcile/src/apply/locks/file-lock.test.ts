import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigurationError } from '@anaplan-access/core';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlanRefusedError } from '../../plan/plan-refused-error.js';
import type { AccessTarget } from '../../target/access-target.js';
import { refusal } from '../../test-support/locks.js';
import { fileLock } from './file-lock.js';

const directory = mkdtempSync(join(tmpdir(), 'file-lock-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const target = {} as AccessTarget;

describe('fileLock', () => {
  it('holds a lock directory at the path; a second lock on it is refused until the first is released', async () => {
    const path = join(directory, 'refuse.lock');
    const first = await fileLock({ path }).acquire({ target, onLost: () => {} });
    expect(statSync(path).isDirectory()).toBe(true);
    const refused = await refusal(fileLock({ path }).acquire({ target, onLost: () => {} }));
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    expect((refused as Error).message).toContain(`lock file ${path} (refused at once`);
    await first.release();
    expect(() => statSync(path)).toThrow();
    await (await fileLock({ path }).acquire({ target, onLost: () => {} })).release();
  });

  it('a waiting lock gets it once the holder releases', async () => {
    const path = join(directory, 'wait.lock');
    const first = await fileLock({ path }).acquire({ target, onLost: () => {} });
    let acquired = false;
    const second = fileLock({ path, waitMs: 60_000 })
      .acquire({ target, onLost: () => {} })
      .then((held) => {
        acquired = true;
        return held;
      });
    await new Promise((resolve) => setImmediate(resolve));
    expect(acquired).toBe(false);
    await first.release();
    await (await second).release();
    expect(acquired).toBe(true);
  });

  it('tells the holder when its lock directory was taken from it', async () => {
    const path = join(directory, 'lost.lock');
    let onLost: (error: Error) => void = () => {};
    const lost = new Promise<Error>((resolve) => {
      onLost = resolve;
    });
    await fileLock({ path, staleMs: 2_000 }).acquire({ target, onLost });
    rmSync(path, { recursive: true });
    // proper-lockfile notices at its next refresh (every staleMs / 2).
    expect((await lost).message).toMatch(/compromised|ENOENT|not found|no such file/i);
  });

  it('rejects unknown and invalid options with a ConfigurationError', () => {
    expect(() => fileLock({ path: 'x.lock', stale: 1 } as never)).toThrow(/unknown option "stale"/);
    expect(() => fileLock({ path: '' })).toThrow(/path/);
    let error: unknown;
    try {
      fileLock({ path: 'x.lock', staleMs: 100 });
    } catch (caught) {
      error = caught;
    }
    expect(isConfigurationError(error) && error.key).toBe('staleMs');
  });
});
