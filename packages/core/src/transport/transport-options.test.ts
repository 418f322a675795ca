import { describe, expect, it } from 'vitest';
import { Transport, type TransportOptions } from '../client.js';
import { isConfigurationError, staticToken } from '../index.js';

const auth = staticToken('options-test-token');

function configurationError(options: unknown): { key: string; message: string } {
  try {
    new Transport(options as TransportOptions);
  } catch (error) {
    if (isConfigurationError(error)) return { key: error.key, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('Transport options', () => {
  it('refuses an unknown key and lists the valid ones', () => {
    const error = configurationError({ auth, timeout: 5000 });
    expect(error.key).toBe('timeout');
    expect(error.message).toBe(
      'Unknown option "timeout". Valid options: auth, region, baseUrls, fetch, timeoutMs, maxResponseBytes, userAgent, concurrency, retry, logger',
    );
  });

  it('refuses unknown nested keys', () => {
    expect(configurationError({ auth, baseUrls: { apiUrl: 'https://x' } })).toMatchObject({
      key: 'baseUrls.apiUrl',
      message: expect.stringContaining('Valid options: api, auth, scim, oauth'),
    });
    expect(configurationError({ auth, retry: { limit: 1, retries: 2 } })).toMatchObject({
      key: 'retry.retries',
    });
  });

  it.each([
    [{}, 'auth'],
    [{ auth: { kind: 'x' } }, 'auth'],
    [{ auth, region: 'mars1' }, 'region'],
    [{ auth, timeoutMs: 0 }, 'timeoutMs'],
    [{ auth, maxResponseBytes: 0 }, 'maxResponseBytes'],
    [{ auth, maxResponseBytes: 2 ** 29 }, 'maxResponseBytes'],
    [{ auth, maxResponseBytes: 1.5 }, 'maxResponseBytes'],
    [{ auth, concurrency: 0 }, 'concurrency'],
    [{ auth, retry: -1 }, 'retry'],
    [{ auth, retry: { limit: 1.5 } }, 'retry'],
    [{ auth, logger: { info() {} } }, 'logger'],
    [{ auth, fetch: 'fetch' }, 'fetch'],
    [{ auth, baseUrls: { api: 'http://api.anaplan.com/2/0' } }, 'baseUrls.api'],
  ])('names the bad key of %o', (options, key) => {
    expect(configurationError(options).key).toBe(key);
  });

  it('never quotes option values in the error (they may be secrets)', () => {
    const error = configurationError({ auth, userAgent: 42, region: 'secret-looking-value' });
    expect(error.message).not.toContain('secret-looking-value');
  });

  it('does no I/O and starts no timers when constructed', () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const timersBefore = timers();
    let calls = 0;
    const transport = new Transport({
      auth,
      fetch: async () => {
        calls += 1;
        return new Response('{}');
      },
      retry: 0,
      concurrency: 2,
      logger: console,
    });
    expect(calls).toBe(0);
    expect(transport.baseUrls.api).toBe('https://api.anaplan.com/2/0');
    expect(timers()).toBe(timersBefore);
  });
});

describe('VERSION', () => {
  it('matches package.json (it goes into the default User-Agent)', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const { VERSION } = await import('../index.js');
    expect(VERSION).toBe(manifest.version);
  });
});
