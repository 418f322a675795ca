import { createHash } from 'node:crypto';
import { ConfigurationError } from '@anaplan-access/core';
import { z } from 'zod';
import type { ApplyLock, ApplyLockRequest, HeldApplyLock } from './apply-lock.js';
import { parseLockOptions, waitForLock, waitMsSchema } from './internal/wait-for-lock.js';

/**
 * What {@link postgresAdvisoryLock} needs from a `pg` `Client` or a `PoolClient`: `query(text, values)`, and
 * optionally `on`/`off` to learn that the connection ended. Accepted structurally, so this package does not depend
 * on `pg`.
 *
 * @example
 * ```ts
 * const session: PostgresLockSession = await pool.connect(); // keep it for the whole apply, then session.release()
 * ```
 */
export interface PostgresLockSession {
  /** Runs one SQL statement with `$1` parameters and resolves to its rows. */
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Listens for `error` and `end` (a `pg` client is an `EventEmitter`). */
  on?(event: 'error' | 'end', listener: (...args: unknown[]) => void): unknown;
  /** Stops listening. */
  off?(event: 'error' | 'end', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Options of {@link postgresAdvisoryLock}.
 *
 * @example
 * ```ts
 * const options: PostgresAdvisoryLockOptions = { client: session, key: 'anaplan-access:acme', waitMs: 60_000 };
 * ```
 */
export interface PostgresAdvisoryLockOptions {
  /**
   * A dedicated connection, kept open for the whole apply: a connected `pg` `Client`, or a `PoolClient` from
   * `pool.connect()`. Not a `Pool`: an advisory lock belongs to the session that took it, and a pool runs each query
   * on whichever connection is free.
   */
  client: PostgresLockSession;
  /**
   * The lock's key, the same in every process that must take turns: a 64-bit integer (`number` or `bigint`), or a
   * string, hashed to one (the first 8 bytes of its SHA-256, as a signed integer).
   */
  key: string | number | bigint;
  /** How long a second apply waits for the lock, in ms (it tries again every 250 ms); 0 refuses it at once. @default 0 */
  waitMs?: number | undefined;
}

const int8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const optionsSchema = z.strictObject({
  client: z.custom<PostgresLockSession>(
    (value) => typeof (value as { query?: unknown } | null)?.query === 'function',
    'must be a connected pg Client or PoolClient (an object with query(text, values))',
  ),
  key: z.union([
    z.string().min(1),
    z.number().int(),
    z.bigint().refine((value) => value >= int8.min && value <= int8.max, 'must fit a signed 64-bit integer'),
  ]),
  waitMs: waitMsSchema,
});

/** The sessions of this process and the advisory locks an apply holds on each. */
const heldBySession = new WeakMap<PostgresLockSession, Set<string>>();

/**
 * An {@link ApplyLock} held as a PostgreSQL session-level advisory lock (`pg_try_advisory_lock`, released with
 * `pg_advisory_unlock`): every process that reaches the database takes turns, wherever it runs, and a lock whose
 * process died ends with its session. A natural choice when the desired state already comes from PostgreSQL.
 *
 * Advisory locks are re-entrant within a session, so this lock also keeps two applies of one process that share a
 * session apart. If the session ends while the lock is held (the client emits `end` or `error`), the apply starts
 * nothing new and fails.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const session = new pg.Client({ connectionString: process.env.DATABASE_URL });
 * await session.connect();
 * try {
 *   const lock = postgresAdvisoryLock({ client: session, key: 'anaplan-access:acme', waitMs: 60_000 });
 *   await reconcile({ desired, target, policy, lock });
 * } finally {
 *   await session.end();
 * }
 * ```
 * @throws {ConfigurationError} for unknown or invalid options, or a `pg` `Pool` given as `client`.
 * @group Audit log and locks
 */
export function postgresAdvisoryLock(options: PostgresAdvisoryLockOptions): ApplyLock {
  const { client, key, waitMs = 0 } = parseLockOptions('postgresAdvisoryLock', optionsSchema, options);
  if (typeof (client as { totalCount?: unknown }).totalCount === 'number')
    throw new ConfigurationError(
      'client',
      'postgresAdvisoryLock: client: a Pool runs each query on any of its connections, but an advisory lock belongs ' +
        'to one session; pass a Client, or a PoolClient from `await pool.connect()` kept for the whole apply',
    );
  const lockId = advisoryLockId(key);
  const description = `PostgreSQL advisory lock ${lockId}`;
  return {
    description,
    async acquire(request: ApplyLockRequest): Promise<HeldApplyLock> {
      const held = heldBySession.get(client) ?? new Set<string>();
      heldBySession.set(client, held);
      await waitForLock(
        async () => {
          if (held.has(lockId)) return undefined;
          held.add(lockId); // before the query: two acquires on one session must not both succeed
          try {
            const { rows } = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
              lockId,
            ]);
            if (rows[0]?.locked === true) return true;
            held.delete(lockId);
            return undefined;
          } catch (error) {
            held.delete(lockId);
            throw error;
          }
        },
        { description, waitMs, signal: request.signal },
      );
      let ended = false;
      const onEnd = (error?: unknown) => {
        ended = true;
        request.onLost(
          new Error(`the PostgreSQL session holding the ${description} ended`, error ? { cause: error } : {}),
        );
      };
      client.on?.('end', onEnd);
      client.on?.('error', onEnd);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          client.off?.('end', onEnd);
          client.off?.('error', onEnd);
          held.delete(lockId);
          // A session that ended has released its advisory locks; one that cannot run the unlock is ending.
          if (!ended)
            await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockId]).catch(() => undefined);
        },
      };
    },
  };
}

/** The 64-bit key of the lock, as decimal text (sent as `$1::bigint`). */
function advisoryLockId(key: string | number | bigint): string {
  if (typeof key !== 'string') return BigInt(key).toString();
  return createHash('sha256').update(key, 'utf8').digest().readBigInt64BE(0).toString();
}
