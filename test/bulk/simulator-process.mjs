// Runs the simulator in its own process, so that the 200 MB it stores does not count towards the memory of the
// test process that uploads. Talks to its parent over IPC: it sends { apiUrl, authUrl } once listening, answers
// { type: 'file', modelId, fileId, userName } with the stored file's size and SHA-256, and exits on 'close'.
import { createHash } from 'node:crypto';
import { register } from 'node:module';

register('./typescript-source-hooks.mjs', import.meta.url);
const { integrationControls, startSimulator } = await import('../../packages/testkit/src/index.ts');

const seed = JSON.parse(process.argv[2] ?? '{}');
const sim = await startSimulator({ seed, maxBodyBytes: 64 * 1024 * 1024 });
const controls = integrationControls(sim.state);

process.on('message', async (message) => {
  if (message?.type === 'file') {
    const text = controls.fileText(message.modelId, message.fileId, message.userName) ?? '';
    const bytes = Buffer.from(text, 'utf8');
    const chunkPuts = sim.requests.filter(
      (request) => request.method === 'PUT' && /\/chunks\/\d+$/.test(request.path),
    );
    process.send({
      type: 'file',
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      chunkPuts: chunkPuts.length,
    });
  } else if (message?.type === 'close') {
    await sim.close();
    process.exit(0);
  }
});
process.send({ type: 'ready', apiUrl: sim.apiUrl, authUrl: sim.authUrl });
