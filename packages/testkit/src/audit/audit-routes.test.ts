import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

let sim: Simulator;
const day = 24 * 60 * 60 * 1000;
const t0 = Date.parse('2025-03-01T00:00:00.000Z');

async function login(userName: string): Promise<string> {
  const response = await fetch(`${sim.authUrl}/token/authenticate`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${userName}:pw`).toString('base64')}` },
  });
  const body = (await response.json()) as { tokenInfo: { tokenValue: string } };
  return body.tokenInfo.tokenValue;
}

async function events(token: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.auditUrl}/events?${query}`, {
    headers: { authorization: `AnaplanAuthToken ${token}`, ...headers },
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

let auditor: string;
let planner: string;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      workspaces: [{ id: 'aa'.repeat(16), name: 'Finance' }],
      users: [
        { userName: 'auditor@example.com', password: 'pw', roles: ['TENANT_AUDITOR'] },
        { userName: 'planner@example.com', password: 'pw' },
        { userName: 'target@example.com' },
      ],
    },
  });
  auditor = await login('auditor@example.com');
  planner = await login('planner@example.com');
  // Three events a day apart, starting at t0; the logins above are at the real clock.
  for (const [index, active] of [false, true, false].entries()) {
    sim.audit.setEventTime(t0 + index * day);
    sim.ui.setActive('auditor@example.com', 'target@example.com', active);
  }
  sim.audit.setEventTime(undefined);
});
afterAll(() => sim.close());

describe('the simulated Audit API', () => {
  it('takes only AnaplanAuthToken, and only from a Tenant Auditor', async () => {
    const bearer = await fetch(`${sim.auditUrl}/events`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toEqual({
      status: 'FAILURE_BAD_HEADER',
      statusMessage: 'No valid token header found for the request',
    });
    const withoutRole = await events(planner, '');
    expect(withoutRole.status).toBe(401);
    expect(JSON.parse(withoutRole.text)).toMatchObject({ status: 'FAILURE_UNAUTHORIZED_USER_ACTION' });
    expect((await events('not-a-token', '')).status).toBe(401);
    expect((await events(auditor, '')).status).toBe(200);
  });

  it('serves a date range, both ends inclusive, oldest first, filtered by type', async () => {
    const { text } = await events(auditor, `dateFrom=${t0}&dateTo=${t0 + day}&type=user_activity`);
    const body = JSON.parse(text) as { response: { eventTypeId: string; eventDate: number }[] };
    expect(body.response.map((event) => [event.eventTypeId, event.eventDate])).toEqual([
      ['USR-4', t0],
      ['USR-5', t0],
      ['USR-3', t0 + day],
      ['USR-5', t0 + day],
    ]);
    const other = JSON.parse(
      (await events(auditor, `dateFrom=${t0}&dateTo=${t0 + day}&type=access_control`)).text,
    );
    expect(other.response).toEqual([]);
    const unknownType = JSON.parse(
      (await events(auditor, `dateFrom=${t0}&dateTo=${t0 + day}&type=nonsense`)).text,
    );
    expect(unknownType.response).toHaveLength(4);
  });

  it('refuses a range of more than 30 days, and accepts exactly 30', async () => {
    const wide = await events(auditor, `dateFrom=${t0}&dateTo=${t0 + 30 * day + 1}`);
    expect(wide.status).toBe(400);
    expect(JSON.parse(wide.text)).toEqual({
      status: 'FAILURE_BAD_REQUEST',
      statusMessage: 'Date range cannot exceed 30 days',
    });
    expect((await events(auditor, `dateFrom=${t0}&dateTo=${t0 + 30 * day}`)).status).toBe(200);
    expect((await events(auditor, 'intervalInHours=721')).status).toBe(400);
  });

  it('pages with limit and offset, reporting offSet, nextOffset and previousUrl', async () => {
    const query = `dateFrom=${t0}&dateTo=${t0 + 3 * day}&limit=4`;
    const first = JSON.parse((await events(auditor, query)).text);
    expect(first.meta.paging).toMatchObject({ currentPageSize: 4, totalSize: 6, offSet: 0, nextOffset: 4 });
    expect(first.meta.paging.previousUrl).toBeUndefined();
    const second = JSON.parse((await events(auditor, `${query}&offset=4`)).text);
    expect(second.meta.paging).toMatchObject({ currentPageSize: 2, totalSize: 6, offSet: 4 });
    expect(second.meta.paging.nextOffset).toBeUndefined();
    expect(second.meta.paging.previousUrl).toContain('offset=0');
    const ids = [...first.response, ...second.response].map((event: { id: number }) => event.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('answers CEF, unpaged, for Accept: text/plain', async () => {
    const cef = await events(auditor, `dateFrom=${t0}&dateTo=${t0 + 3 * day}&limit=1`, {
      accept: 'text/plain',
    });
    expect(cef.type).toContain('text/plain');
    const lines = cef.text.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^2025-03-01T00:00:00\.000Z {2}CEF:0\|Anaplan, Inc\.\|\|null\|USR-4\|User disabled\|id=\d+ /,
    );
  });

  it('answers POST /events/search with a body range', async () => {
    const response = await fetch(`${sim.auditUrl}/events/search?type=user_activity`, {
      method: 'POST',
      headers: { authorization: `AnaplanAuthToken ${auditor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: t0 + 2 * day, to: t0 + 2 * day }),
    });
    const body = (await response.json()) as { response: { eventTypeId: string }[] };
    expect(body.response.map((event) => event.eventTypeId)).toEqual(['USR-4', 'USR-5']);
  });
});
