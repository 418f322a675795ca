import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AuditEntry, AuditSink, AuditSource } from './audit-entry.js';
import { AuditReadError } from './audit-read-error.js';

/**
 * An append-only JSON Lines audit log: one line per write attempt (`started`) and per outcome, flushed in order.
 * `read({ since })` reads the entries back (after the writes queued so far), for the cumulative deletion guard; a
 * log that does not exist yet reads as empty.
 *
 * @example
 * ```ts
 * const audit = jsonLinesAuditLog('audit/anaplan-access.jsonl');
 * const p = await plan({ desired, target, audit, policy: { deletionGuard: { window: { hours: 24 } } } });
 * await apply(p, { target, audit });
 * ```
 * @group Audit log and locks
 */
export function jsonLinesAuditLog(path: string): AuditSink & AuditSource {
  let queue: Promise<void> = Promise.resolve();
  return {
    write(entry: AuditEntry) {
      const line = `${JSON.stringify(entry)}\n`;
      // In order, each after the one before has settled; a failed append rejects its own write only, so a log
      // whose disk filled up once writes again once there is room (apply stops at the first failure anyway).
      const written = queue.then(() => appendFile(path, line, { encoding: 'utf8', mode: 0o600 }));
      queue = written.catch(() => undefined);
      return written;
    },
    read(options) {
      return readEntries(path, options.since, options.signal, () => queue);
    },
  };
}

/** The entries of a JSON Lines log at or after `since`; every line must be an entry (a torn line is an error). */
async function* readEntries(
  path: string,
  since: Date,
  signal: AbortSignal | undefined,
  flushed: () => Promise<void>,
): AsyncGenerator<AuditEntry> {
  await flushed();
  const from = since.getTime();
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    stream.once('ready', () => resolve(true));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(false) : reject(new AuditReadError(path, 0, error.message)),
    );
  });
  if (!opened) return;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      signal?.throwIfAborted();
      if (line.trim() === '') continue;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        throw new AuditReadError(path, number, 'the line is not JSON (a torn or edited write?)');
      }
      if (!isAuditEntry(entry))
        throw new AuditReadError(path, number, 'the line is not an audit entry (time, kind, outcome)');
      if (Date.parse(entry.time) >= from) yield entry;
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

function isAuditEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { time, kind, outcome, operationId } = value as Partial<AuditEntry>;
  return (
    typeof time === 'string' &&
    !Number.isNaN(Date.parse(time)) &&
    typeof kind === 'string' &&
    typeof outcome === 'string' &&
    typeof operationId === 'string'
  );
}
