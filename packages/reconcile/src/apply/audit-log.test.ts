import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit-entry.js';
import { jsonLinesAuditLog } from './audit-log.js';
import { isAuditReadError } from './audit-read-error.js';

const entry = (time: string, operationId: string): AuditEntry => ({
  time,
  actor: 'integration@example.com',
  planFingerprint: 'sha256:a',
  operationId,
  kind: 'user.deactivate',
  userName: 'a@example.com',
  before: { active: true },
  after: { active: false },
  outcome: 'succeeded',
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('jsonLinesAuditLog: read', () => {
  it('reads back the entries written since a time, after the writes queued so far', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'audit-')), 'audit.jsonl');
    const log = jsonLinesAuditLog(path);
    void log.write(entry('2026-01-01T00:00:00.000Z', 'old'));
    void log.write(entry('2026-01-02T00:00:00.000Z', 'new'));
    const read = await all(log.read({ since: new Date('2026-01-01T12:00:00.000Z') }));
    expect(read.map(({ operationId }) => operationId)).toEqual(['new']);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('reads a log that does not exist yet as empty', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'audit-')), 'none.jsonl');
    expect(await all(jsonLinesAuditLog(path).read({ since: new Date(0) }))).toEqual([]);
  });

  it('refuses a torn or foreign line, naming the file and the line, rather than counting around it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'audit-')), 'audit.jsonl');
    await writeFile(
      path,
      `${JSON.stringify(entry('2026-01-02T00:00:00.000Z', 'one'))}\n{"time":"2026-01-02T00:0\n`,
    );
    const error = await all(jsonLinesAuditLog(path).read({ since: new Date(0) })).catch((caught) => caught);
    expect(isAuditReadError(error)).toBe(true);
    expect(error).toMatchObject({ path, line: 2 });
    await writeFile(path, '{"hello":"world"}\n');
    await expect(all(jsonLinesAuditLog(path).read({ since: new Date(0) }))).rejects.toMatchObject({
      name: 'AuditReadError',
      line: 1,
    });
  });
});

describe('jsonLinesAuditLog: write', () => {
  it('a failed append rejects that write only: the log writes again once the cause is gone', async () => {
    const directory = join(await mkdtemp(join(tmpdir(), 'audit-')), 'later');
    const log = jsonLinesAuditLog(join(directory, 'audit.jsonl'));
    await expect(log.write(entry('2026-01-01T00:00:00.000Z', 'lost'))).rejects.toThrow(/ENOENT/);
    await mkdir(directory);
    await log.write(entry('2026-01-02T00:00:00.000Z', 'kept'));
    const read = await all(log.read({ since: new Date(0) }));
    expect(read.map(({ operationId }) => operationId)).toEqual(['kept']);
  });
});
