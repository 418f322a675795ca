// Tests: ../sql-source.test.ts

import type { AccessColumn } from '../column-mapping.js';
import { quoteValue } from './source-failure.js';

/** A database value turned into what the flat access format expects, or why it cannot be. */
export type Coerced = { ok: true; value: string | boolean | undefined } | { ok: false; problem: string };

const booleanColumns: ReadonlySet<AccessColumn> = new Set(['active', 'sso', 'workspace_admin']);
const trueWords = new Set(['true', 't', 'yes', 'y', '1']);
const falseWords = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * Coerces one database value for a flat access column. `NULL` (and an empty string) means "not stated". Text
 * columns take strings, finite numbers and bigints; boolean columns take booleans, `0`/`1` (number or bigint, as
 * SQLite stores them) and the words true/false, t/f, yes/no, y/n, 1/0. Anything else (a boolean for a name, a date,
 * binary data, `2` for a flag …) is a problem to report.
 */
export function coerceSqlValue(column: AccessColumn, value: unknown): Coerced {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  return booleanColumns.has(column) ? coerceBoolean(value) : coerceText(value);
}

function coerceText(value: unknown): Coerced {
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'bigint') return { ok: true, value: String(value) };
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value: String(value) };
  return { ok: false, problem: `expected text, got ${describeType(value)}` };
}

function coerceBoolean(value: unknown): Coerced {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number' || typeof value === 'bigint') {
    const number = Number(value);
    if (number === 0 || number === 1) return { ok: true, value: number === 1 };
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') return { ok: true, value: undefined };
    if (trueWords.has(word)) return { ok: true, value: true };
    if (falseWords.has(word)) return { ok: true, value: false };
  }
  return { ok: false, problem: `expected a boolean (true/false, 1/0, yes/no), got ${describeType(value)}` };
}

function describeType(value: unknown): string {
  if (typeof value === 'string') return `the text ${quoteValue(value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${value}`;
  return quoteValue(value);
}
