import { randomUUID } from 'node:crypto';
import {
  type AuditSink,
  apply,
  isApplyFailedError,
  isPlanRefusedError,
  plan,
  postgresAdvisoryLock,
  reconcile,
} from '@anaplan-access/reconcile';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AccessTenant, startAccessTenant } from '../helpers/access-tenant.js';
import { testDatabase as connection, postgresAbsent, postgresAvailable } from '../helpers/postgres.js';
import { gate, patchesSent, renameDesired, renameSeed, trackedTarget } from '../trust/apply-tenant.js';

// §7 of issue 12 against a real PostgreSQL server: applies of different sessions take turns through a session-level
// advisory lock, which is released on every exit path and whose loss (the session ended) stops the apply.

const reachable = await postgresAvailable('postgresAdvisoryLock over PostgreSQL');
const suiteName = reachable
  ? 'postgresAdvisoryLock over PostgreSQL'
  : `postgresAdvisoryLock over PostgreSQL (${postgresAbsent})`;

const users = 12;

describe.skipIf(!reachable)(suiteName, () => {
  const sessions: pg.Client[] = [];
  let observer: pg.Client;
  let tenant: AccessTenant | undefined;

  /** A new connected session, ended after the suite. */
  async function session(): Promise<pg.Client> {
    const client = new pg.Client(connection);
    sessions.push(client);
    await client.connect();
    return client;
  }

  /** Advisory locks granted to the backend `pid`. */
  async function advisoryLocksOf(pid: number): Promise<number> {
    const { rows } = await observer.query<{ count: string }>(
      "SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1",
      [pid],
    );
    return Number(rows[0]?.count);
  }

  const backendPid = async (client: pg.Client) =>
    (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;

  beforeAll(async () => {
    observer = await session();
  });
  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });
  afterAll(async () => {
    await Promise.all(sessions.map((client) => client.end().catch(() => {})));
  });

  it('a second session is refused at once, or waits and then finds nothing left to do', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const key = `anaplan-access-test:${randomUUID()}`;
    const [first, second] = [await session(), await session()];
    const held = gate();
    const running = reconcile({
      desired: renameDesired(users),
      target: trackedTarget(tenant.target, held.wait),
      lock: postgresAdvisoryLock({ client: first, key }),
    });
    try {
      await held.reached;
      expect(await advisoryLocksOf(await backendPid(first))).toBe(1);
      const refused = await reconcile({
        desired: renameDesired(users),
        target: tenant.target,
        lock: postgresAdvisoryLock({ client: second, key }),
      }).catch((error: unknown) => error);
      expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
      expect((refused as Error).message).toMatch(/PostgreSQL advisory lock -?\d+ \(refused at once/);

      const waitingTarget = trackedTarget(tenant.target);
      const waiting = reconcile({
        desired: renameDesired(users),
        target: waitingTarget,
        lock: postgresAdvisoryLock({ client: second, key, waitMs: 60_000 }),
      });
      // Its first attempt has been refused by the server: it is waiting, and has not observed Anaplan.
      await second.query('SELECT 1');
      expect(waitingTarget.started.observe ?? 0).toBe(0);
      held.open();
      expect((await running).result?.outcome).toBe('succeeded');
      const after = await waiting;
      expect(after.plan.operations).toEqual([]);
      expect(patchesSent(tenant.sim)).toBe(users);
      expect(await advisoryLocksOf(await backendPid(first))).toBe(0);
      expect(await advisoryLocksOf(await backendPid(second))).toBe(0);
    } finally {
      held.open();
    }
  });

  it('is released when the apply fails on its audit sink', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const client = await session();
    const pid = await backendPid(client);
    const lock = postgresAdvisoryLock({ client, key: 4_242_001 });
    const holding: number[] = [];
    let writes = 0;
    const audit: AuditSink = {
      write: async () => {
        holding.push(await advisoryLocksOf(pid));
        writes += 1;
        if (writes === 4) throw new Error('audit table is read-only');
      },
    };
    const saved = await plan({ desired: renameDesired(users), target: tenant.target });
    const failed = await apply(saved, { target: tenant.target, lock, audit }).catch(
      (error: unknown) => error,
    );
    expect(isApplyFailedError(failed)).toBe(true);
    expect(new Set(holding)).toEqual(new Set([1]));
    expect(await advisoryLocksOf(pid)).toBe(0);
  });

  it('stops the apply when its session is terminated while it holds the lock', async () => {
    tenant = await startAccessTenant(renameSeed(users));
    const client = await session();
    const pid = await backendPid(client);
    const held = gate();
    const target = trackedTarget(tenant.target, held.wait);
    const saved = await plan({ desired: renameDesired(users), target: tenant.target });
    const running = apply(saved, {
      target,
      lock: postgresAdvisoryLock({ client, key: 4_242_002 }),
      concurrency: 2,
    }).catch((error: unknown) => error);
    await held.reached;
    const ended = new Promise((resolve) => client.once('end', resolve));
    await observer.query('SELECT pg_terminate_backend($1)', [pid]);
    await ended;
    held.open();
    const failed = await running;
    expect(isApplyFailedError(failed) && failed.message).toMatch(/the apply lock was lost/);
    // The two writes in flight ended; nothing started after the session was lost.
    expect(target.started.updateUser).toBe(2);
    expect(isApplyFailedError(failed) && failed.result.counts).toMatchObject({
      succeeded: 2,
      aborted: users - 2,
    });
    expect(patchesSent(tenant.sim)).toBe(2);
  });

  it('refuses a Pool, whose queries may run on any connection', () => {
    const pool = new pg.Pool(connection);
    expect(() => postgresAdvisoryLock({ client: pool as never, key: 1 })).toThrow(/a Pool runs each query/);
    return pool.end();
  });
});
