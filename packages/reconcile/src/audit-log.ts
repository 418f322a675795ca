import { appendFile } from 'node:fs/promises';
import type { AuditEntry, AuditSink } from './apply-types.js';

/**
 * An append-only JSON Lines audit log: one line per write attempt (`started`) and per outcome, flushed in order.
 *
 * @example
 * ```ts
 * await apply(p, { target, audit: jsonLinesAuditLog('audit/anaplan-access.jsonl') });
 * ```
 */
export function jsonLinesAuditLog(path: string): AuditSink {
  let queue: Promise<void> = Promise.resolve();
  return {
    write(entry: AuditEntry) {
      const line = `${JSON.stringify(entry)}\n`;
      queue = queue.then(() => appendFile(path, line, { encoding: 'utf8', mode: 0o600 }));
      return queue;
    },
  };
}
