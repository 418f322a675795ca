// The input of measurement 1: N desired users, each with a role in all five models (selective access on two of
// them), and an observed state in which 5 % of the users differ (one kind of difference each, in turn).
// The sharing csvSource, sqlSource, anaplanModelSource and anaplanTarget apply: AccessInterner.
import {
  AccessInterner,
  type DesiredModelAccess,
  type DesiredState,
  type DesiredUser,
  type ModelAccess,
  type ObservedState,
  type ObservedUser,
} from '@anaplan-access/reconcile';

const modelCount = 5;
const saModels = 2;
const items = Array.from({ length: 20 }, (_, index) => `Region ${index}`);
const roles = ['Full Access', 'No Access', 'Planner', 'Viewer', 'Reviewer'];

const workspaceId = (index: number) => `ws${String(index).padStart(30, '0')}`;
const modelId = (index: number) => `M${String(index).padStart(31, '0')}`;

/** What user `u` should have in model `m` (each call builds new objects, as a source would). */
function access(u: number, m: number): DesiredModelAccess {
  return {
    role: (u + m) % 3 === 0 ? 'Viewer' : 'Planner',
    sso: u % 2 === 0,
    workspaceAdmin: false,
    selectiveAccess:
      m < saModels
        ? {
            Regions: {
              read: [`Region ${u % 20}`, `Region ${(u + 7) % 20}`],
              write: [`Region ${(u + 3) % 20}`],
            },
          }
        : {},
  };
}

/**
 * The desired and observed state for `users` users; about 5 % of them need a change. Shaped the way
 * `assembleDesiredState` (behind every source) and `anaplanTarget.observe()` hand states over: strings parsed from
 * text, equal model access one shared object, a workspace id one string wherever it appears, and desired users,
 * observed users and each model's users sorted by e-mail.
 */
export function planWorkload(users: number): { desired: DesiredState; observed: ObservedState } {
  const desiredInterner = new AccessInterner();
  const observedInterner = new AccessInterner();
  const desiredUsers: DesiredUser[] = [];
  const observedUsers: ObservedUser[] = [];
  const modelUsers: [string, ModelAccess][][] = Array.from({ length: modelCount }, () => []);
  const workspaces = (interner: AccessInterner, from = 0) =>
    Array.from({ length: modelCount - from }, (_, index) =>
      interner.string(parsed(workspaceId(index + from))),
    );
  const observedAccess = (access: ModelAccess) => observedInterner.access(parsed(access));
  for (let u = 0; u < users; u += 1) {
    const userName = parsed(`user${u}@corp.example`);
    const models: Record<string, DesiredModelAccess> = {};
    for (let m = 0; m < modelCount; m += 1) models[modelId(m)] = desiredInterner.access(access(u, m));
    desiredUsers.push({
      ...parsed({
        userName,
        givenName: `Given${u}`,
        familyName: `Family${u}`,
        active: true,
        externalId: `E${u}`,
      }),
      workspaces: workspaces(desiredInterner),
      models,
      refs: [{ source: 'bench', row: u + 2 }],
    });
    const variant = u % 20 === 0 ? Math.floor(u / 20) % 6 : -1;
    if (variant === 0) continue; // not in Anaplan yet: create, grant, and set access in every model
    const fields = { userName, familyName: `Family${u}`, active: true };
    const observed: ObservedUser = {
      ...parsed({
        ...fields,
        id: `id${u}`,
        givenName: variant === 1 ? `Old${u}` : `Given${u}`,
        externalId: `E${u}`,
      }),
      workspaces: workspaces(observedInterner, variant === 4 ? 1 : 0),
    };
    observedUsers.push(observed);
    for (let m = 0; m < modelCount; m += 1) {
      const had = access(u, m);
      if (variant === 2 && m === u % modelCount) had.role = had.role === 'Viewer' ? 'Planner' : 'Viewer';
      if (variant === 3 && m === 0) had.selectiveAccess = { Regions: { read: ['Region 19'], write: [] } };
      modelUsers[m]?.push([userName, observedAccess(had)]);
    }
    if (variant === 5) {
      // Someone the source no longer lists: their access is revoked and they are deactivated.
      const gone = parsed(`gone${u}@corp.example`);
      observedUsers.push({
        ...parsed({ ...fields, userName: gone, id: `gone${u}`, givenName: `Given${u}`, externalId: `G${u}` }),
        workspaces: workspaces(observedInterner),
      });
      for (let m = 0; m < modelCount; m += 1) modelUsers[m]?.push([gone, observedAccess(access(u, m))]);
    }
  }
  const byEmail = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  desiredUsers.sort((left, right) => byEmail(left.userName, right.userName));
  observedUsers.sort((left, right) => byEmail(left.userName, right.userName));
  return {
    desired: { source: 'bench', users: desiredUsers, findings: [] },
    observed: {
      observedAt: new Date(0).toISOString(),
      integrationUser: 'integration@corp.example',
      workspaces: workspaces(observedInterner).map((id, index) => ({
        id,
        name: `Workspace ${index}`,
        administrators: [],
      })),
      users: observedUsers,
      models: modelUsers.map((usersOfModel, m) => ({
        workspaceId: observedInterner.string(workspaceId(m)),
        modelId: modelId(m),
        name: `Model ${m}`,
        access: 'known',
        users: new Map(usersOfModel.sort((left, right) => byEmail(left[0], right[0]))),
        importsWorkspaceAdmin: false,
        roles,
        lists: (m < saModels ? { Regions: items } : {}) as Record<string, string[]>,
      })),
    },
  };
}

/**
 * A value as a source or an observation would have it: parsed from text, so its strings are flat ones. Strings
 * concatenated here are V8 cons strings, which every comparison and hash would first have to flatten.
 */
function parsed<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
