// Tests: ../transport/session.test.ts, ../auth/session-auth.test.ts

import type { AuthContext, AuthProvider, AuthRequest, AuthSession } from '../auth/auth-provider.js';
import type { Logger } from '../logger.js';

/** How many issued credentials are remembered for scrubbing. */
const rememberedCredentials = 32;

/** The reason given to pending authentications when the token manager closes. */
export class SessionClosedReason extends Error {
  override readonly name = 'SessionClosedReason';
  constructor() {
    super('The transport was closed while authenticating');
  }
}

interface HeldSession {
  session: AuthSession;
  /** Local clock when the session arrived; with `expiresAt` it gives the lifetime. */
  obtainedAt: number;
}

interface Operation {
  promise: Promise<AuthSession>;
  controller: AbortController;
  /** Waiters that can still want the result; when the last one aborts, the operation is aborted. */
  waiters: number;
  unboundedWaiters: boolean;
}

/** Options of {@link TokenManager}. */
export interface TokenManagerOptions {
  provider: AuthProvider;
  /** How providers reach the auth services (unauthenticated, not queued behind the concurrency limit). */
  request: AuthRequest;
  logger: Logger;
  /** Renew when less than this remains (capped at half the session's lifetime). @default 300000 */
  refreshBeforeMs?: number;
  /** The clock, in epoch ms. @default Date.now */
  now?: () => number;
}

/**
 * Holds one session per transport. Authentication and refresh are single-flight: concurrent callers share one
 * in-flight promise. A session is renewed before it expires (`refresh`, or a new authentication when the
 * provider cannot refresh or the refresh fails). `invalidate` drops a session the server refused; `close` logs
 * out.
 */
export class TokenManager {
  readonly #provider: AuthProvider;
  readonly #request: AuthRequest;
  readonly #logger: Logger;
  readonly #refreshBeforeMs: number;
  readonly #now: () => number;
  readonly #issued: string[] = [];
  #current: HeldSession | undefined;
  #inFlight: Operation | undefined;

  constructor(options: TokenManagerOptions) {
    this.#provider = options.provider;
    this.#request = options.request;
    this.#logger = options.logger;
    this.#refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * A usable session: the current one, or the result of the (shared) authentication or refresh in flight.
   * Rejects with `signal.reason` if `signal` aborts first; the shared work goes on while others still wait.
   */
  getSession(signal?: AbortSignal): Promise<AuthSession> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const held = this.#current;
    if (held && !this.#needsRenewal(held)) return Promise.resolve(held.session);
    const running = this.#inFlight;
    const operation = running && !running.controller.signal.aborted ? running : this.#start(held);
    return this.#wait(operation, signal);
  }

  /**
   * Drops `session` after the server refused it (401), unless a newer session already replaced it. The next
   * `getSession` authenticates again.
   */
  invalidate(session: AuthSession): void {
    if (this.#current?.session.authorization === session.authorization) this.#current = undefined;
  }

  /** Credentials issued so far (the part after the scheme), for scrubbing errors and logs. */
  issuedCredentials(): readonly string[] {
    return this.#issued;
  }

  /** Stops a pending authentication and logs out of a live session (errors are logged, not thrown). */
  async close(): Promise<void> {
    this.#inFlight?.controller.abort(new SessionClosedReason());
    this.#inFlight = undefined;
    const held = this.#current;
    this.#current = undefined;
    if (!held || !this.#provider.logout) return;
    const expiresAt = held.session.expiresAt;
    if (expiresAt !== undefined && expiresAt <= this.#now()) return;
    try {
      await this.#provider.logout(this.#context(new AbortController().signal), held.session);
      this.#logger.info({ auth: this.#provider.kind }, 'Logged out');
    } catch (error) {
      this.#logger.warn({ auth: this.#provider.kind, error: nameAndMessageOf(error) }, 'Logging out failed');
    }
  }

  #needsRenewal(held: HeldSession): boolean {
    const expiresAt = held.session.expiresAt;
    if (expiresAt === undefined) return false;
    const lifetime = expiresAt - held.obtainedAt;
    // A session that looks expired on arrival means the clocks disagree: rely on the server's 401 instead.
    if (lifetime <= 0) return false;
    return this.#now() >= expiresAt - Math.min(this.#refreshBeforeMs, lifetime / 2);
  }

  #context(signal: AbortSignal): AuthContext {
    return { request: this.#request, signal, logger: this.#logger };
  }

  #start(held: HeldSession | undefined): Operation {
    const controller = new AbortController();
    const context = this.#context(controller.signal);
    const provider = this.#provider;
    const renew = async (): Promise<AuthSession> => {
      const expiresAt = held?.session.expiresAt;
      if (held && provider.refresh && expiresAt !== undefined && this.#now() < expiresAt) {
        try {
          const session = await provider.refresh(context, held.session);
          this.#logger.info(
            { auth: provider.kind, expiresAt: isoTime(session.expiresAt) },
            'Session refreshed',
          );
          return session;
        } catch (error) {
          if (controller.signal.aborted) throw error;
          this.#logger.warn(
            { auth: provider.kind, error: nameAndMessageOf(error) },
            'Refreshing the session failed; authenticating again',
          );
        }
      }
      const session = await provider.authenticate(context);
      this.#logger.info({ auth: provider.kind, expiresAt: isoTime(session.expiresAt) }, 'Authenticated');
      return session;
    };
    const operation: Operation = {
      controller,
      waiters: 0,
      unboundedWaiters: false,
      promise: renew().then((session) => {
        if (controller.signal.aborted) throw controller.signal.reason;
        this.#store(session);
        return session;
      }),
    };
    operation.promise
      .finally(() => {
        if (this.#inFlight === operation) this.#inFlight = undefined;
      })
      .catch(() => {
        // Waiters see the rejection; this branch only keeps it from being reported as unhandled.
      });
    this.#inFlight = operation;
    return operation;
  }

  #store(session: AuthSession): void {
    this.#current = { session, obtainedAt: this.#now() };
    const space = session.authorization.indexOf(' ');
    const credential = space < 0 ? session.authorization : session.authorization.slice(space + 1);
    if (!this.#issued.includes(credential)) {
      this.#issued.push(credential);
      if (this.#issued.length > rememberedCredentials) this.#issued.shift();
    }
  }

  #wait(operation: Operation, signal: AbortSignal | undefined): Promise<AuthSession> {
    operation.waiters += 1;
    if (!signal) {
      operation.unboundedWaiters = true;
      return operation.promise;
    }
    return new Promise<AuthSession>((resolve, reject) => {
      const onAbort = () => {
        operation.waiters -= 1;
        if (operation.waiters === 0 && !operation.unboundedWaiters) operation.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      operation.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

function isoTime(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

/** `Name: message` of a thrown value, for a log line. */
function nameAndMessageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
