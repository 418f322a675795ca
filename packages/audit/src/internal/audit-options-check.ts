// Tests: ../audit-client.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import { type AuditEventCategory, auditEventCategories } from '../audit-event.js';
import type { AuditTime } from '../audit-list-options.js';
import type { AuditWatermark } from '../audit-watermark.js';

/** Refuses keys a method does not take. @throws {ConfigurationError} naming the first unknown key. */
export function checkKeys(method: string, options: object, keys: readonly string[]): void {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', `${method} needs an options object`);
  const unknown = Object.keys(options).find((key) => !keys.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown ${method} option "${unknown}". Valid options: ${keys.join(', ')}`,
    );
}

/** A time option as epoch ms. @throws {ConfigurationError} when it is not a valid `Date` or a finite number. */
export function timeOption(key: string, value: AuditTime | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const time = value instanceof Date ? value.getTime() : value;
  if (typeof time !== 'number' || !Number.isFinite(time))
    throw new ConfigurationError(key, `${key} must be a valid Date or epoch milliseconds`);
  return Math.floor(time);
}

/** The `type` filter. @throws {ConfigurationError} for a value the API does not know (it would read it as `all`). */
export function typeOption(value: AuditEventCategory | undefined): AuditEventCategory | undefined {
  if (value === undefined || auditEventCategories.includes(value)) return value;
  throw new ConfigurationError(
    'type',
    `Unknown audit event type ${JSON.stringify(value)} (the API would silently return every event). ` +
      `Valid types: ${auditEventCategories.join(', ')}`,
  );
}

/** A positive integer option. @throws {ConfigurationError} otherwise. */
export function positiveInteger(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new ConfigurationError(key, `${key} must be a positive integer`);
  return value;
}

/** A non-negative integer option. @throws {ConfigurationError} otherwise. */
export function nonNegativeInteger(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new ConfigurationError(key, `${key} must be a non-negative integer of milliseconds`);
  return value;
}

/** Whether `since` is a watermark rather than a time. */
export function isWatermark(value: unknown): value is AuditWatermark {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** Checks a watermark read back from storage. @throws {ConfigurationError} (key `since`) when it is malformed. */
export function checkWatermark(value: AuditWatermark): AuditWatermark {
  const { through, lookbackMs, seenIds } = value as Partial<AuditWatermark>;
  const valid =
    typeof through === 'number' &&
    Number.isInteger(through) &&
    typeof lookbackMs === 'number' &&
    Number.isInteger(lookbackMs) &&
    lookbackMs >= 0 &&
    Array.isArray(seenIds) &&
    seenIds.every((id) => typeof id === 'string');
  if (!valid)
    throw new ConfigurationError(
      'since',
      'since must be a time or a watermark { through, lookbackMs, seenIds } as a previous pull returned it',
    );
  return { through, lookbackMs, seenIds };
}
