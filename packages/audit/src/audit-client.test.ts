import { apiKey, basicAuth, bearerToken, isAuthenticationError } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditClient } from './audit-client.js';
import { isAuditRoleRequiredError } from './audit-role-required-error.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.parse('2025-03-01T12:00:00.000Z');
let sim: Simulator;

const clientFor = (username: string) =>
  new AuditClient({
    auth: basicAuth({ username, password: 'pw' }),
    authUrl: sim.authUrl,
    baseUrl: sim.auditUrl,
  });

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        { userName: 'auditor@example.com', password: 'pw', roles: ['TENANT_AUDITOR'] },
        { userName: 'planner@example.com', password: 'pw' },
        { userName: 'jane@example.com' },
      ],
    },
  });
  for (let index = 0; index < 5; index += 1) {
    sim.audit.setEventTime(t0 + index * 1000);
    sim.ui.editUser('planner@example.com', 'jane@example.com', { givenName: `Jane ${index}` });
  }
  sim.audit.setEventTime(undefined);
});
afterAll(() => sim.close());

describe('AuditClient', () => {
  it('sends AnaplanAuthToken and pages through a range with offset and limit', async () => {
    const audit = clientFor('auditor@example.com');
    const list = audit.events.list({ from: t0, to: t0 + 4000, type: 'user_activity', pageSize: 3 });
    const first = await list;
    expect(first.items).toHaveLength(3);
    expect(first.paging).toMatchObject({ totalSize: 10, offSet: 0, nextOffset: 3 });
    const all = await list.toArray({ limit: Number.POSITIVE_INFINITY });
    expect(all.map((event) => event.eventTypeId)).toEqual(Array(5).fill(['USR-27', 'USR-5']).flat());
    expect(all[0]).toMatchObject({
      eventDate: t0,
      userId: sim.state.findUserByName('planner@example.com')?.id,
      additionalAttributes: { targetUserName: 'jane@example.com', newValue: 'Jane 0' },
    });
    const schemes = sim.requests
      .filter((request) => request.path.startsWith('/audit/'))
      .map((r) => r.authScheme);
    expect(new Set(schemes)).toEqual(new Set(['AnaplanAuthToken']));
    await audit.close();
  });

  it('sends a Bearer credential as AnaplanAuthToken, and refuses an API key', async () => {
    const login = await fetch(`${sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('auditor@example.com:pw').toString('base64')}` },
    });
    const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
    const audit = new AuditClient({ auth: bearerToken(tokenInfo.tokenValue), baseUrl: sim.auditUrl });
    expect((await audit.events.list({ from: t0, to: t0 })).items).toHaveLength(2);
    expect(() => new AuditClient({ auth: apiKey('auk_us1_x'), baseUrl: sim.auditUrl })).toThrow(
      expect.objectContaining({ kind: 'configuration', key: 'auth' }),
    );
  });

  it('tells a missing Tenant Auditor role apart from a bad credential', async () => {
    const planner = clientFor('planner@example.com');
    const error = await planner.events.list({ from: t0, to: t0 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isAuditRoleRequiredError(error)).toBe(true);
    expect(isAuthenticationError(error)).toBe(true);
    await planner.close();
  });

  it('reads CEF lines over a range longer than 30 days, each line once', async () => {
    const audit = clientFor('auditor@example.com');
    const lines = await audit.events.cef({ type: 'user_activity', from: t0 - 40 * day, to: t0 + 4000 });
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^2025-03-01T12:00:00\.000Z {2}CEF:0\|Anaplan, Inc\.\|\|null\|USR-27\|/);
    await audit.close();
  });

  it('refuses invalid options before sending anything', () => {
    const audit = clientFor('auditor@example.com');
    const refused = (call: () => unknown, key: string) =>
      expect(call).toThrow(expect.objectContaining({ kind: 'configuration', key }));
    refused(() => audit.events.list({ from: t0, to: t0 + 31 * day }), 'to');
    refused(() => audit.events.list({ type: 'users' as never }), 'type');
    refused(() => audit.events.list({ count: 5 } as never), 'count');
    refused(() => audit.events.list({ from: t0 + 1, to: t0 }), 'from');
    refused(() => audit.events.list({ pageSize: 0, from: t0, to: t0 }).then(() => {}), 'pageSize');
  });
});
