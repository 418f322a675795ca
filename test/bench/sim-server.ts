// The simulator in a process of its own, as a real tenant would be: its CPU and memory do not count towards the
// client's. Driven over IPC by remote-simulator.ts: { type: 'start', options } → { type: 'ready', urls };
// { type: 'stats', since } → { type: 'stats', ... }; { type: 'close' } ends the process.
import { type SimulatorOptions, startSimulator } from '@anaplan-access/testkit';
import { type LargeDownloads, startLargeDownloadFront } from './large-download-front.ts';

type Message =
  | { type: 'start'; options: SimulatorOptions; largeDownloads?: LargeDownloads }
  | { type: 'stats'; since: number }
  | { type: 'close' };

let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
let front: Awaited<ReturnType<typeof startLargeDownloadFront>> | undefined;
const send = (message: unknown) => process.send?.(message);

process.on('message', async (message: Message) => {
  try {
    if (message.type === 'start') {
      sim = await startSimulator(message.options);
      if (message.largeDownloads) front = await startLargeDownloadFront(sim.baseUrl, message.largeDownloads);
      const via = (url: string) => (front ? url.replace(sim?.baseUrl ?? '', front.url) : url);
      send({
        type: 'ready',
        urls: {
          authUrl: via(sim.authUrl),
          apiUrl: via(sim.apiUrl),
          scimUrl: via(sim.scimUrl),
          adminUrl: via(sim.adminUrl),
        },
      });
    } else if (message.type === 'stats') {
      const requests = sim?.requests ?? [];
      send({
        type: 'stats',
        count: requests.length,
        rateLimited: sim?.faults.rateLimited ?? 0,
        requests: requests.slice(message.since).map(({ method, path, status }) => ({ method, path, status })),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      });
    } else if (message.type === 'close') {
      await front?.close();
      await sim?.close();
      process.exit(0);
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
send({ type: 'listening' });
