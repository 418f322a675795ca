import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

let sim: Simulator;

async function login(userName: string): Promise<string> {
  const response = await fetch(`${sim.authUrl}/token/authenticate`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${userName}:password-123`).toString('base64')}` },
  });
  return ((await response.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue;
}

async function exportUsers(query: string, authorization: string) {
  const response = await fetch(`${sim.adminUrl}/users/export${query}`, { headers: { authorization } });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [
        {
          userName: 'admin@example.com',
          password: 'password-123',
          roles: ['TENANT_ADMIN'],
          licenses: ['Full'],
        },
        { userName: 'clerk@example.com', password: 'password-123', roles: ['USER_ADMIN'] },
        {
          userName: 'ana@example.com',
          givenName: 'Ana',
          familyName: 'Silva, Jr.',
          licenses: ['Planner', 'Viewer'],
          created: '2024-03-01T09:00:00Z',
        },
      ],
    },
  });
});
afterAll(() => sim.close());

describe('GET /admin/1/0/users/export', () => {
  it('lists every tenant user with their licences as CSV, several licences quoted', async () => {
    const result = await exportUsers('', `AnaplanAuthToken ${await login('admin@example.com')}`);
    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^text\/csv/);
    expect(result.text.split('\r\n')).toEqual([
      'username,first_name,last_name,licenses',
      'admin@example.com,admin,User,Full',
      'clerk@example.com,clerk,User,',
      'ana@example.com,Ana,"Silva, Jr.","Planner,Viewer"',
      '',
    ]);
  });

  it('pages with Limit and Offset, and refuses a Limit that is not a count', async () => {
    const token = `AnaplanAuthToken ${await login('admin@example.com')}`;
    const page = await exportUsers('?Limit=1&Offset=1', token);
    expect(page.text.split('\r\n').slice(1, -1)).toEqual(['clerk@example.com,clerk,User,']);
    expect((await exportUsers('?Offset=2', token)).text).toContain('ana@example.com');
    const bad = await exportUsers('?Limit=ten', token);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ status: 'FAILURE_BAD_REQUEST' });
  });

  it('is for Tenant Administrators only, and refuses Bearer with an empty 401', async () => {
    const token = await login('clerk@example.com');
    const denied = await exportUsers('', `AnaplanAuthToken ${token}`);
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text)).toMatchObject({ status: 'FAILURE_ACCESS_DENIED' });
    const bearer = await exportUsers('', `Bearer ${await login('admin@example.com')}`);
    expect(bearer).toMatchObject({ status: 401, text: '' });
  });

  it('keeps a seeded creation date as SCIM meta.created', async () => {
    const user = sim.state.findUserByName('ana@example.com');
    expect(user?.created).toBe('2024-03-01T09:00:00.000Z');
  });
});
