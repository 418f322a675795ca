import { Readable } from 'node:stream';
import { isAnaplanAccessError, isConfigurationError } from '@anaplan-access/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { chunkOnRecordBoundaries } from './record-chunker.js';

const decoder = new TextDecoder();

async function collect(
  source: Parameters<typeof chunkOnRecordBoundaries>[0],
  options: Parameters<typeof chunkOnRecordBoundaries>[1],
) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunkOnRecordBoundaries(source, options)) chunks.push(Uint8Array.from(chunk));
  return chunks;
}

/** A CSV with plain, quoted, multi-line, escaped-quote and non-ASCII cells, in a repeatable pseudo-random order. */
function sampleCsv(records: number): string {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines = ['Email,Name,Note'];
  for (let index = 0; index < records; index += 1) {
    const kind = Math.floor(random() * 5);
    const note =
      kind === 0
        ? 'plain'
        : kind === 1
          ? '"has, comma"'
          : kind === 2
            ? '"line one\nline two\r\nline three"'
            : kind === 3
              ? '"she said ""hi""\nthen left"'
              : 'Zoë 東京 ✓';
    lines.push(`user${index}@example.com,Name ${index},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function splitRandomly(bytes: Uint8Array, maxPiece: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  let seed = 3;
  while (offset < bytes.length) {
    seed = (seed * 48271) % 2147483647;
    const size = 1 + (seed % maxPiece);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

function expectWholeRecords(chunks: Uint8Array[], original: string, target: number): void {
  expect(decoder.decode(Buffer.concat(chunks))).toBe(original);
  for (const chunk of chunks) {
    expect(chunk.length).toBeLessThanOrEqual(target);
    // Each chunk parses on its own: no record (and no quoted line break) is cut in two.
    expect(() => parse(chunk, { relax_column_count: true })).not.toThrow();
    expect(chunk.at(-1)).toBe(0x0a);
  }
}

describe('chunkOnRecordBoundaries', () => {
  it('returns small data as one chunk', async () => {
    const chunks = await collect('a,b\n1,2\n', { chunkSizeBytes: 1024 });
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(['a,b\n1,2\n']);
  });

  it('keeps the last record without a trailing newline', async () => {
    const chunks = await collect('a\nb\nc', { chunkSizeBytes: 3 });
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(['a\n', 'b\n', 'c']);
  });

  it('cuts only on record boundaries, whatever the input piece sizes', async () => {
    const csv = sampleCsv(400);
    const bytes = new TextEncoder().encode(csv);
    const target = 700;
    const whole = await collect(bytes, { chunkSizeBytes: target });
    expect(whole.length).toBeGreaterThan(5);
    expectWholeRecords(whole, csv, target);
    for (const maxPiece of [1, 3, 64, 999, 5000]) {
      const pieces = await collect(Readable.from(splitRandomly(bytes, maxPiece)), { chunkSizeBytes: target });
      expect(pieces.map((chunk) => decoder.decode(chunk))).toEqual(
        whole.map((chunk) => decoder.decode(chunk)),
      );
    }
  });

  it('never splits a quoted record whose line breaks straddle the target size', async () => {
    const head = 'id,text\n1,short\n';
    const quoted = '2,"first line\nsecond line\nthird line"\n';
    // The target falls right after "first line\n", inside the quotes.
    const target = head.length + quoted.indexOf('\n') + 1;
    const csv = `${head}${quoted}3,after\n`;
    const chunks = await collect(csv, { chunkSizeBytes: target });
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual([head, quoted, '3,after\n']);
  });

  it('never splits a multi-byte character or a record, whatever the target and the text pieces', async () => {
    const cells = ['東京', 'Zoë', '"a\nb"', '"x ""y"""', '✓✓✓', 'plain', ''];
    let seed = 11;
    const random = (limit: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % limit;
    };
    for (let round = 0; round < 40; round += 1) {
      const lines = Array.from({ length: 1 + random(30) }, () =>
        Array.from({ length: 1 + random(4) }, () => cells[random(cells.length)]).join(','),
      );
      const text = `${lines.join('\n')}\n`;
      const target = 1 + random(40);
      const pieces: string[] = [];
      for (let start = 0; start < text.length; ) {
        const size = 1 + random(9);
        pieces.push(text.slice(start, start + size));
        start += size;
      }
      const chunks = await collect(pieces, { chunkSizeBytes: target, maxChunkBytes: 10_000 });
      expect(decoder.decode(Buffer.concat(chunks))).toBe(text);
      for (const chunk of chunks) {
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(chunk)).not.toThrow();
        expect(() => parse(chunk, { relax_column_count: true })).not.toThrow();
        expect(chunk.at(-1)).toBe(0x0a);
      }
    }
  });

  it('reads string, iterable and async-iterable sources alike', async () => {
    const csv = sampleCsv(50);
    const expected = (await collect(csv, { chunkSizeBytes: 300 })).map((chunk) => decoder.decode(chunk));
    const lines = csv.split(/(?<=\n)/);
    async function* lazily() {
      for (const line of lines) yield line;
    }
    expect((await collect(lines, { chunkSizeBytes: 300 })).map((chunk) => decoder.decode(chunk))).toEqual(
      expected,
    );
    expect((await collect(lazily(), { chunkSizeBytes: 300 })).map((chunk) => decoder.decode(chunk))).toEqual(
      expected,
    );
  });

  it('gives a record longer than the target a chunk of its own', async () => {
    const long = `"${'x'.repeat(50)}\n${'y'.repeat(50)}"\n`;
    const chunks = await collect(`a\n${long}b\n`, { chunkSizeBytes: 20 });
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(['a\n', long, 'b\n']);
  });

  it('refuses a record longer than the largest chunk, with a typed error', async () => {
    const error = await collect(`a\n"${'x'.repeat(100)}`, { chunkSizeBytes: 10, maxChunkBytes: 50 }).catch(
      (caught: unknown) => caught,
    );
    expect(isAnaplanAccessError(error, 'record-too-large')).toBe(true);
  });

  it('ignores quotes when told the file has no text delimiter', async () => {
    const chunks = await collect('a"b\nc\nd"e\n', { chunkSizeBytes: 4, quote: false });
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(['a"b\n', 'c\n', 'd"e\n']);
  });

  it('refuses a chunk size that is not a positive integer, or above the largest chunk, with a ConfigurationError', () => {
    const refused = (key: string) =>
      expect.toSatisfy((error) => isConfigurationError(error) && error.key === key);
    for (const options of [
      { chunkSizeBytes: 0 },
      { chunkSizeBytes: 1.5 },
      { chunkSizeBytes: 50_000_001 },
      { chunkSizeBytes: 100, maxChunkBytes: 99 },
    ]) {
      // Refused when the chunker is made, before the source is read.
      expect(() => chunkOnRecordBoundaries('a\n', options)).toThrow(refused('chunkSizeBytes'));
    }
    expect(() => chunkOnRecordBoundaries('a\n', { chunkSizeBytes: 10, maxChunkBytes: 0 })).toThrow(
      refused('maxChunkBytes'),
    );
  });
});
