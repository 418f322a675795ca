// Tests: ../csv-source.test.ts, ../sql-source.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import { accessRowColumns } from '../../access-row.js';
import type { AccessColumn, ColumnMapping } from '../column-mapping.js';

/** The columns every flat source must have: without them no user can be complete. */
export const requiredAccessColumns: readonly AccessColumn[] = ['email', 'first_name', 'last_name'];

/**
 * Checks a {@link ColumnMapping} given as an option.
 *
 * @throws ConfigurationError for an unknown column, an empty name or two columns mapped to the same name.
 */
export function checkColumnMapping(mapping: ColumnMapping | undefined, option = 'columns'): void {
  if (mapping === undefined) return;
  if (typeof mapping !== 'object' || mapping === null)
    throw new ConfigurationError(option, `${option} must be an object`);
  for (const [column, name] of Object.entries(mapping)) {
    if (!(accessRowColumns as string[]).includes(column))
      throw new ConfigurationError(
        `${option}.${column}`,
        `${option}: unknown column "${column}"; the columns are ${accessRowColumns.join(', ')}`,
      );
    if (typeof name !== 'string' || name.trim() === '')
      throw new ConfigurationError(`${option}.${column}`, `${option}.${column} must be a non-empty string`);
  }
  // Every column, mapped or not, must end up with its own name: { email: 'first_name' } alone would clash.
  const seen = new Map<string, string>();
  for (const [name, column] of accessRowColumns.map(
    (column) => [mapping[column] ?? column, column] as const,
  )) {
    const other = seen.get(comparable(name));
    if (other !== undefined)
      throw new ConfigurationError(
        `${option}.${column}`,
        `${option}: ${other} and ${column} would both be read from "${name}"`,
      );
    seen.set(comparable(name), column);
  }
}

/** Expected name (as written by the user) → column, for the flat access format and an optional mapping. */
export function expectedAccessColumns(mapping: ColumnMapping | undefined): Map<string, AccessColumn> {
  return new Map(accessRowColumns.map((column) => [mapping?.[column] ?? column, column]));
}

/** The outcome of {@link matchColumns}: a target per actual column, or a sentence saying what is wrong. */
export type ColumnMatch<T extends string> = { ok: true; targets: T[] } | { ok: false; problem: string };

/**
 * Matches actual column names (a CSV header, a query's columns) against the expected ones, trimmed and
 * case-insensitively. Unknown, duplicate, unnamed and missing required columns are all reported in one sentence
 * that lists the expected names.
 */
export function matchColumns<T extends string>(
  actual: readonly string[],
  expected: ReadonlyMap<string, T>,
  required: readonly T[],
): ColumnMatch<T> {
  const byComparable = new Map([...expected].map(([name, target]) => [comparable(name), target]));
  const targets: T[] = [];
  const unknown: string[] = [];
  const duplicated: string[] = [];
  const unnamed: number[] = [];
  actual.forEach((name, index) => {
    if (name.trim() === '') {
      unnamed.push(index + 1);
      return;
    }
    const target = byComparable.get(comparable(name));
    if (target === undefined) unknown.push(name);
    else if (targets.includes(target)) duplicated.push(name);
    else targets.push(target);
  });
  const nameOf = (target: T) => [...expected].find(([, value]) => value === target)?.[0] ?? target;
  const missing = required.filter((target) => !targets.includes(target)).map(nameOf);
  const problems = [
    unknown.length > 0 ? `unknown column${plural(unknown)} ${quoteAll(unknown)}` : '',
    duplicated.length > 0
      ? `column${plural(duplicated)} ${quoteAll(duplicated)} appear${duplicated.length === 1 ? 's' : ''} twice`
      : '',
    unnamed.length > 0
      ? `column${plural(unnamed)} ${unnamed.join(', ')} ha${unnamed.length === 1 ? 's' : 've'} no name`
      : '',
    missing.length > 0 ? `missing column${plural(missing)} ${quoteAll(missing)}` : '',
  ].filter((problem) => problem !== '');
  if (problems.length === 0) return { ok: true, targets };
  const expectedNames = [...expected.keys()].join(', ');
  return { ok: false, problem: `${problems.join('; ')}. Expected columns: ${expectedNames}` };
}

function comparable(name: string): string {
  return name.trim().toLowerCase();
}

function plural(items: readonly unknown[]): string {
  return items.length === 1 ? '' : 's';
}

function quoteAll(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
