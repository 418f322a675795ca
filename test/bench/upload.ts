// Measurement 5: stream a large users CSV (default 500 MB), generated lazily, through `model.runImport`. The
// simulator runs in its own process and keeps only the first MiB of the file (its `uploadRetainBytes` switch), so
// the peak RSS measured is the uploading process's own. Usage: node test/bench/upload.ts [megabytes]
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { peakRssMb, report, rssMb } from './child.ts';
import { startRemoteSimulator } from './remote-simulator.ts';

const megabytes = Number(process.argv[2] ?? 500);
const totalBytes = megabytes * 1024 * 1024;
const workspaceId = 'c0000000000000000000000000000001';
const modelId = 'C0000000000000000000000000000001';
const fileId = '113000000501';
const admin = { username: 'integration@corp.example', password: 'bench-password-1' };

const encoder = new TextEncoder();
const header = encoder.encode('Email,First Name,Last Name,Role\n');
const parts = [
  encoder.encode('user'),
  encoder.encode('@corp.example,First'),
  encoder.encode(',Last'),
  encoder.encode(',Viewer\n'),
];

/** Writes the decimal digits of `value` at `offset` without making a string; returns the offset after them. */
function writeNumber(target: Uint8Array, offset: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  for (let index = digits - 1, rest = value; index >= 0; index -= 1, rest = Math.floor(rest / 10))
    target[offset + index] = 0x30 + (rest % 10);
  return offset + digits;
}

/**
 * `totalBytes` of CSV rows in 64 KiB pieces, written into one reused buffer. Like a file's read stream it makes no
 * garbage per row, so the memory measured is the upload's: a generator that made strings for each row grew the
 * JavaScript heap's young generation by some 60 MB, which is not the SDK's.
 */
async function* rows(): AsyncGenerator<Uint8Array> {
  yield header;
  const piece = new Uint8Array(65_536);
  let produced = header.length;
  let index = 0;
  while (produced < totalBytes) {
    let length = 0;
    while (length + 100 <= piece.length) {
      for (let position = 0; position < parts.length; position += 1) {
        const part = parts[position] as Uint8Array;
        piece.set(part, length);
        length += part.length;
        if (position < 3) length = writeNumber(piece, length, index);
      }
      index += 1;
    }
    produced += length;
    yield piece.subarray(0, length);
  }
}

const sim = await startRemoteSimulator({
  seed: {
    users: [{ userName: admin.username, password: admin.password, workspaces: [workspaceId] }],
    workspaces: [{ id: workspaceId, name: 'Upload', admins: [admin.username] }],
    models: [
      {
        id: modelId,
        name: 'Upload Model',
        workspaceId,
        roles: ['Viewer'],
        imports: [
          {
            name: 'Big users',
            importType: 'USERS',
            fileId,
            fileName: 'users.csv',
            columns: { Email: 'email', 'First Name': 'firstName', 'Last Name': 'lastName', Role: 'role' },
          },
        ],
      },
    ],
  },
  maxBodyBytes: 64 * 1024 * 1024,
  switches: { uploadRetainBytes: 1024 * 1024 },
});
const client = new IntegrationClient({ auth: basicAuth(admin), baseUrl: sim.apiUrl, authUrl: sim.authUrl });
try {
  await client.users.me();
  const baselineRssMb = rssMb();
  const started = performance.now();
  const result = await client
    .model(workspaceId, modelId)
    .runImport('Big users', rows(), { wait: { intervalMs: 25 } });
  const seconds = (performance.now() - started) / 1000;
  const uploaded = result.upload?.bytes ?? 0;
  report({
    megabytes: uploaded / (1024 * 1024),
    chunks: result.upload?.chunkCount,
    method: result.upload?.method,
    successful: result.successful,
    rowsImported: result.counts,
    seconds,
    megabytesPerSecond: uploaded / (1024 * 1024) / seconds,
    baselineRssMb,
    peakRssMb: peakRssMb(),
    simulatorPeakRssMb: (await sim.stats(Number.MAX_SAFE_INTEGER)).peakRssMb,
  });
} finally {
  await client.close();
  await sim.close();
}
