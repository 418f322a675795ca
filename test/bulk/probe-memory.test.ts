import { chunkOnRecordBoundaries } from '@anaplan-access/bulk';
import { it } from 'vitest';

async function* lazyRows(total: number): AsyncGenerator<string> {
  let produced = 0;
  let index = 0;
  while (produced < total) {
    const lines: string[] = [];
    let size = 0;
    while (size < 65_536) {
      const line = `user${index}@example.com,First${index},Last${index},Planner,plain\n`;
      lines.push(line);
      size += line.length;
      index += 1;
    }
    const piece = lines.join('');
    produced += piece.length;
    yield piece;
  }
}

it('probe', { timeout: 120_000 }, async () => {
  const mode = process.env['PROBE_MODE'];
  const base = process.memoryUsage();
  let peak = base.rss;
  let count = 0;
  if (mode === 'gen') {
    for await (const piece of lazyRows(200 * 1024 * 1024)) {
      count += piece.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } else if (mode === 'encode') {
    const encoder = new TextEncoder();
    for await (const piece of lazyRows(200 * 1024 * 1024)) {
      count += encoder.encode(piece).length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } else {
    for await (const chunk of chunkOnRecordBoundaries(lazyRows(200 * 1024 * 1024), {
      chunkSizeBytes: 10 * 1024 * 1024,
    })) {
      count += chunk.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  const end = process.memoryUsage();
  process.stdout.write(
    `MODE=${mode} count=${count} base=${(base.rss / 1e6) | 0} peak=${(peak / 1e6) | 0} delta=${((peak - base.rss) / 1e6) | 0} heapTotal=${(end.heapTotal / 1e6) | 0}\n`,
  );
});
