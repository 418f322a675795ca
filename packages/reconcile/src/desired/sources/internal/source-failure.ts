// Tests: ../csv-source.test.ts, ../sql-source.test.ts, ../anaplan-model-source.test.ts

import type { Finding } from '../../../findings.js';
import type { DesiredState } from '../../desired-state.js';
import type { SourceRef } from '../../source-ref.js';

/**
 * Thrown inside a source when it cannot be read as a whole; the source turns it into a `source-error` finding.
 * Not exported from the package.
 */
export class SourceFailure extends Error {
  override readonly name = 'SourceFailure';
  readonly refs: SourceRef[] | undefined;

  constructor(message: string, refs?: SourceRef[]) {
    super(message);
    this.refs = refs;
  }
}

/** A `source-error` finding. */
export function sourceError(message: string, refs?: SourceRef[]): Finding {
  return { kind: 'source-error', severity: 'error', message, refs };
}

/** The desired state of a source that could not be read: its findings and, deliberately, no users. */
export function failedState(source: string, findings: Finding[]): DesiredState {
  return { source, users: [], findings };
}

/** Rethrows an abort (the caller asked for it); anything else is returned for a `source-error` finding. */
export function rethrowIfAborted(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) throw signal.reason;
  return error;
}

/**
 * The message of a failure on one line (runs of white space collapsed), led by its `code` (`ENOENT` …) when it has
 * one the message does not already name: for a `source-error` finding.
 */
export function oneLineMessageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message.replace(/\s+/g, ' ').trim();
    return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
  }
  return String(error);
}

/** Quotes a value for a message, cut to `limit` characters. */
export function quoteValue(value: unknown, limit = 60): string {
  if (typeof value === 'string') {
    const shown = value.length > limit ? `${value.slice(0, limit)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date)
    return `a date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value instanceof Uint8Array) return `binary data (${value.byteLength} bytes)`;
  if (value === null) return 'NULL';
  if (typeof value === 'object') return `an object`;
  return String(value);
}
