import { describe, expect, it } from 'vitest';
import type { ModelAccess, ObservedModel } from '../observed-state.js';
import { knownRoles } from './known-roles.js';

const holding = (...roles: string[]): ObservedModel => ({
  workspaceId: 'w',
  modelId: 'm',
  name: 'Budget',
  access: 'known',
  importsWorkspaceAdmin: false,
  users: new Map(
    roles.map((role, index): [string, ModelAccess] => [
      `user${index}@example.com`,
      { role, sso: false, workspaceAdmin: false, selectiveAccess: {} },
    ]),
  ),
});

describe('knownRoles', () => {
  it('joins the configured roles, the built-in roles and the roles held in the export, each once', () => {
    expect(knownRoles(['Reviewer', 'Planner'], holding('Viewer', 'Planner', 'Viewer', 'No Access'))).toEqual([
      'Reviewer',
      'Planner',
      'Full Access',
      'No Access',
      'Viewer',
    ]);
  });

  it('knows the built-in and exported roles without configuration, and nothing when neither is there', () => {
    expect(knownRoles(undefined, holding('Viewer', ''))).toEqual(['Full Access', 'No Access', 'Viewer']);
    expect(knownRoles(undefined, { ...holding(), access: 'unknown' })).toBeUndefined();
    expect(knownRoles(['Planner'], { ...holding(), access: 'unknown' })).toEqual([
      'Planner',
      'Full Access',
      'No Access',
    ]);
  });
});
