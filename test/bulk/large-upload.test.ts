import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { IntegrationClient, type UploadResult } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import type { TenantSeed } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A 200 MB upload streamed from a lazy generator must keep the uploading process's memory bounded by the chunk
// size, not by the file size. The simulator stores uploads in memory, so it runs in a child process (see
// simulator-process.mjs) and only the client's memory is measured here. This is a resource bound, not a timing one.

const totalBytes = 200 * 1024 * 1024;
const memoryBoundBytes = 150 * 1024 * 1024;
/**
 * 5 MiB rather than the 10 MiB default: below the SDK, every chunk in flight is copied about three more times
 * (undici copies a byte body into its Request, and ky clones each request for retries, which tees and copies the
 * body), and freed copies wait for the garbage collector. With 10 MiB chunks the peak growth measured 155-170 MB.
 */
const chunkSizeBytes = 5 * 1024 * 1024;
const workspaceId = '8a8b8c8d8e8f40414243444546474849';
const modelId = '75A40874E6B64FA3AE0743278996850F';
const fileId = '113000000201';
const admin = { username: 'admin@example.com', password: 'large upload password' };

const seed: TenantSeed = {
  users: [{ userName: admin.username, password: admin.password, workspaces: [workspaceId] }],
  workspaces: [{ id: workspaceId, name: 'Large', admins: [admin.username] }],
  models: [
    {
      id: modelId,
      name: 'Large Model',
      workspaceId,
      imports: [
        { name: 'Big users', importType: 'USERS', fileId, fileName: 'big.csv', columns: { Email: 'email' } },
      ],
    },
  ],
};

interface Answer {
  type: string;
  [key: string]: unknown;
}

let child: ChildProcess;
let urls: { apiUrl: string; authUrl: string };

function next(type: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Answer) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`simulator process exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

beforeAll(async () => {
  child = fork(fileURLToPath(new URL('./simulator-process.mjs', import.meta.url)), [JSON.stringify(seed)], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await next('ready');
  urls = { apiUrl: String(ready['apiUrl']), authUrl: String(ready['authUrl']) };
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'close' });
  await exited;
});

const encoder = new TextEncoder();
const header = encoder.encode('Email,First Name,Last Name,Role,Note\n');
const fragments = {
  user: encoder.encode('user'),
  first: encoder.encode('@example.com,First'),
  last: encoder.encode(',Last'),
  role: encoder.encode(',Planner,'),
  plain: encoder.encode('plain\n'),
  quoted: encoder.encode('"multi\nline, quoted ""note"""\n'),
};
const longestLine = 120;

/** Writes `value` in decimal at `offset`; returns the new offset. */
function writeNumber(target: Uint8Array, offset: number, value: number): number {
  const digits = value === 0 ? 1 : Math.floor(Math.log10(value)) + 1;
  for (let position = digits - 1, rest = value; position >= 0; position -= 1, rest = Math.floor(rest / 10)) {
    target[offset + position] = 0x30 + (rest % 10);
  }
  return offset + digits;
}

function write(target: Uint8Array, offset: number, bytes: Uint8Array): number {
  target.set(bytes, offset);
  return offset + bytes.length;
}

/**
 * About 200 MB of CSV rows, generated lazily in 64 KB pieces and hashed as they go; every 97th row has a quoted
 * note with a line break. The rows are written as bytes into one reused piece buffer, so generating the data adds
 * no garbage of its own to the memory measured (the upload copies each piece before it asks for the next one).
 */
async function* lazyRows(hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  hash.update(header);
  yield header;
  const piece = new Uint8Array(65_536);
  let produced = header.length;
  let index = 0;
  while (produced < totalBytes) {
    let length = 0;
    while (length + longestLine <= piece.length) {
      length = write(piece, length, fragments.user);
      length = writeNumber(piece, length, index);
      length = write(piece, length, fragments.first);
      length = writeNumber(piece, length, index);
      length = write(piece, length, fragments.last);
      length = writeNumber(piece, length, index);
      length = write(piece, length, fragments.role);
      length = write(piece, length, index % 97 === 0 ? fragments.quoted : fragments.plain);
      index += 1;
    }
    const filled = piece.subarray(0, length);
    hash.update(filled);
    produced += length;
    yield filled;
  }
}

describe('a 200 MB streamed upload', () => {
  it('keeps the uploading process within a memory bound and stores every byte', {
    timeout: 180_000,
  }, async () => {
    const client = new IntegrationClient({
      auth: basicAuth(admin),
      baseUrl: urls.apiUrl,
      authUrl: urls.authUrl,
    });
    const model = client.model(workspaceId, modelId);
    await client.users.me();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 10);
    const hash = createHash('sha256');
    let uploaded: UploadResult;
    try {
      uploaded = await model.files.upload(fileId, lazyRows(hash), {
        chunkSizeBytes,
        onProgress: () => {
          const usage = process.memoryUsage();
          peakRss = Math.max(peakRss, usage.rss);
          peakHeap = Math.max(peakHeap, usage.heapUsed);
        },
      });
    } finally {
      clearInterval(sampler);
      await client.close();
    }
    expect(uploaded.method).toBe('chunked');
    expect(uploaded.bytes).toBeGreaterThanOrEqual(totalBytes);
    expect(peakRss - baseline.rss).toBeLessThan(memoryBoundBytes);
    expect(peakHeap - baseline.heapUsed).toBeLessThan(memoryBoundBytes);

    child.send({ type: 'file', modelId, fileId, userName: admin.username });
    const stored = await next('file');
    expect(stored['bytes']).toBe(uploaded.bytes);
    expect(stored['sha256']).toBe(hash.digest('hex'));
    expect(stored['chunkPuts']).toBe(uploaded.chunkCount);
    // Chunks end on record boundaries, so they are a little under the chunk size.
    expect(uploaded.chunkCount).toBeGreaterThanOrEqual(Math.ceil(uploaded.bytes / chunkSizeBytes));
    expect(uploaded.chunkCount).toBeLessThanOrEqual(Math.ceil(uploaded.bytes / chunkSizeBytes) + 1);
  });
});
