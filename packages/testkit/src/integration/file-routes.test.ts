import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
} from '../test-support/integration-harness.js';
import { integrationControls } from './controls.js';

let harness: IntegrationHarness;
let files: string;

beforeAll(async () => {
  harness = await startIntegrationHarness();
  files = `${harness.modelPath}/files`;
});
afterAll(() => harness.close());

type Body = Record<string, unknown> & { meta: { paging?: Record<string, unknown> } };
type FileJson = { id: string; name: string; chunkCount: number };

async function listed(userName: string, fileId: string): Promise<FileJson | undefined> {
  const body = await harness.json<Body>(userName, 'GET', files);
  return (body['files'] as FileJson[]).find((file) => file.id === fileId);
}

async function download(userName: string, fileId: string): Promise<string> {
  const body = await harness.json<Body>(userName, 'GET', `${files}/${fileId}/chunks`);
  let text = '';
  for (const chunk of (body['chunks'] as { id: string }[] | undefined) ?? []) {
    const response = await harness.call(userName, 'GET', `${files}/${fileId}/chunks/${chunk.id}`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    text += await response.text();
  }
  return text;
}

describe('file list', () => {
  it('lists import data sources and seeded files with their settings', async () => {
    const body = await harness.json<Body>('admin@example.com', 'GET', `/models/${ids.model}/files`);
    expect(body['files']).toContainEqual({
      id: ids.usersFile,
      name: 'users.csv',
      chunkCount: 0,
      delimiter: '"',
      encoding: 'UTF-8',
      firstDataRow: 2,
      format: 'txt',
      headerRow: 1,
      separator: ',',
    });
    expect(await listed('admin@example.com', ids.listFile)).toMatchObject({
      name: 'products.csv',
      chunkCount: 1,
    });
    expect(body.meta.paging).toMatchObject({ totalSize: 2 });
  });
});

describe('single upload', () => {
  it('PUT stores the bytes (204), privately for the uploader, and GET returns them whole', async () => {
    const put = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}`, {
      body: 'Email\nx@example.com\n',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBe(204);
    const whole = await harness.call('admin@example.com', 'GET', `${files}/${ids.usersFile}`);
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect(await whole.text()).toBe('Email\nx@example.com\n');
    expect(await listed('admin@example.com', ids.usersFile)).toMatchObject({ chunkCount: 1 });
    // Another user does not see the private upload.
    expect(await listed('planner@example.com', ids.usersFile)).toMatchObject({ chunkCount: 0 });
    const other = await harness.call('planner@example.com', 'GET', `${files}/${ids.usersFile}`);
    expect(other.status).toBe(404);
  });

  it('refuses a gzip body on a single upload (415) and unknown files (404)', async () => {
    const gzip = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}`, {
      body: gzipSync('a'),
      headers: { 'content-type': 'application/x-gzip' },
    });
    expect(gzip.status).toBe(415);
    const unknown = await harness.call('admin@example.com', 'PUT', `${files}/113999999999`, { body: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('DELETE removes the private content only (204); the default content stays', async () => {
    await harness.call('admin@example.com', 'PUT', `${files}/${ids.listFile}`, { body: 'Name\nMine\n' });
    expect(await download('admin@example.com', ids.listFile)).toBe('Name\nMine\n');
    const deleted = await harness.call('admin@example.com', 'DELETE', `${files}/${ids.listFile}`);
    expect(deleted.status).toBe(204);
    expect(await download('admin@example.com', ids.listFile)).toBe('Name\nGadget\nWidget\n');
  });
});

describe('chunked upload and download', () => {
  it('uploads with chunkCount -1, plain and gzip chunks, then complete; downloads chunk by chunk', async () => {
    const started = await harness.json<Body>('admin@example.com', 'POST', `${files}/${ids.usersFile}`, {
      json: { id: ids.usersFile, chunkCount: -1 },
    });
    expect(started['file']).toMatchObject({ id: ids.usersFile, chunkCount: -1 });
    const first = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/0`, {
      body: 'Email,Role\n',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(first.status).toBe(204);
    expect(await first.text()).toBe('');
    const second = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/1`, {
      body: gzipSync('a@example.com,Viewer\n'),
      headers: { 'content-type': 'application/x-gzip' },
    });
    expect(second.status).toBe(204);
    const completed = await harness.json<Body>(
      'admin@example.com',
      'POST',
      `${files}/${ids.usersFile}/complete`,
      {
        json: { id: ids.usersFile },
      },
    );
    expect(completed['file']).toMatchObject({ id: ids.usersFile, chunkCount: 2 });

    const chunks = await harness.json<Body>(
      'admin@example.com',
      'GET',
      `/models/${ids.model}/files/${ids.usersFile}/chunks`,
    );
    expect(chunks['chunks']).toEqual([
      { id: '0', name: 'Chunk 0' },
      { id: '1', name: 'Chunk 1' },
    ]);
    expect(chunks.meta.paging).toMatchObject({ currentPageSize: 2, totalSize: 2 });
    expect(await download('admin@example.com', ids.usersFile)).toBe('Email,Role\na@example.com,Viewer\n');
    expect(
      integrationControls(harness.sim.state).fileText(ids.model, ids.usersFile, 'admin@example.com'),
    ).toBe('Email,Role\na@example.com,Viewer\n');
  });

  it('commits by itself once a known chunk count has arrived, and refuses chunks past it', async () => {
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}`, { json: { chunkCount: 2 } });
    await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/1`, { body: 'b\n' });
    expect(await download('admin@example.com', ids.usersFile)).toBe('Email,Role\na@example.com,Viewer\n');
    await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/0`, { body: 'a\n' });
    expect(await download('admin@example.com', ids.usersFile)).toBe('a\nb\n');
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}`, { json: { chunkCount: 1 } });
    const outOfRange = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/1`, {
      body: 'x',
    });
    expect(outOfRange.status).toBe(400);
  });

  it('refuses a missing chunkCount, bad gzip, a gap at complete, and chunks above 50 MB', async () => {
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}`, { json: {}, expect: 400 });
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}`, {
      json: { chunkCount: -1 },
    });
    const badGzip = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/0`, {
      body: 'not gzip',
      headers: { 'content-type': 'application/x-gzip' },
    });
    expect(badGzip.status).toBe(400);
    await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/1`, { body: 'x' });
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}/complete`, {
      json: {},
      expect: 400,
    });
    const huge = await harness.call('admin@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/0`, {
      body: gzipSync(Buffer.alloc(50 * 1024 * 1024 + 1)),
      headers: { 'content-type': 'application/x-gzip' },
    });
    expect(huge.status).toBe(413);
  });

  it.each(['strict', 'any'] as const)(
    'uploadContentTypes %s: takes octet-stream (and x-gzip chunks); other types are refused 415 only when strict',
    async (rule) => {
      harness.sim.state.switches.uploadContentTypes = rule;
      try {
        const put = (path: string, body: string | Buffer, type?: string) =>
          harness.call('admin@example.com', 'PUT', path, {
            body: typeof body === 'string' ? body : new Uint8Array(body),
            // No header at all: an empty type replaces the harness's octet-stream default, and fetch sends none.
            headers: { 'content-type': type ?? '' },
          });
        const file = `${files}/${ids.usersFile}`;
        const expectAnswer = async (response: Response, what: string) => {
          expect(response.status, what).toBe(rule === 'strict' ? 415 : 204);
          if (rule !== 'strict') return;
          const error = (await response.json()) as { status: { code: number; message: string } };
          expect(error.status).toMatchObject({ code: 415, message: expect.stringContaining('octet-stream') });
        };
        // A single upload: octet-stream always; a gzip body never; other types (or none) unless strict.
        expect((await put(file, 'a\n', 'application/octet-stream')).status).toBe(204);
        expect((await put(file, gzipSync('a\n'), 'application/x-gzip')).status).toBe(415);
        await expectAnswer(await put(file, 'a\n', 'text/csv'), 'text/csv file');
        await expectAnswer(await put(file, 'a\n'), 'file without a type');
        // Chunks: octet-stream and x-gzip always; other types (or none) unless strict.
        await harness.json('admin@example.com', 'POST', file, { json: { chunkCount: -1 } });
        expect((await put(`${file}/chunks/0`, 'a\n', 'application/octet-stream')).status).toBe(204);
        expect((await put(`${file}/chunks/1`, gzipSync('b\n'), 'application/x-gzip')).status).toBe(204);
        const others: [string, string | Buffer, string | undefined][] = [
          [`${file}/chunks/2`, 'c\n', 'text/plain;charset=UTF-8'],
          [`${file}/chunks/2`, 'c\n', undefined],
          [`${file}/chunks/2`, gzipSync('c\n'), 'application/gzip'],
        ];
        for (const [path, body, type] of others)
          await expectAnswer(await put(path, body, type), `${type} chunk`);
        await harness.json('admin@example.com', 'POST', `${file}/complete`, { json: { id: ids.usersFile } });
        expect(await download('admin@example.com', ids.usersFile)).toBe(
          rule === 'strict' ? 'a\nb\n' : 'a\nb\nc\n',
        );
      } finally {
        harness.sim.state.switches.uploadContentTypes = 'strict';
      }
    },
  );

  it('answers complete with 500 to a standard user (live probes), unless uploadCompleteAccess says otherwise', async () => {
    const upload = async (userName: string) => {
      await harness.json(userName, 'POST', `${files}/${ids.usersFile}`, { json: { chunkCount: -1 } });
      await harness.call(userName, 'PUT', `${files}/${ids.usersFile}/chunks/0`, {
        body: 'Email\nx@example.com\n',
      });
      return harness.call(userName, 'POST', `${files}/${ids.usersFile}/complete`, { json: {} });
    };
    const switches = harness.sim.state.switches;
    try {
      expect(switches.uploadCompleteAccess).toBe('admins');
      expect((await upload('planner@example.com')).status).toBe(500);
      expect((await upload('admin@example.com')).status).toBe(200);
      switches.uploadCompleteAccess = 'everyone';
      expect((await upload('planner@example.com')).status).toBe(200);
      expect(await download('planner@example.com', ids.usersFile)).toBe('Email\nx@example.com\n');
      switches.uploadCompleteAccess = 'nobody';
      expect((await upload('admin@example.com')).status).toBe(500);
      // A known chunk count needs no complete, whoever uploads.
      await harness.json('planner@example.com', 'POST', `${files}/${ids.usersFile}`, {
        json: { chunkCount: 1 },
      });
      await harness.call('planner@example.com', 'PUT', `${files}/${ids.usersFile}/chunks/0`, {
        body: 'Email\n',
      });
      expect(await download('planner@example.com', ids.usersFile)).toBe('Email\n');
    } finally {
      switches.uploadCompleteAccess = 'admins';
      await harness.call('planner@example.com', 'DELETE', `${files}/${ids.usersFile}`);
    }
  });

  it('omits the chunks key when a file has no content, and 404s missing chunks', async () => {
    const body = await harness.json<Body>('planner@example.com', 'GET', `${files}/${ids.usersFile}/chunks`);
    expect(body['chunks']).toBeUndefined();
    expect(body.meta.paging).toMatchObject({ totalSize: 0 });
    const missing = await harness.call('planner@example.com', 'GET', `${files}/${ids.usersFile}/chunks/0`);
    expect(missing.status).toBe(404);
  });

  it('creates a new file when posting to a name (Anaplan Connect), 404 for an unknown numeric id', async () => {
    const created = await harness.json<Body>('admin@example.com', 'POST', `${files}/extra.csv`, {
      json: { chunkCount: 1 },
    });
    const file = created['file'] as FileJson;
    expect(file.id).toMatch(/^113\d{9}$/);
    expect(file.name).toBe('extra.csv');
    await harness.json('admin@example.com', 'POST', `${files}/113999999999`, {
      json: { chunkCount: 1 },
      expect: 404,
    });
  });
});
