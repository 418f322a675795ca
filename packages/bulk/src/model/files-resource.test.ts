import { Readable } from 'node:stream';
import { isConfigurationError } from '@anaplan-access/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, ids, startFixture } from '../test-support/fixture.js';

let fixture: Fixture;
const mebibyte = 1024 * 1024;
const decoder = new TextDecoder();

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

function requestsTo(method: string, pattern: RegExp) {
  return fixture.sim.requests.filter((request) => request.method === method && pattern.test(request.path));
}

function storedText(): string | undefined {
  return fixture.controls.fileText(ids.model, ids.usersFile, 'admin@example.com');
}

/** About 2.6 MB of CSV where a quoted record with line breaks straddles the 1 MiB mark. */
function bigCsv(): { csv: string; straddling: string } {
  const lines = ['Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write'];
  let length = lines[0]!.length + 1;
  let index = 0;
  const straddling = `quoted@example.com,"First\nline two\r\nline three, with comma",Doe,Planner,FALSE,EMEA,\n`;
  while (length < mebibyte - 40) {
    const line = `user${index}@example.com,User,${index},Planner,FALSE,EMEA,`;
    lines.push(line);
    length += line.length + 1;
    index += 1;
  }
  const head = `${lines.join('\n')}\n${straddling}`;
  const rest: string[] = [];
  for (let size = head.length; size < 2.6 * mebibyte; index += 1) {
    const line = `late${index}@example.com,Late,${index},Reviewer,TRUE,,APAC`;
    rest.push(line);
    size += line.length + 1;
  }
  const csv = `${head}${rest.join('\n')}\n`;
  return { csv, straddling };
}

describe('upload', () => {
  it('sends small data in one PUT', async () => {
    const result = await fixture.model.files.upload(ids.usersFile, 'Email\na@example.com\n');
    expect(result).toEqual({ fileId: ids.usersFile, method: 'single', chunkCount: 1, bytes: 20 });
    expect(storedText()).toBe('Email\na@example.com\n');
    expect(requestsTo('PUT', /\/files\/113000000101$/)).toHaveLength(1);
  });

  it('streams larger data in chunks cut on record boundaries, never inside a quoted multi-line record', async () => {
    const { csv, straddling } = bigCsv();
    async function* pieces() {
      for (let start = 0; start < csv.length; start += 65_536) yield csv.slice(start, start + 65_536);
    }
    const progress: number[] = [];
    const result = await fixture.model.files.upload(ids.usersFile, Readable.from(pieces()), {
      chunkSizeBytes: mebibyte,
      onProgress: (update) => progress.push(update.chunks),
    });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 3, bytes: Buffer.byteLength(csv) });
    expect(progress).toEqual([1, 2, 3]);
    const posts = requestsTo('POST', /\/files\/113000000101(\/complete)?$/).map((request) => request.path);
    expect(posts.at(-2)).toMatch(/113000000101$/);
    expect(posts.at(-1)).toMatch(/\/complete$/);
    expect(storedText()).toBe(csv);

    const chunks: string[] = [];
    for await (const chunk of fixture.model.files.downloadChunks(ids.usersFile))
      chunks.push(decoder.decode(chunk));
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) {
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(mebibyte);
      expect(() => parse(chunk, { relax_column_count: true })).not.toThrow();
    }
    expect(chunks[1]?.startsWith(straddling)).toBe(true);
  });

  it('gzips each chunk when asked, even for small data', async () => {
    const csv = 'Email,Role\njane@example.com,Planner\n';
    const result = await fixture.model.files.upload(ids.usersFile, Buffer.from(csv), { gzip: true });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 1 });
    expect(storedText()).toBe(csv);
  });

  it('retries a failed or cut chunk from its buffer, not from the consumed stream', async () => {
    const { csv } = bigCsv();
    fixture.sim.faults
      .failNext({ status: 503, route: /^PUT .*\/chunks\/1$/ })
      .resetNext({ route: /^PUT .*\/chunks\/2$/, afterBodyBytes: 4096 });
    const before = requestsTo('PUT', /\/chunks\/\d+$/).length;
    await fixture.model.files.upload(ids.usersFile, Readable.from([Buffer.from(csv)]), {
      chunkSizeBytes: mebibyte,
    });
    expect(requestsTo('PUT', /\/chunks\/\d+$/).length - before).toBe(5);
    expect(storedText()).toBe(csv);
  });

  it("refuses a chunk size outside 1 MiB to 50 MB, with the chunker's ConfigurationError", async () => {
    for (const chunkSizeBytes of [1000, 50_000_001, mebibyte + 0.5]) {
      const error = await fixture.model.files
        .upload(ids.usersFile, 'x', { chunkSizeBytes })
        .catch((caught: unknown) => caught);
      expect(isConfigurationError(error) && error.key).toBe('chunkSizeBytes');
    }
  });
});

describe('list, download and delete', () => {
  it('lists files, downloads and deletes the private content', async () => {
    await fixture.model.files.upload(ids.usersFile, 'Email\nz@example.com\n');
    const files = await fixture.model.files.list().toArray({ limit: 100 });
    expect(files).toContainEqual(
      expect.objectContaining({ id: ids.usersFile, name: 'users.csv', chunkCount: 1 }),
    );
    expect(decoder.decode(await fixture.model.files.download(ids.usersFile))).toBe('Email\nz@example.com\n');
    await fixture.model.files.delete(ids.usersFile);
    expect(await fixture.model.files.download(ids.usersFile)).toHaveLength(0);
  });
});
