import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResponseMatches, loadOpenApi, type OpenApiSpec } from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

// The simulator's Administration API user export against the reference administration-openapi.yaml: the 200 CSV
// has the columns the spec names, Limit and Offset are the spec's parameters, and the refusal of a caller without
// the Tenant Administrator role is the spec's 403 with its error body.

const specFile = 'administration-openapi.yaml';
const title = 'Administration API simulator responses match the reference spec';
const available = haveReference([specFile], title);

describe.skipIf(!available)(title, () => {
  let sim: Simulator;
  let spec: OpenApiSpec;
  const token = (userName: string) => {
    const user = sim.state.findUserByName(userName);
    if (!user) throw new Error(userName);
    sim.state.sessions.set(`t-${user.id}`, {
      token: `t-${user.id}`,
      tokenId: user.id,
      userId: user.id,
      expiresAt: Date.now() + 3_600_000,
      revoked: false,
      via: 'basic',
    });
    return `AnaplanAuthToken t-${user.id}`;
  };
  const operation = () =>
    (spec.document as { paths: Record<string, Record<string, Record<string, unknown>>> }).paths[
      '/users/export'
    ]?.['get'] as { parameters: { name: string; in: string }[]; description: string };

  beforeAll(async () => {
    spec = loadOpenApi(specFile);
    sim = await startSimulator({
      seed: {
        users: [
          { userName: 'admin@example.com', roles: ['TENANT_ADMIN'], licenses: ['Full Access'] },
          { userName: 'planner@example.com', licenses: ['Planner', 'Viewer'] },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('GET /users/export: a CSV with the columns the spec names, paged by its Limit and Offset', async () => {
    const columns = /Columns: (`[a-z_]+`(?:, `[a-z_]+`)*)/.exec(operation().description)?.[1];
    expect(columns).toBeDefined();
    const named = [...(columns ?? '').matchAll(/`([a-z_]+)`/g)].map((match) => match[1]);
    const parameters = operation().parameters.map((parameter) => `${parameter.in}:${parameter.name}`);
    expect(parameters).toEqual(['query:Limit', 'query:Offset']);
    const response = await fetch(`${sim.adminUrl}/users/export?Limit=1&Offset=1`, {
      headers: { authorization: token('admin@example.com') },
    });
    expect(response.status).toBe(200);
    const contentType = response.headers.get('content-type');
    const text = await response.text();
    expectResponseMatches(spec, { path: '/users/export', method: 'get', status: 200, contentType }, text);
    const [header, ...rows] = text.trimEnd().split('\r\n');
    expect(header?.split(',')).toEqual(named);
    expect(rows).toEqual(['planner@example.com,planner,User,"Planner,Viewer"']);
  });

  it('GET /users/export: 403 with the error body for a caller who is no Tenant Administrator', async () => {
    const response = await fetch(`${sim.adminUrl}/users/export`, {
      headers: { authorization: token('planner@example.com') },
    });
    expect(response.status).toBe(403);
    expectResponseMatches(
      spec,
      {
        path: '/users/export',
        method: 'get',
        status: 403,
        contentType: response.headers.get('content-type'),
      },
      await response.json(),
    );
  });
});
