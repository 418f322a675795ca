import { describe, expect, it } from 'vitest';
import { maxQuerySpanMs, splitWindows, windowQuery } from './audit-windows.js';

describe('splitWindows', () => {
  it('cuts a range into consecutive windows whose padded query spans at most 30 days', () => {
    const from = 1_000;
    const to = from + 2 * maxQuerySpanMs + 5;
    const windows = splitWindows(from, to);
    expect(windows).toHaveLength(3);
    expect(windows[0]?.from).toBe(from);
    expect(windows.at(-1)?.to).toBe(to);
    for (const [index, window] of windows.entries()) {
      const { dateFrom, dateTo } = windowQuery(window);
      expect(dateTo - dateFrom).toBeLessThanOrEqual(maxQuerySpanMs);
      if (index > 0) expect(window.from).toBe((windows[index - 1]?.to ?? 0) + 1);
    }
  });

  it('ends every window but the last just before a whole second when asked', () => {
    const windows = splitWindows(1_234, 1_234 + 3 * maxQuerySpanMs, { alignMs: 1000 });
    for (const window of windows.slice(0, -1)) expect((window.to + 1) % 1000).toBe(0);
  });

  it('gives one window for a single millisecond and none for an empty range', () => {
    expect(splitWindows(5, 5)).toEqual([{ from: 5, to: 5 }]);
    expect(splitWindows(6, 5)).toEqual([]);
  });
});
