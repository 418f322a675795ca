// Tests: ../model/run-import.test.ts, ../model/run-export.test.ts
import { ConfigurationError } from '@anaplan-access/core';
import { type DumpReadOptions, defaultDumpKeepRows, defaultDumpMaxBytes } from '../model/run-options.js';

const dumpKeys = new Set(['keepRows', 'maxBytes']);

/** The `dump` option checked and completed with its defaults. @internal */
export function dumpLimits(dump: DumpReadOptions | undefined): Required<DumpReadOptions> {
  if (dump === undefined) return { keepRows: defaultDumpKeepRows, maxBytes: defaultDumpMaxBytes };
  if (typeof dump !== 'object' || dump === null)
    throw new ConfigurationError('dump', 'dump must be an object such as { keepRows, maxBytes }');
  for (const key of Object.keys(dump))
    if (!dumpKeys.has(key))
      throw new ConfigurationError(
        `dump.${key}`,
        `Unknown option "dump.${key}". Valid options: keepRows, maxBytes`,
      );
  return {
    keepRows: count('dump.keepRows', dump.keepRows, defaultDumpKeepRows, 0),
    maxBytes: count('dump.maxBytes', dump.maxBytes, defaultDumpMaxBytes, 1),
  };
}

/**
 * The most bytes of text one JavaScript string can hold (V8's longest string, one byte a character): a file read
 * into one string must stay below it, or decoding fails with an untyped "Cannot create a string longer than …".
 * @internal
 */
export const maxStringBytes = 2 ** 29 - 24;

/**
 * A byte cap option checked: a whole number from 1 to `ceiling` (or `Infinity` when there is no ceiling);
 * `fallback` when not given. @internal
 */
export function byteCap(
  key: string,
  value: number | undefined,
  fallback: number,
  ceiling = Number.POSITIVE_INFINITY,
): number {
  const cap = count(key, value, fallback, 1);
  if (cap > ceiling)
    throw new ConfigurationError(
      key,
      `${key} must be at most ${ceiling} (the longest text one string can hold); read larger files as a stream`,
    );
  return cap;
}

function count(key: string, value: unknown, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value === Number.POSITIVE_INFINITY || Number.isSafeInteger(value)))
    throw new ConfigurationError(key, `${key} must be a whole number or Infinity`);
  if (value < minimum) throw new ConfigurationError(key, `${key} must be at least ${minimum}`);
  return value;
}
