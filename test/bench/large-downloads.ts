// Measurements 6 and 7: a large failure dump read by `model.runImport` (every row parsed and counted, the first
// 1,000 kept) and a large Users export read by `model.streamExport` (every row parsed), each downloaded from a
// simulator process whose front generates the file chunk by chunk (large-download-front.ts), so the peak RSS
// measured is the reading process's own. Usage: node test/bench/large-downloads.ts dump|export [megabytes]
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { peakRssMb, report, rssMb } from './child.ts';
import { startRemoteSimulator } from './remote-simulator.ts';

const kind = process.argv[2];
if (kind !== 'dump' && kind !== 'export')
  throw new Error('usage: large-downloads.ts dump|export [megabytes]');
const megabytes = Number(process.argv[3] ?? 1024);
const totalBytes = megabytes * 1024 * 1024;
const workspaceId = 'c0000000000000000000000000000002';
const modelId = 'C0000000000000000000000000000002';
const exportId = '116000000601';
const fileId = '113000000601';
const admin = { username: 'integration@corp.example', password: 'bench-password-2' };

const sim = await startRemoteSimulator(
  {
    seed: {
      users: [{ userName: admin.username, password: admin.password, workspaces: [workspaceId] }],
      workspaces: [{ id: workspaceId, name: 'Downloads', admins: [admin.username] }],
      models: [
        {
          id: modelId,
          name: 'Downloads Model',
          workspaceId,
          roles: ['Viewer'],
          imports: [
            {
              name: 'Users',
              importType: 'USERS',
              fileId,
              fileName: 'users.csv',
              columns: { Email: 'email', 'First Name': 'firstName', 'Last Name': 'lastName', Role: 'role' },
            },
          ],
          exports: [{ id: exportId, name: 'Users export', source: 'users' }],
        },
      ],
    },
    switches: { taskDurationMs: 5 },
  },
  { dumpBytes: totalBytes, exportBytes: totalBytes, exportFileId: exportId },
);
const connect = () =>
  new IntegrationClient({ auth: basicAuth(admin), baseUrl: sim.apiUrl, authUrl: sim.authUrl });
if (kind === 'dump') {
  // The upload that makes the dump (one rejected row) is set up by a client of its own, closed before measuring:
  // the measurement is the dump's, not the upload's buffers.
  const uploader = connect();
  await uploader
    .model(workspaceId, modelId)
    .files.upload(fileId, 'Email,First Name,Last Name,Role\nnot-an-email,X,Y,Viewer\n');
  await uploader.close();
}
const client = connect();
try {
  const model = client.model(workspaceId, modelId);
  await client.users.me();
  const baselineRssMb = rssMb();
  const started = performance.now();
  let rows = 0;
  let kept: number | undefined;
  if (kind === 'dump') {
    // The uploaded row is rejected, so the import has a failure dump; the front serves it at the size asked for.
    const result = await model.runImport('Users', undefined, { wait: { intervalMs: 25 } });
    rows = result.failureCounts.errors + result.failureCounts.warnings;
    kept = result.failures.length;
  } else {
    for await (const row of model.streamExport('Users export', { wait: { intervalMs: 25 } }))
      if (row.Email !== '') rows += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  report({
    kind,
    megabytes,
    rows,
    kept,
    seconds,
    megabytesPerSecond: megabytes / seconds,
    rowsPerSecond: rows / seconds,
    baselineRssMb,
    peakRssMb: peakRssMb(),
  });
} finally {
  await client.close();
  await sim.close();
}
