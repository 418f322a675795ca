import type { DesiredState, DesiredUser } from '../desired/desired-state.js';
import type { ModelAccess, ObservedModel, ObservedState, ObservedUser } from '../target/observed-state.js';

// Builders of desired and observed states for the reconcile unit tests. Each takes overrides, so a test states only
// where its data differs from these defaults.

/** The workspace the builders place users and models in: "Finance". */
export const finance = 'a'.repeat(32);

/** A second workspace, "Sales", that tests add to an observed state's workspaces. */
export const sales = 'b'.repeat(32);

/** The model id of {@link observedModel}: "Planning" in {@link finance}. */
export const planning = 'D'.repeat(32);

/**
 * A user as a source states them: active, named "Given Family", in {@link finance}, with no model access, from row 2
 * of `test.csv`.
 *
 * @example
 * desiredUser('ann@example.com', { models: { Planning: modelAccess('Planner') } });
 */
export function desiredUser(userName: string, overrides: Partial<DesiredUser> = {}): DesiredUser {
  return {
    userName,
    givenName: 'Given',
    familyName: 'Family',
    active: true,
    workspaces: [finance],
    models: {},
    refs: [{ source: 'test.csv', row: 2 }],
    ...overrides,
  };
}

/**
 * A user as Anaplan has them: id `userName` (by default), active, named "Given Family", in {@link finance}.
 *
 * @example
 * observedUser('ann@example.com', { id: 'ann', workspaces: [finance, sales] });
 */
export function observedUser(userName: string, overrides: Partial<ObservedUser> = {}): ObservedUser {
  return {
    id: userName,
    userName,
    givenName: 'Given',
    familyName: 'Family',
    active: true,
    workspaces: [finance],
    ...overrides,
  };
}

/**
 * A user's access to one model: `role`, without SSO, Workspace Administrator or selective access.
 *
 * @example
 * modelAccess('Viewer', { workspaceAdmin: true });
 */
export function modelAccess(role: string, overrides: Partial<ModelAccess> = {}): ModelAccess {
  return { role, sso: false, workspaceAdmin: false, selectiveAccess: {}, ...overrides };
}

/**
 * A model as observed: "Planning" ({@link planning}) in {@link finance}, its access known, no users, roles Full
 * Access, No Access and Planner, and an import that does not set Workspace Administrator.
 *
 * @example
 * observedModel({ users: new Map([['ann@example.com', modelAccess('Planner')]]) });
 */
export function observedModel(overrides: Partial<ObservedModel> = {}): ObservedModel {
  return {
    workspaceId: finance,
    modelId: planning,
    name: 'Planning',
    access: 'known',
    users: new Map(),
    importsWorkspaceAdmin: false,
    roles: ['Full Access', 'No Access', 'Planner'],
    ...overrides,
  };
}

/**
 * What an observation of Anaplan returns: read at 2026-01-01T00:00:00Z as integration@example.com, the workspace
 * {@link finance} with no administrators, and no users or models.
 *
 * @example
 * observedState({ users: [observedUser('ann@example.com')], models: [observedModel()] });
 */
export function observedState(overrides: Partial<ObservedState> = {}): ObservedState {
  return {
    observedAt: '2026-01-01T00:00:00.000Z',
    integrationUser: 'integration@example.com',
    workspaces: [{ id: finance, name: 'Finance', administrators: [] }],
    users: [],
    models: [],
    ...overrides,
  };
}

/**
 * A desired state of `users` from the source "test", without findings.
 *
 * @example
 * desiredState([desiredUser('ann@example.com')], { source: 'access.csv' });
 */
export function desiredState(users: DesiredUser[], overrides: Partial<DesiredState> = {}): DesiredState {
  return { source: 'test', users, findings: [], ...overrides };
}
