import { appendFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { basicAuth, isAnaplanAccessError, isServerError, type Logger } from '@anaplan-access/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UploadSourceChangedError } from '../errors/upload-source-changed-error.js';
import { type Fixture, ids, seed, startFixture } from '../test-support/fixture.js';
import type { UploadSource } from '../upload/upload-source.js';

// Uploads run as a standard user (a Planner, not a workspace administrator): the simulator answers that user's
// `POST …/complete` with 500, as live probes saw, so every upload of data whose size is known must do without it.

const mebibyte = 1024 * 1024;
const planner = { username: 'bob@example.com', password: 'planner password' };
const warnings: string[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  error() {},
  warn: (_fields, message) => warnings.push(message),
};
/** The JSON bodies of the chunk-count `POST`s, as sent. */
const announced: unknown[] = [];
let fixture: Fixture;
let directory: string;

const recordingFetch: typeof fetch = async (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  if (request.method === 'POST' && /\/files\/[^/]+$/.test(new URL(request.url).pathname)) {
    announced.push(await request.clone().json());
  }
  return fetch(request);
};

beforeAll(async () => {
  const tenant = seed();
  const bob = tenant.users?.find((user) => user.userName === planner.username);
  if (bob) bob.password = planner.password;
  fixture = await startFixture({
    simulator: { seed: tenant, switches: { taskDurationMs: 5 } },
    client: { auth: basicAuth(planner), fetch: recordingFetch, logger },
  });
  directory = mkdtempSync(join(tmpdir(), 'upload-file-'));
});
afterEach(() => {
  fixture.sim.state.switches.uploadCompleteAccess = 'admins';
  fixture.sim.faults.clear();
  announced.length = 0;
  warnings.length = 0;
});
afterAll(async () => {
  await fixture.close();
  rmSync(directory, { recursive: true, force: true });
});

function completions(): number {
  return fixture.sim.requests.filter((request) => request.path.endsWith('/complete')).length;
}

function stored(): string | undefined {
  return fixture.controls.fileText(ids.model, ids.usersFile, planner.username);
}

/** `size` bytes or more of CSV, with a quoted cell holding a line break every 50 rows. */
function csvOf(size: number, tag = 'user'): string {
  const lines = ['Email,First Name,Last Name,Role'];
  let length = lines[0]?.length ?? 0;
  for (let index = 0; length < size; index += 1) {
    const line = `${tag}${index}@example.com,${index % 50 === 0 ? '"Two\nLines"' : 'One'},Last,Planner`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

async function* lazily(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += 65_536) yield text.slice(start, start + 65_536);
}

describe('data whose size is known: the chunk count up front, never complete', () => {
  const csv = csvOf(2.5 * mebibyte);
  const sources: [string, () => UploadSource][] = [
    ['text', () => csv],
    ['bytes', () => Buffer.from(csv)],
    ['an array of pieces', () => [csv.slice(0, 1000), Buffer.from(csv.slice(1000))]],
    ['a file stream', () => createReadStream(writeTemporary('stream.csv', csv))],
    ['a file: URL', () => pathToFileURL(writeTemporary('url.csv', csv))],
  ];

  it.each(sources)('uploads %s as a standard user', async (_name, source) => {
    const result = await fixture.model.files.upload(ids.usersFile, source(), { chunkSizeBytes: mebibyte });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 3, declaredChunkCount: 3 });
    expect(announced).toEqual([{ id: ids.usersFile, chunkCount: 3 }]);
    expect(completions()).toBe(0);
    expect(stored()).toBe(csv);
  });

  it('counts gzipped data the same way (a single request cannot be gzipped)', async () => {
    const small = 'Email\njane@example.com\n';
    const result = await fixture.model.files.upload(ids.usersFile, small, { gzip: true });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 1, declaredChunkCount: 1 });
    expect(completions()).toBe(0);
    expect(stored()).toBe(small);
  });

  it('treats a stream that ends within its first chunk as known (count 1)', async () => {
    const text = csvOf(1.5 * mebibyte);
    const result = await fixture.model.files.upload(ids.usersFile, lazily(text), {
      chunkSizeBytes: 2 * mebibyte,
    });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 1, declaredChunkCount: 1 });
    expect(completions()).toBe(0);
    expect(stored()).toBe(text);
  });

  it('sends empty data in one PUT, gzip or not', async () => {
    const result = await fixture.model.files.upload(ids.usersFile, '', { gzip: true });
    expect(result).toEqual({ fileId: ids.usersFile, method: 'single', chunkCount: 1, bytes: 0 });
    expect(announced).toEqual([]);
  });
});

describe('a file that changes during its upload', () => {
  const original = csvOf(2.5 * mebibyte, 'old');
  const changes: [string, (path: string) => void][] = [
    ['grows by a chunk', (path) => appendFileSync(path, csvOf(1.2 * mebibyte, 'new'))],
    ['changes in place', (path) => writeFileSync(path, replaceLast(original, 'old', 'new'))],
  ];

  it.each(changes)(
    'stops before the last chunk when it %s, so nothing mixed is committed',
    async (_name, change) => {
      const path = writeTemporary('changing.csv', original);
      const before = 'Email\nkept@example.com\n';
      await fixture.model.files.upload(ids.usersFile, before);
      // Change the file once its chunks were counted and the first was sent, before the rest is read.
      const changing = fixture.model.files.upload(ids.usersFile, createReadStream(path), {
        chunkSizeBytes: mebibyte,
        onProgress: ({ chunks }) => {
          if (chunks === 1) change(path);
        },
      });
      const error = await changing.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadSourceChangedError);
      expect(isAnaplanAccessError(error, 'upload-source-changed')).toBe(true);
      expect(error).toMatchObject({ fileId: ids.usersFile, expectedChunks: 3 });
      expect(stored()).toBe(before);
    },
  );
});

describe('a stream of unknown length: chunk count -1, then complete', () => {
  const csv = csvOf(2.5 * mebibyte);

  it('fails for a standard user, whom Anaplan refuses complete, and says how to avoid it', async () => {
    fixture.sim.state.switches.uploadCompleteAccess = 'admins';
    const error = await fixture.model.files
      .upload(ids.usersFile, lazily(csv), { chunkSizeBytes: mebibyte })
      .catch((caught: unknown) => caught);
    expect(isServerError(error)).toBe(true);
    expect(announced).toEqual([{ id: ids.usersFile, chunkCount: -1 }]);
    expect(warnings.some((warning) => warning.includes('chunk count is known'))).toBe(true);
  });

  it("works where complete is allowed (switch uploadCompleteAccess: 'everyone')", async () => {
    fixture.sim.state.switches.uploadCompleteAccess = 'everyone';
    const result = await fixture.model.files.upload(ids.usersFile, lazily(csv), { chunkSizeBytes: mebibyte });
    expect(result).toMatchObject({ method: 'chunked', chunkCount: 3, declaredChunkCount: -1 });
    expect(completions()).toBeGreaterThan(0);
    expect(stored()).toBe(csv);
  });
});

function replaceLast(text: string, search: string, replacement: string): string {
  const at = text.lastIndexOf(search);
  return `${text.slice(0, at)}${replacement}${text.slice(at + search.length)}`;
}

function writeTemporary(name: string, text: string): string {
  const path = join(directory, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(path, text);
  return path;
}
