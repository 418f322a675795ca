import { describe, expect, it } from 'vitest';
import { workspaceIdsOf } from '../entitlements.js';
import { listResponseOf } from '../internal/list-response-of.js';
import { ScimErrorSchema } from './error.js';
import { ScimListResponseSchema } from './list-response.js';
import { ScimUserSchema } from './user.js';

describe('schemas', () => {
  it('parse Anaplan documentation quirks: "True" strings, no schemas, extra attributes', () => {
    const user = ScimUserSchema.parse({
      id: '38a0546fd5894c1fac87f8fb71566b3f',
      userName: 'john.doe@example.com',
      externalId: null,
      active: 'True',
      name: { givenName: 'John', familyName: 'Doe', formatted: 'John Doe' },
      entitlements: [
        { value: 'ws1', display: 'Finance', type: 'WORKSPACE', primary: 'true' },
        { value: 'ws1,ws2', type: 'WORKSPACE_IDS' },
      ],
      vendorThing: { kept: 1 },
    });
    expect(user.active).toBe(true);
    expect(user.externalId).toBeUndefined();
    expect(user['vendorThing']).toEqual({ kept: 1 });
    expect(workspaceIdsOf(user)).toEqual(['ws1']);
    expect(workspaceIdsOf({ entitlements: [{ value: ' ws1, ws2 ,', type: 'workspace_ids' }] })).toEqual([
      'ws1',
      'ws2',
    ]);
    expect(ScimUserSchema.parse({ id: 'x', userName: 'y', active: 'False' }).active).toBe(false);
    expect(ScimUserSchema.safeParse({ id: 'x', userName: 'y', active: 'maybe' }).success).toBe(false);
  });

  it('parse the enterprise extension of generic servers', () => {
    const user = ScimUserSchema.parse({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'x',
      userName: 'y',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        department: 'R&D',
        manager: { value: 'm' },
      },
    });
    expect(user['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']?.manager?.value).toBe('m');
  });

  it('parse list responses without schemas, with string numbers or lower-case resources', () => {
    expect(ScimListResponseSchema.parse({ totalResults: '2', Resources: [{}, {}] }).totalResults).toBe(2);
    expect(ScimListResponseSchema.parse({ totalResults: 0 }).Resources).toEqual([]);
    const lower = listResponseOf(ScimUserSchema).parse({
      totalResults: 1,
      resources: [{ id: 'a', userName: 'b' }],
    });
    expect(lower.Resources[0]?.userName).toBe('b');
  });

  it('parse SCIM errors with status as string or number', () => {
    expect(ScimErrorSchema.parse({ status: '409', scimType: 'uniqueness' }).status).toBe(409);
    expect(ScimErrorSchema.parse({ status: 404, detail: 'Resource x not found' })).toMatchObject({
      status: 404,
    });
  });
});
