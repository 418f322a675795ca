import { describe, expect, it } from 'vitest';
import { modelAccess } from '../test-support/states.js';
import { normalizeAccess, sameAccess } from './model-access.js';

/** Planner access reading `read` of the Regions list. */
const planner = (read: string[] = ['EMEA']) =>
  modelAccess('Planner', { selectiveAccess: { Regions: { read, write: [] } } });

describe('model access comparison', () => {
  it('compares as if both sides were normalized, without copying', () => {
    const unsorted = {
      ...planner(['EMEA', 'APAC']),
      selectiveAccess: { Regions: { read: ['EMEA', 'APAC'], write: [] }, Empty: { read: [], write: [] } },
    };
    expect(sameAccess(unsorted, planner(['APAC', 'EMEA']), true)).toBe(true);
    expect(sameAccess(unsorted, planner(['APAC']), true)).toBe(false);
    expect(sameAccess({ ...planner(), role: 'planner' }, planner(), true)).toBe(true);
    expect(sameAccess({ ...planner(), workspaceAdmin: true }, planner(), false)).toBe(true);
    expect(sameAccess({ ...planner(), workspaceAdmin: true }, planner(), true)).toBe(false);
    expect(sameAccess(planner(), { ...planner(), selectiveAccess: {} }, true)).toBe(false);
  });

  it('returns access that is normal already as it is, and a normal copy otherwise', () => {
    const normal = planner(['APAC', 'EMEA']);
    expect(normalizeAccess(normal)).toBe(normal);
    const unsorted = planner(['EMEA', 'APAC']);
    expect(normalizeAccess(unsorted)).toEqual(normal);
    expect(normalizeAccess(unsorted)).not.toBe(unsorted);
    expect(normalizeAccess({ ...normal, role: 'No Access' }).selectiveAccess).toEqual({});
  });
});
