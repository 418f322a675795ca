import { describe, expect, it } from 'vitest';
import type { ModelAccess } from '../target/observed-state.js';
import { AccessInterner, accessKey, sharedAccessKey } from './access-key.js';

const access = (read: string[], overrides: Partial<ModelAccess> = {}): ModelAccess => ({
  role: 'Planner',
  sso: true,
  workspaceAdmin: false,
  selectiveAccess: { Regions: { read, write: [] } },
  ...overrides,
});

describe('accessKey', () => {
  it('is the same exactly when the normalized accesses are equal', () => {
    expect(accessKey(access(['EMEA', 'APAC']))).toBe(accessKey(access(['APAC', 'EMEA'])));
    expect(accessKey(access([]))).toBe(accessKey({ ...access([]), selectiveAccess: {} }));
    expect(accessKey(access(['APAC']))).not.toBe(accessKey(access(['EMEA'])));
    expect(accessKey(access(['APAC']))).not.toBe(accessKey(access(['APAC'], { sso: false })));
    expect(accessKey(access(['APAC']))).not.toBe(accessKey(access(['APAC'], { workspaceAdmin: true })));
    expect(accessKey(access(['APAC']))).not.toBe(accessKey(access(['APAC'], { role: 'planner' })));
  });

  it('cannot be fooled by moving characters between neighbouring strings', () => {
    const split = (list: string, item: string) =>
      accessKey({ ...access([]), selectiveAccess: { [list]: { read: [item], write: [] } } });
    expect(split('Regions1', '"A')).not.toBe(split('Regions', '1"A'));
    expect(split('R', '[1;')).not.toBe(split('R[1;', ''));
  });
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
