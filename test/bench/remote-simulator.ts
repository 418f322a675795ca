// The parent side of sim-server.ts: starts the simulator in a child process and reads its request log over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RequestRecord, SimulatorOptions } from '@anaplan-access/testkit';
import type { LargeDownloads } from './large-download-front.ts';

/** What the simulator process reports. */
export interface SimulatorStats {
  /** Requests handled since it started. */
  count: number;
  /** 429s its rate limiter sent since it started. */
  rateLimited: number;
  /** The requests since the `since` index asked for. */
  requests: Pick<RequestRecord, 'method' | 'path' | 'status'>[];
  peakRssMb: number;
}

export interface RemoteSimulator {
  authUrl: string;
  apiUrl: string;
  scimUrl: string;
  /** The Administration API (`…/admin/1/0`). */
  adminUrl: string;
  stats(since?: number): Promise<SimulatorStats>;
  close(): Promise<void>;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type !== type && message.type !== 'error') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message.type === 'error') reject(new Error(`simulator: ${message.message}`));
      else resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`simulator process exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the simulator with `options` in a child process (behind a front generating large downloads, if asked). */
export async function startRemoteSimulator(
  options: SimulatorOptions,
  largeDownloads?: LargeDownloads,
): Promise<RemoteSimulator> {
  const child = fork(fileURLToPath(new URL('./sim-server.ts', import.meta.url)), [], {
    execArgv: ['--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  await next(child, 'listening');
  child.send({ type: 'start', options, ...(largeDownloads ? { largeDownloads } : {}) });
  const { urls } = await next<{
    urls: { authUrl: string; apiUrl: string; scimUrl: string; adminUrl: string };
  }>(child, 'ready');
  return {
    ...urls,
    async stats(since = 0) {
      child.send({ type: 'stats', since });
      return next<SimulatorStats>(child, 'stats');
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}
