// Tests: ../regions.test.ts

import { isIP } from 'node:net';

/** Whether a URL hostname is a loopback address: 127.0.0.0/8, ::1 or localhost (and `*.localhost`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6)
    return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  return false;
}
