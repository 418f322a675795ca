import { describe, expect, it } from 'vitest';
import type { ModelAccess } from '../target/observed-state.js';
import { accessKey } from './access-key.js';

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
