// Tests: ../transport/transport-retry.test.ts, ../transport/rate-limit-pause.test.ts, ../errors/errors.test.ts

/**
 * Parses a `Retry-After` value: delay seconds (`"120"`) or an HTTP-date. Returns milliseconds from `now`
 * (never negative), or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
