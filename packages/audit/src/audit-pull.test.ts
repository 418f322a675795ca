import { basicAuth } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditClient } from './audit-client.js';
import type { AuditEvent } from './audit-event.js';
import type { AuditPull } from './audit-pull.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.parse('2025-03-01T12:00:00.000Z');
let sim: Simulator;
let audit: AuditClient;

beforeEach(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'auditor@example.com', password: 'pw', roles: ['TENANT_AUDITOR'] },
        { userName: 'kim.admin@example.com' },
        { userName: 'jane@example.com' },
      ],
    },
  });
  audit = new AuditClient({
    auth: basicAuth({ username: 'auditor@example.com', password: 'pw' }),
    authUrl: sim.authUrl,
    baseUrl: sim.auditUrl,
  });
});
afterEach(async () => {
  await audit.close();
  await sim.close();
});

/** A hand edit stamped at `time`; returns the event's id. */
function eventAt(time: number): number {
  sim.audit.setEventTime(time);
  const active = !sim.state.findUserByName('jane@example.com')?.active;
  sim.ui.setActive('kim.admin@example.com', 'jane@example.com', active);
  sim.audit.setEventTime(undefined);
  // setActive records USR-3/USR-4 and USR-5: keep the first.
  return sim.audit.events.at(-2)?.id ?? -1;
}

async function read(pull: AuditPull): Promise<number[]> {
  const ids: number[] = [];
  for await (const event of pull as AsyncIterable<AuditEvent>) ids.push(event.id);
  return ids;
}

const pairOf = (id: number) => [id, id + 1];

describe('incremental pulls', () => {
  it('delivers events on both edges of the range, and none outside it', async () => {
    const before = eventAt(t0 - 1);
    const first = eventAt(t0);
    const last = eventAt(t0 + 60_000);
    const after = eventAt(t0 + 60_001);
    const ids = await read(audit.events.pull({ since: t0, until: t0 + 60_000, type: 'user_activity' }));
    expect(ids).toEqual([...pairOf(first), ...pairOf(last)]);
    expect(ids).not.toContain(before);
    expect(ids).not.toContain(after);
  });

  it('never repeats an event and loses none across pulls: same millisecond, late arrivals, the edge itself', async () => {
    const until = t0 + 10 * 60_000;
    const early = eventAt(t0 + 1000);
    const onEdgeA = eventAt(until);
    const onEdgeB = eventAt(until); // same millisecond
    const first = audit.events.pull({ since: t0, until, type: 'user_activity', pageSize: 2 });
    expect(await read(first)).toEqual([...pairOf(early), ...pairOf(onEdgeA), ...pairOf(onEdgeB)]);
    const watermark = first.watermark;
    expect(watermark).toMatchObject({ through: until, lookbackMs: 300_000 });
    expect(watermark?.seenIds).toHaveLength(4);

    // Stored after the first pull: one on the same millisecond as the edge, one inside the look-back, one later.
    const lateOnEdge = eventAt(until);
    const lateInside = eventAt(until - 60_000);
    const later = eventAt(until + 1);
    const second = audit.events.pull({
      since: JSON.parse(JSON.stringify(watermark)),
      until: until + 60_000,
      type: 'user_activity',
    });
    expect((await read(second)).sort()).toEqual(
      [...pairOf(lateOnEdge), ...pairOf(lateInside), ...pairOf(later)].sort(),
    );

    // And a third pull over the same time finds nothing new.
    const third = audit.events.pull({
      since: second.watermark!,
      until: until + 60_000,
      type: 'user_activity',
    });
    expect(await read(third)).toEqual([]);
    expect(third.watermark).toEqual(second.watermark);
  });

  it('splits a range longer than 30 days, each event once, also on the edge between two windows', async () => {
    const since = t0 - 45 * day;
    const edge = since + 30 * day - 2; // the last millisecond of the first window
    const ids = [edge - 1, edge, edge + 1, edge + 2, since, t0].map(eventAt);
    const pull = audit.events.pull({ since, until: t0, type: 'user_activity' });
    const read1 = await read(pull);
    expect(read1.sort()).toEqual(ids.flatMap(pairOf).sort());
    const requests = sim.requests.filter((request) => request.path === '/audit/api/1/events');
    expect(requests.map((request) => request.status)).toEqual([200, 200]);
    for (const request of requests) {
      const query = new URLSearchParams(request.query);
      expect(Number(query.get('dateTo')) - Number(query.get('dateFrom'))).toBeLessThanOrEqual(30 * day);
    }
  });

  it('has no watermark until it has read everything, and is read once', async () => {
    eventAt(t0);
    eventAt(t0 + 1);
    const pull = audit.events.pull({ since: t0, until: t0 + 1, pageSize: 1 });
    for await (const _ of pull) break;
    expect(pull.watermark).toBeUndefined();
    await expect(read(pull)).rejects.toMatchObject({ kind: 'configuration', key: 'pull' });
  });

  it('refuses a watermark that is not one', () => {
    expect(() => audit.events.pull({ since: { through: 'x' } as never })).toThrow(/watermark/);
    expect(() => audit.events.pull({ since: t0 + 1, until: t0 })).toThrow(/until/);
  });
});
