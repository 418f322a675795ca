import { ConfigurationError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { applyPatch } from './apply-patch.js';
import { workspaceEntitlements, workspaceIdsOf } from './entitlements.js';
import { filter } from './filter.js';
import { patch, valuePath } from './patch.js';
import { InvalidPatchError, isInvalidPatchError } from './refused-errors.js';
import type { ScimUser } from './schemas/user.js';

const user: ScimUser = {
  id: 'u1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  active: true,
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  entitlements: [
    { value: 'ws1', display: 'Finance', type: 'WORKSPACE', primary: true },
    { value: 'ws2', display: 'Sales', type: 'WORKSPACE' },
    { value: 'ws1,ws2', type: 'WORKSPACE_IDS' },
    { value: '"Finance","Sales"', type: 'WORKSPACE_NAMES' },
  ],
};

describe('patch builder', () => {
  it('always sets a path', () => {
    expect(patch.replace('active', false)).toEqual({ op: 'replace', path: 'active', value: false });
    expect(patch.add('entitlements', [])).toEqual({ op: 'add', path: 'entitlements', value: [] });
    expect(patch.remove('title')).toEqual({ op: 'remove', path: 'title' });
    expect(() => patch.remove('')).toThrow(ConfigurationError);
    expect(() => patch.remove('')).toThrow(expect.objectContaining({ key: 'path' }));
    expect(valuePath('entitlements', filter.eq('value', 'a"b'))).toBe('entitlements[value eq "a\\"b"]');
    expect(valuePath('emails', filter.eq('type', 'work'), 'value')).toBe('emails[type eq "work"].value');
  });
});

describe('applyPatch', () => {
  it('replaces simple and sub-attributes without touching the input', () => {
    const result = applyPatch(user, [
      patch.replace('active', false),
      patch.replace('name.familyName', 'Byron'),
    ]);
    expect(result.active).toBe(false);
    expect(result.name).toEqual({ givenName: 'Ada', familyName: 'Byron' });
    expect(user.active).toBe(true);
    expect(user.name?.familyName).toBe('Lovelace');
  });

  it('removes one workspace by value filter and keeps the aggregate forms in step', () => {
    const result = applyPatch(user, [patch.remove(valuePath('entitlements', filter.eq('value', 'WS1')))]);
    expect(workspaceIdsOf(result)).toEqual(['ws2']);
    expect(result.entitlements).toContainEqual({ value: 'ws2', type: 'WORKSPACE_IDS' });
    expect(result.entitlements).toContainEqual({ value: '"Sales"', type: 'WORKSPACE_NAMES' });
  });

  it('appends workspaces with add, without duplicates', () => {
    const result = applyPatch(user, [patch.add('entitlements', workspaceEntitlements(['ws3']))]);
    expect(workspaceIdsOf(result)).toEqual(['ws1', 'ws2', 'ws3']);
    const again = applyPatch(result, [patch.add('entitlements', workspaceEntitlements(['ws3']))]);
    expect(again.entitlements?.filter((item) => item.value === 'ws3')).toHaveLength(1);
  });

  it('replaces every WORKSPACE entitlement with a list, as Anaplan documents', () => {
    const result = applyPatch(user, [
      patch.replace('entitlements[type eq "WORKSPACE"]', workspaceEntitlements(['ws9'])),
    ]);
    expect(workspaceIdsOf(result)).toEqual(['ws9']);
  });

  it('removes every WORKSPACE entitlement and clears the aggregates', () => {
    const result = applyPatch(user, [patch.remove('entitlements[type eq "WORKSPACE"]')]);
    expect(workspaceIdsOf(result)).toEqual([]);
    expect(result.entitlements).toBeUndefined();
  });

  it('handles value paths with a sub-attribute, case-insensitive names, and extensions', () => {
    const result = applyPatch(user, [
      patch.replace('emails[type eq "work"].value', 'ada@lovelace.org'),
      patch.replace('NAME.GIVENNAME', 'Augusta'),
      patch.add('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'Math'),
      patch.replace('urn:ietf:params:scim:schemas:core:2.0:User:displayName', 'Augusta Ada'),
    ]);
    expect(result.emails?.[0]?.value).toBe('ada@lovelace.org');
    expect(result.name?.givenName).toBe('Augusta');
    expect(result['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({
      department: 'Math',
    });
    expect(result.displayName).toBe('Augusta Ada');
  });

  it('supports and/or/not inside value filters', () => {
    const result = applyPatch(user, [
      patch.remove('entitlements[type eq "WORKSPACE" and not (value eq "ws2")]'),
      patch.remove('entitlements[(type eq "WORKSPACE_IDS") or type eq "WORKSPACE_NAMES"]'),
    ]);
    expect(result.entitlements).toEqual([{ value: 'ws2', display: 'Sales', type: 'WORKSPACE' }]);
  });

  it('throws noTarget and invalidPath like a server', () => {
    expect(() => applyPatch(user, [patch.replace('emails[type eq "home"].value', 'x')])).toThrow(
      InvalidPatchError,
    );
    try {
      applyPatch(user, [patch.replace('emails[type eq "home"', 'x')]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPatchError);
      if (!isInvalidPatchError(error)) throw new Error('expected an InvalidPatchError');
      expect(error.scimType).toBe('invalidPath');
    }
  });

  it('merges a complex value on replace and add', () => {
    const result = applyPatch(user, [patch.replace('name', { familyName: 'King' })]);
    expect(result.name).toEqual({ givenName: 'Ada', familyName: 'King' });
  });
});
