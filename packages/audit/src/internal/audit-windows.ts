// Tests: ./audit-windows.test.ts

/** The longest range one Audit API request may ask for: 30 days. */
export const maxQuerySpanMs = 30 * 24 * 60 * 60 * 1000;

/**
 * One request's share of a range. The client reads `[from, to]` (both inclusive, in ms); the request asks for one
 * millisecond more on each side (`dateFrom = from - 1`, `dateTo = to + 1`), whatever the API's own edges are, and the
 * events outside `[from, to]` are dropped. Consecutive windows never share a millisecond, so every event belongs to
 * exactly one of them.
 */
export interface AuditWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Splits `[from, to]` (inclusive epoch ms) into consecutive windows whose padded request span
 * (`to - from + 2`) is at most `maxSpanMs`. With `alignMs`, every window but the last ends just before a multiple
 * of it (CEF lines carry their time in whole seconds: a line then falls in the window of its event).
 */
export function splitWindows(
  from: number,
  to: number,
  options: { maxSpanMs?: number; alignMs?: number } = {},
): AuditWindow[] {
  const { maxSpanMs = maxQuerySpanMs, alignMs = 1 } = options;
  const windows: AuditWindow[] = [];
  let start = from;
  while (start <= to) {
    const longest = start + maxSpanMs - 2;
    const aligned = longest + 1 - ((((longest + 1) % alignMs) + alignMs) % alignMs) - 1;
    const end = Math.min(to, aligned >= start ? aligned : longest);
    windows.push({ from: start, to: end });
    start = end + 1;
  }
  return windows;
}

/** The query parameters of a window: padded by a millisecond on each side. */
export function windowQuery(window: AuditWindow): { dateFrom: number; dateTo: number } {
  return { dateFrom: window.from - 1, dateTo: window.to + 1 };
}

/** Whether an event time falls in a window (both ends inclusive). */
export function inWindow(window: AuditWindow, eventDate: number): boolean {
  return eventDate >= window.from && eventDate <= window.to;
}
