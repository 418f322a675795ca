import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Transport, withCallOptions } from './client.js';
import {
  type CallOptions,
  isAbortError,
  isConfigurationError,
  isTimeoutError,
  staticToken,
} from './index.js';

// A call's options over real HTTP: the simulator answers the slow route only after 10 s, far past every deadline
// below, so a call that is not cut by its own options would still be waiting (and fail the test) when it answers.

let sim: Simulator;
let transport: Transport;
beforeAll(async () => {
  sim = await startSimulator();
  transport = new Transport({
    auth: staticToken('call-options-token'),
    baseUrls: { api: sim.apiUrl, auth: sim.authUrl, scim: sim.scimUrl, oauth: sim.oauthUrl },
    retry: 0,
  });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.faults.clear();
});

const slowPath = '/users/me';

function slowCall(options: CallOptions | undefined): Promise<unknown> {
  sim.faults.latency({ ms: 10_000, route: `/2/0${slowPath}` });
  return withCallOptions(options, (signal) =>
    transport.request({ api: 'api', method: 'GET', path: slowPath, signal, authenticated: false }),
  );
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('withCallOptions', () => {
  it('cuts the request in flight at the deadline and fails with a TimeoutError naming it', async () => {
    const error = await failure(slowCall({ timeoutMs: 100 }));
    expect(isTimeoutError(error)).toBe(true);
    expect(isAbortError(error)).toBe(false);
    expect(error).toMatchObject({ timeoutMs: 100, method: 'GET', url: `${sim.apiUrl}${slowPath}` });
    expect((error as Error).message).toBe(`GET ${sim.apiUrl}${slowPath} timed out after 100 ms`);
  });

  it("leaves the caller's own abort an AbortError, deadline or not", async () => {
    const controller = new AbortController();
    const call = slowCall({ signal: controller.signal, timeoutMs: 60_000 });
    controller.abort();
    const error = await failure(call);
    expect(isAbortError(error)).toBe(true);
    expect(isTimeoutError(error)).toBe(false);
  });

  it('returns the answer and leaves no timer behind when the call ends in time', async () => {
    const before = timers();
    const response = await withCallOptions({ timeoutMs: 60_000 }, (signal) =>
      transport.request({
        api: 'scim',
        method: 'GET',
        path: '/ServiceProviderConfig',
        signal,
        authenticated: false,
        responseType: 'none',
      }),
    );
    expect(response.status).toBe(200);
    expect(timers()).toBe(before);
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: -5 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ timeoutMs: '100' }, 'timeoutMs'],
    [{ signal: { aborted: false } }, 'signal'],
    ['fast', 'options'],
  ])('refuses %o with a ConfigurationError naming %s, before calling', async (options, key) => {
    let called = false;
    const error = await failure(
      withCallOptions(options as CallOptions, async () => {
        called = true;
      }),
    );
    expect(isConfigurationError(error) && error.key).toBe(key);
    expect(called).toBe(false);
  });
});
