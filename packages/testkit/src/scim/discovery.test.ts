import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator.js';

type Json = Record<string, unknown>;

let sim: Simulator;

async function get(path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sim.scimUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Json };
}

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe('SCIM discovery documents', () => {
  it('describes the service provider as Anaplan does: patch and filter yes, bulk/sort/etag/password no', async () => {
    const { status, body } = await get('/ServiceProviderConfig');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
    });
    const schemes = body['authenticationSchemes'] as { type: string }[];
    expect(schemes.map((scheme) => scheme.type)).toEqual(['httpbasic', 'anaplanbearertoken']);
  });

  it('lists only the User resource type, without schema extensions', async () => {
    const { status, body } = await get('/ResourceTypes');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
    });
    const resources = body['Resources'] as Json[];
    expect(resources).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        meta: { resourceType: 'ResourceType', location: `${sim.scimUrl}/ResourceTypes/User` },
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      },
    ]);
    expect((await get('/ResourceTypes/User')).body['id']).toBe('User');
    expect((await get('/ResourceTypes/Group')).status).toBe(404);
  });

  it('lists only the core User schema, every attribute caseExact=false, userName and displayName readOnly', async () => {
    const { body } = await get('/Schemas');
    const [schema] = body['Resources'] as { id: string; attributes: Json[] }[];
    expect(schema?.id).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
    const attributes = schema?.attributes ?? [];
    expect(attributes.map((attribute) => attribute['name'])).toEqual([
      'id',
      'externalId',
      'userName',
      'name',
      'displayName',
      'active',
      'entitlements',
      'emails',
    ]);
    expect(attributes.every((attribute) => attribute['caseExact'] === false)).toBe(true);
    const mutability = Object.fromEntries(
      attributes.map((attribute) => [attribute['name'], attribute['mutability']]),
    );
    expect(mutability).toMatchObject({ userName: 'readOnly', displayName: 'readOnly', active: 'readWrite' });
    const single = await get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(single.body).toEqual(schema);
    expect((await get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).status).toBe(404);
  });
});
