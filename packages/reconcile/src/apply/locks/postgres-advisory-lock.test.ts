import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isPlanRefusedError } from '../../plan/plan-refused-error.js';
import type { AccessTarget } from '../../target/access-target.js';
import { refusal } from '../../test-support/locks.js';
import { type PostgresLockSession, postgresAdvisoryLock } from './postgres-advisory-lock.js';

// The logic around the SQL, against sessions that keep PostgreSQL's rules for session-level advisory locks
// (re-entrant within a session, exclusive across sessions). The real server: test/postgres/apply-lock.postgres.test.ts.

function database() {
  const holders = new Map<string, { session: object; count: number }>();
  const statements: string[] = [];
  const session = (): PostgresLockSession & EventEmitter => {
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      async query(text: string, values: unknown[]) {
        statements.push(`${text} [${values.join(', ')}]`);
        const id = String(values[0]);
        const holder = holders.get(id);
        if (text.includes('pg_try_advisory_lock')) {
          if (holder && holder.session !== emitter) return { rows: [{ locked: false }] };
          holders.set(id, { session: emitter, count: (holder?.count ?? 0) + 1 });
          return { rows: [{ locked: true }] };
        }
        if (holder?.session !== emitter) return { rows: [{ pg_advisory_unlock: false }] };
        if (holder.count === 1) holders.delete(id);
        else holder.count -= 1;
        return { rows: [{ pg_advisory_unlock: true }] };
      },
    });
  };
  return { session, statements, holders };
}

const target = {} as AccessTarget;

describe('postgresAdvisoryLock', () => {
  it('takes and releases the lock with the bigint key, refusing another session meanwhile', async () => {
    const db = database();
    const first = await postgresAdvisoryLock({ client: db.session(), key: 42 }).acquire({
      target,
      onLost: () => {},
    });
    const refused = await refusal(
      postgresAdvisoryLock({ client: db.session(), key: 42 }).acquire({ target, onLost: () => {} }),
    );
    expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
    expect((refused as Error).message).toContain('PostgreSQL advisory lock 42 (refused at once');
    await first.release();
    expect(db.holders.size).toBe(0);
    expect(db.statements).toEqual([
      'SELECT pg_try_advisory_lock($1::bigint) AS locked [42]',
      'SELECT pg_try_advisory_lock($1::bigint) AS locked [42]',
      'SELECT pg_advisory_unlock($1::bigint) [42]',
    ]);
  });

  it('keeps two applies sharing one session apart, although PostgreSQL would let the session lock twice', async () => {
    const db = database();
    const session = db.session();
    const held = await postgresAdvisoryLock({ client: session, key: 7n }).acquire({
      target,
      onLost: () => {},
    });
    const [one, two] = await Promise.all([
      refusal(postgresAdvisoryLock({ client: session, key: 7n }).acquire({ target, onLost: () => {} })),
      refusal(postgresAdvisoryLock({ client: session, key: 7n }).acquire({ target, onLost: () => {} })),
    ]);
    expect([isPlanRefusedError(one), isPlanRefusedError(two)]).toEqual([true, true]);
    expect(db.statements).toHaveLength(1);
    await held.release();
  });

  it('hashes a string key to a stable signed 64-bit integer', async () => {
    const db = database();
    const lock = postgresAdvisoryLock({ client: db.session(), key: 'anaplan-access:acme' });
    expect(lock.description).toBe(
      postgresAdvisoryLock({ client: db.session(), key: 'anaplan-access:acme' }).description,
    );
    const id = BigInt(/advisory lock (-?\d+)/.exec(lock.description)?.[1] ?? 'x');
    expect(id >= -(2n ** 63n) && id < 2n ** 63n).toBe(true);
    expect(postgresAdvisoryLock({ client: db.session(), key: 'other' }).description).not.toBe(
      lock.description,
    );
  });

  it('reports a loss when the session ends while held, and does not unlock on a dead session', async () => {
    const db = database();
    const session = db.session();
    const losses: Error[] = [];
    const held = await postgresAdvisoryLock({ client: session, key: 1 }).acquire({
      target,
      onLost: (error) => losses.push(error),
    });
    session.emit('error', new Error('terminating connection due to administrator command'));
    expect(losses.map((error) => error.message)).toEqual([
      'the PostgreSQL session holding the PostgreSQL advisory lock 1 ended',
    ]);
    await held.release();
    expect(db.statements).toHaveLength(1);
    expect(session.listenerCount('error') + session.listenerCount('end')).toBe(0);
  });

  it('refuses a Pool, a missing key and unknown options', () => {
    const pool = Object.assign(database().session(), { totalCount: 0, idleCount: 0 });
    expect(() => postgresAdvisoryLock({ client: pool, key: 1 })).toThrow(/a Pool runs each query/);
    expect(() => postgresAdvisoryLock({ client: database().session() } as never)).toThrow(/key/);
    expect(() => postgresAdvisoryLock({ client: database().session(), key: 2 ** 60 })).toThrow(/key: /);
    expect(() => postgresAdvisoryLock({ client: database().session(), key: 1, wait: 1 } as never)).toThrow(
      /unknown option "wait"/,
    );
  });
});
