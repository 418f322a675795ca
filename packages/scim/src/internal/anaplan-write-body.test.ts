import { describe, expect, it } from 'vitest';
import { scimUrns } from '../urns.js';
import { anaplanWriteBody } from './anaplan-write-body.js';

describe('anaplanWriteBody', () => {
  it('keeps the writable attributes of a user as read, workspaces once as WORKSPACE objects', () => {
    const asRead = {
      schemas: [scimUrns.user],
      id: '0123456789abcdef0123456789abcdef',
      meta: { resourceType: 'User', version: 'W/"3"' },
      externalId: 'E-7',
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      entitlements: [
        { value: 'w1', display: 'Finance', type: 'WORKSPACE' },
        { value: 'w2', type: 'WORKSPACE' },
        { value: 'w1,w2', type: 'WORKSPACE_IDS' },
        { value: '"Finance","Sales"', type: 'WORKSPACE_NAMES' },
      ],
      groups: [],
    };
    expect(anaplanWriteBody(asRead)).toEqual({
      schemas: [scimUrns.user],
      externalId: 'E-7',
      userName: 'ada@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work' }],
      entitlements: [
        { value: 'w1', display: 'Finance', type: 'WORKSPACE' },
        { value: 'w2', type: 'WORKSPACE' },
      ],
    });
  });

  it('writes workspaces given only as WORKSPACE_IDS as WORKSPACE objects, and leaves out what was not given', () => {
    expect(
      anaplanWriteBody({
        userName: 'b@example.com',
        entitlements: [{ value: 'w1, w2', type: 'WORKSPACE_IDS' }],
      }),
    ).toEqual({
      schemas: [scimUrns.user],
      userName: 'b@example.com',
      entitlements: [
        { value: 'w1', type: 'WORKSPACE' },
        { value: 'w2', type: 'WORKSPACE' },
      ],
    });
  });
});
