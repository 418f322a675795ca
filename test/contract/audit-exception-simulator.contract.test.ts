import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectRequestMatches,
  expectResponseMatches,
  loadOpenApi,
  type OpenApiSpec,
} from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

// The simulator's Audit API and Exception Users API against the reference audit-openapi.yaml and
// exception-openapi.yaml: successes and failures of every route, and the request bodies the clients send.

const specFiles = ['audit-openapi.yaml', 'exception-openapi.yaml'] as const;
const title = 'Audit and Exception Users simulator responses match the reference specs';
const available = haveReference(specFiles, title);

const sso = 'aa'.repeat(16);
const plain = 'bb'.repeat(16);
const ids = { auditor: '01'.repeat(16), security: '02'.repeat(16), planner: '03'.repeat(16) };

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

describe.skipIf(!available)(title, () => {
  let sim: Simulator;
  let audit: OpenApiSpec;
  let exception: OpenApiSpec;

  const token = (userId: string) => {
    sim.state.sessions.set(`t-${userId}`, {
      token: `t-${userId}`,
      tokenId: userId,
      userId,
      expiresAt: Date.now() + 3_600_000,
      revoked: false,
      via: 'basic',
    });
    return `AnaplanAuthToken t-${userId}`;
  };

  async function send(url: string, init: RequestInit): Promise<Answer> {
    const response = await fetch(url, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    return {
      status: response.status,
      contentType,
      body: text === '' ? '' : contentType?.includes('json') ? JSON.parse(text) : text,
    };
  }

  function matches(spec: OpenApiSpec, method: string, path: string, answer: Answer, status: number): void {
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
    if (status === 204) expect(answer.body).toBe('');
    else expectResponseMatches(spec, { path, method, status, contentType: answer.contentType }, answer.body);
  }

  beforeAll(async () => {
    audit = loadOpenApi('audit-openapi.yaml');
    exception = loadOpenApi('exception-openapi.yaml');
    sim = await startSimulator({
      seed: {
        workspaces: [
          { id: sso, name: 'Finance', ssoEnabled: true },
          { id: plain, name: 'Sales' },
        ],
        users: [
          { id: ids.auditor, userName: 'auditor@example.com', roles: ['TENANT_AUDITOR'] },
          {
            id: ids.security,
            userName: 'security@example.com',
            roles: ['TENANT_SECURITY_ADMIN'],
            workspaces: [sso],
          },
          { id: ids.planner, userName: 'planner@example.com', workspaces: [sso, plain] },
        ],
      },
    });
    sim.ui.setExceptionUser('security@example.com', 'planner@example.com', sso, true);
    sim.ui.editUser('security@example.com', 'planner@example.com', { givenName: 'Pat' });
  });
  afterAll(() => sim.close());

  it('GET /events: JSON pages, CEF, and the 400 and 401 answers', async () => {
    const get = (query: string, authorization: string, accept = 'application/json') =>
      send(`${sim.auditUrl}/events?${query}`, { headers: { authorization, accept } });
    const auditor = token(ids.auditor);
    matches(audit, 'get', '/events', await get('type=user_activity&limit=2', auditor), 200);
    matches(audit, 'get', '/events', await get('limit=2&offset=2', auditor), 200);
    matches(audit, 'get', '/events', await get('intervalInHours=2', auditor, 'text/plain'), 200);
    matches(audit, 'get', '/events', await get(`dateFrom=0&dateTo=${31 * 86_400_000}`, auditor), 400);
    matches(audit, 'get', '/events', await get('', token(ids.planner)), 401);
    matches(audit, 'get', '/events', await get('', `Bearer t-${ids.auditor}`), 401);
  });

  it('POST /events/search', async () => {
    const answer = await send(`${sim.auditUrl}/events/search?type=user_activity`, {
      method: 'POST',
      headers: { authorization: token(ids.auditor), 'content-type': 'application/json' },
      body: JSON.stringify({ interval: 1 }),
    });
    matches(audit, 'post', '/events/search', answer, 200);
  });

  it('POST /permissions/exception-users/search and PATCH …/users/{userGuid}, with the bodies the client sends', async () => {
    const base = `${sim.adminUrl}/permissions/exception-users`;
    const call = (method: string, path: string, body: unknown, authorization: string) =>
      send(`${base}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const security = token(ids.security);
    const search = '/permissions/exception-users/search';
    const patch = '/permissions/exception-users/users/{userGuid}';
    for (const body of [{ workspaceGuid: sso }, { userGuid: ids.planner }]) {
      expectRequestMatches(exception, { path: search, method: 'post' }, body);
      matches(exception, 'post', search, await call('POST', '/search', body, security), 200);
    }
    matches(exception, 'post', search, await call('POST', '/search', {}, security), 400);
    matches(
      exception,
      'post',
      search,
      await call('POST', '/search', { workspaceGuid: 'cc'.repeat(16) }, security),
      404,
    );
    matches(
      exception,
      'post',
      search,
      await call('POST', '/search', { workspaceGuid: sso }, 'Bearer x'),
      400,
    );
    for (const op of ['unassign', 'assign'] as const) {
      const body = { op, workspaceGuid: sso };
      expectRequestMatches(exception, { path: patch, method: 'patch' }, body);
      matches(exception, 'patch', patch, await call('PATCH', `/users/${ids.planner}`, body, security), 204);
    }
    matches(
      exception,
      'patch',
      patch,
      await call('PATCH', `/users/${ids.planner}`, { op: 'grant', workspaceGuid: sso }, security),
      400,
    );
    matches(
      exception,
      'patch',
      patch,
      await call('PATCH', `/users/${ids.planner}`, { op: 'assign', workspaceGuid: plain }, security),
      400,
    );
    matches(
      exception,
      'patch',
      patch,
      await call('PATCH', `/users/${ids.security}`, { op: 'assign', workspaceGuid: sso }, security),
      403,
    );
    matches(
      exception,
      'patch',
      patch,
      await call('PATCH', `/users/${ids.auditor}`, { op: 'assign', workspaceGuid: sso }, token(ids.planner)),
      403,
    );
    matches(
      exception,
      'patch',
      patch,
      await call('PATCH', `/users/${'dd'.repeat(16)}`, { op: 'assign', workspaceGuid: sso }, security),
      404,
    );
    matches(
      exception,
      'patch',
      patch,
      await call(
        'PATCH',
        `/users/${ids.planner}`,
        { op: 'assign', workspaceGuid: sso },
        'AnaplanAuthToken nope',
      ),
      401,
    );
  });
});
