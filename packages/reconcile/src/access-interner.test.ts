import { describe, expect, it } from 'vitest';
import { AccessInterner } from './access-interner.js';
import { accessKey, sharedAccessKey } from './internal/access-key.js';
import type { ModelAccess } from './target/observed-state.js';

const access = (read: string[], overrides: Partial<ModelAccess> = {}): ModelAccess => ({
  role: 'Planner',
  sso: true,
  workspaceAdmin: false,
  selectiveAccess: { Regions: { read, write: [] } },
  ...overrides,
});

describe('AccessInterner', () => {
  it('hands out one frozen, normalized object per distinct access, with its key found without computing', () => {
    const interner = new AccessInterner();
    const first = interner.access(access(['EMEA', 'APAC']));
    expect(interner.access(access(['APAC', 'EMEA']))).toBe(first);
    expect(interner.access(access(['APAC']))).not.toBe(first);
    expect(first).toEqual(access(['APAC', 'EMEA']));
    expect(Object.isFrozen(first) && Object.isFrozen(first.selectiveAccess['Regions']?.read)).toBe(true);
    expect(() => first.selectiveAccess['Regions']?.read.push('LATAM')).toThrow(TypeError);
    expect(sharedAccessKey(first)).toBe(accessKey(first));
    expect(sharedAccessKey(access(['APAC']))).toBeUndefined();
  });

  it('keeps the key out of sight: JSON, copies and key listings show only the access', () => {
    const shared = new AccessInterner().access(access(['APAC']));
    expect(JSON.parse(JSON.stringify(shared))).toEqual(access(['APAC']));
    expect(Object.keys(shared)).toEqual(['role', 'sso', 'workspaceAdmin', 'selectiveAccess']);
    expect(sharedAccessKey({ ...shared })).toBeUndefined();
  });

  it('shares repeated strings', () => {
    const interner = new AccessInterner();
    const id = interner.string(['ws', '1'].join(''));
    expect(interner.string(['w', 's1'].join(''))).toBe(id);
  });
});
