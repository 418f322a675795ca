/** Which requests a fault applies to: a path prefix (`/scim`), a regular expression over `METHOD path`, or all. */
export type RouteMatcher = string | RegExp | undefined;

/**
 * A forced answer: the next `count` matching requests get `status` (with `Retry-After` and a JSON body if given).
 */
export interface ForcedStatusFault {
  status: number;
  /** How many matching requests get it. @default 1 */
  count?: number;
  route?: RouteMatcher;
  /** `Retry-After` header value to send (seconds as a number, or any string such as an HTTP-date). */
  retryAfter?: number | string;
  /** JSON body to send. */
  body?: unknown;
}

/**
 * A dropped connection: the next `count` matching requests are cut without an answer (before, during or after handling).
 */
export interface ResetFault {
  /** How many matching requests have their connection destroyed without an answer. @default 1 */
  count?: number;
  route?: RouteMatcher;
  /** Destroy after this many request-body bytes were received (mid-upload); default: before answering. */
  afterBodyBytes?: number;
  /**
   * Let the request be handled (its change is made), then destroy the connection instead of answering: the
   * client cannot tell whether the write happened. @default false
   */
  afterHandling?: boolean;
}

/** Extra delay added to every matching request. */
export interface LatencyFault {
  ms: number;
  route?: RouteMatcher;
}

/** A token-bucket rate limit: requests beyond it get 429 with `Retry-After`. */
export interface RateLimitFault {
  /** Allowed requests per second (token bucket of that size refilled continuously). */
  requestsPerSecond: number;
  route?: RouteMatcher;
  /** Bucket size. @default requestsPerSecond */
  burst?: number;
}

/** One request as the simulator saw it (the `Authorization` value is never kept). */
export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  /** The auth scheme used (`Basic`, `AnaplanAuthToken`, `CACertificate`, `Bearer`), without the credential. */
  authScheme: string | undefined;
  startedAt: number;
  durationMs: number;
}

interface Counted<T> {
  fault: T;
  remaining: number;
}

export function routeMatches(matcher: RouteMatcher, method: string, path: string): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'string') return path.startsWith(matcher);
  return matcher.test(`${method} ${path}`);
}

/**
 * Fault injection for a running simulator. Every method returns `this` so faults can be chained; `clear()` removes
 * them all. Faults are checked in this order: reset, forced status, rate limit, then latency before the handler.
 *
 * @example
 * ```ts
 * sim.faults.failNext({ status: 503, count: 2, route: '/2/0' }).latency({ ms: 200, route: '/token' });
 * sim.faults.resetNext({ route: /^POST \/scim\/1\/0\/v2\/Users$/, afterHandling: true }); // created, answer lost
 * sim.faults.clear();
 * ```
 */
export class Faults {
  #statuses: Counted<ForcedStatusFault>[] = [];
  #resets: Counted<ResetFault>[] = [];
  #latencies: LatencyFault[] = [];
  #rateLimits: { fault: RateLimitFault; tokens: number; updatedAt: number }[] = [];
  /** How many 429s the rate limiter has sent. */
  rateLimited = 0;

  /** Answers the next `count` matching requests with `status` (and optional `Retry-After` and body). */
  failNext(fault: ForcedStatusFault): this {
    this.#statuses.push({ fault, remaining: fault.count ?? 1 });
    return this;
  }

  /** Destroys the connection of the next `count` matching requests. */
  resetNext(fault: ResetFault = {}): this {
    this.#resets.push({ fault, remaining: fault.count ?? 1 });
    return this;
  }

  /** Delays every matching request by `ms` before it is handled. Latencies of several matching faults add up. */
  latency(fault: LatencyFault): this {
    this.#latencies.push(fault);
    return this;
  }

  /** Answers 429 with `Retry-After` once matching requests exceed the rate. */
  rateLimit(fault: RateLimitFault): this {
    const burst = fault.burst ?? fault.requestsPerSecond;
    this.#rateLimits.push({ fault, tokens: burst, updatedAt: Date.now() });
    return this;
  }

  /** Removes every fault added so far (forced statuses, resets, latencies and rate limits). */
  clear(): this {
    this.#statuses = [];
    this.#resets = [];
    this.#latencies = [];
    this.#rateLimits = [];
    return this;
  }

  /** @internal */
  takeReset(method: string, path: string): ResetFault | undefined {
    return take(this.#resets, method, path);
  }

  /** @internal */
  takeStatus(method: string, path: string): ForcedStatusFault | undefined {
    return take(this.#statuses, method, path);
  }

  /** @internal Returns the seconds to wait when the request is over a rate limit. */
  checkRate(method: string, path: string, now = Date.now()): number | undefined {
    for (const limiter of this.#rateLimits) {
      if (!routeMatches(limiter.fault.route, method, path)) continue;
      const burst = limiter.fault.burst ?? limiter.fault.requestsPerSecond;
      const rate = limiter.fault.requestsPerSecond;
      limiter.tokens = Math.min(burst, limiter.tokens + ((now - limiter.updatedAt) / 1000) * rate);
      limiter.updatedAt = now;
      if (limiter.tokens >= 1) {
        limiter.tokens -= 1;
        continue;
      }
      this.rateLimited += 1;
      return Math.max(1, Math.ceil((1 - limiter.tokens) / rate));
    }
    return undefined;
  }

  /** @internal */
  latencyFor(method: string, path: string): number {
    return this.#latencies.reduce(
      (sum, fault) => sum + (routeMatches(fault.route, method, path) ? fault.ms : 0),
      0,
    );
  }
}

function take<T extends { route?: RouteMatcher }>(
  list: Counted<T>[],
  method: string,
  path: string,
): T | undefined {
  const entry = list.find(
    (candidate) => candidate.remaining > 0 && routeMatches(candidate.fault.route, method, path),
  );
  if (!entry) return undefined;
  entry.remaining -= 1;
  return entry.fault;
}
