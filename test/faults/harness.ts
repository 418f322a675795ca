import type { Simulator } from '@anaplan-access/testkit';
import { admin } from '../helpers/access-tenant.js';
import type { Random } from './random.js';

// Tools the fault scenarios use to aim their faults and to act as another party on the tenant.

/**
 * A route matcher for the simulator's fault hooks that matches `pattern` only when `decide()` says so (a seeded
 * coin toss, or a countdown), so a fault hits a random selection of requests.
 */
export function choosy(pattern: RegExp, decide: () => boolean): RegExp {
  const matcher = new RegExp(pattern.source, pattern.flags);
  Object.defineProperty(matcher, 'test', { value: (text: string) => pattern.test(text) && decide() });
  return matcher;
}

/** `decide` for {@link choosy}: true for at most `count` calls, each with `probability`. */
export function atMost(rng: Random, count: number, probability: number): () => boolean {
  let left = count;
  return () => {
    if (left <= 0 || !rng.chance(probability)) return false;
    left -= 1;
    return true;
  };
}

/**
 * Calls the Integration API as someone else would (marked `by=harness`, so the audit check leaves them out). The
 * other party is persistent: it tries again through the faults injected for the engine.
 */
export async function harnessCall(
  sim: Simulator,
  method: string,
  path: string,
  json?: unknown,
): Promise<Response> {
  const basic = Buffer.from(`${admin.userName}:${admin.password}`).toString('base64');
  let last: unknown;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const login = await fetch(`${sim.authUrl}/token/authenticate?by=harness`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}` },
      });
      if (!login.ok) continue;
      const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
      const response = await fetch(`${sim.apiUrl}${path}?by=harness`, {
        method,
        headers: {
          authorization: `AnaplanAuthToken ${tokenInfo.tokenValue}`,
          'content-type': 'application/json',
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      if (response.ok) return response;
      last = new Error(`${method} ${path} answered ${response.status}`);
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`the harness could not call ${method} ${path}`, { cause: last });
}
