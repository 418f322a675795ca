// The input of measurement 1: N desired users, each with a role in all five models (selective access on two of
// them), and an observed state in which 5 % of the users differ (one kind of difference each, in turn).
// Built the way the engine's own producers hand states over: strings parsed from text, equal access shared, users
// sorted by e-mail (see `asProduced`).
import type {
  DesiredModelAccess,
  DesiredState,
  DesiredUser,
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedUser,
} from '@anaplan-access/reconcile';
// The sharing csvSource, sqlSource, anaplanModelSource and anaplanTarget apply (internal, so from the build).
import { AccessInterner } from '../../packages/reconcile/dist/internal/access-key.js';

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

/** The desired and observed state for `users` users; about 5 % of them need a change. */
export function planWorkload(users: number): { desired: DesiredState; observed: ObservedState } {
  const desiredUsers: DesiredUser[] = [];
  const observedUsers: ObservedUser[] = [];
  const modelUsers: [string, ModelAccess][][] = Array.from({ length: modelCount }, () => []);
  const allWorkspaces = () => Array.from({ length: modelCount }, (_, index) => workspaceId(index));
  for (let u = 0; u < users; u += 1) {
    const userName = `user${u}@corp.example`;
    const models: Record<string, DesiredModelAccess> = {};
    for (let m = 0; m < modelCount; m += 1) models[modelId(m)] = access(u, m);
    desiredUsers.push({
      userName,
      givenName: `Given${u}`,
      familyName: `Family${u}`,
      active: true,
      externalId: `E${u}`,
      workspaces: allWorkspaces(),
      models,
      refs: [{ source: 'bench', row: u + 2 }],
    });
    const variant = u % 20 === 0 ? Math.floor(u / 20) % 6 : -1;
    if (variant === 0) continue; // not in Anaplan yet: create, grant, and set access in every model
    const observed: ObservedUser = {
      id: `id${u}`,
      userName,
      givenName: variant === 1 ? `Old${u}` : `Given${u}`,
      familyName: `Family${u}`,
      active: true,
      externalId: `E${u}`,
      workspaces: variant === 4 ? allWorkspaces().slice(1) : allWorkspaces(),
    };
    observedUsers.push(observed);
    for (let m = 0; m < modelCount; m += 1) {
      const had = access(u, m);
      if (variant === 2 && m === u % modelCount) had.role = had.role === 'Viewer' ? 'Planner' : 'Viewer';
      if (variant === 3 && m === 0) had.selectiveAccess = { Regions: { read: ['Region 19'], write: [] } };
      modelUsers[m]?.push([userName, had]);
    }
    if (variant === 5) {
      // Someone the source no longer lists: their access is revoked and they are deactivated.
      const gone = `gone${u}@corp.example`;
      observedUsers.push({ ...observed, id: `gone${u}`, userName: gone, externalId: `G${u}` });
      for (let m = 0; m < modelCount; m += 1) modelUsers[m]?.push([gone, access(u, m)]);
    }
  }
  const observedModels = modelUsers.map((usersOfModel, m) => ({
    workspaceId: workspaceId(m),
    modelId: modelId(m),
    name: `Model ${m}`,
    access: 'known' as const,
    users: usersOfModel,
    importsWorkspaceAdmin: false,
    roles,
    lists: (m < saModels ? { Regions: items } : {}) as Record<string, string[]>,
  }));
  // Sources and observations parse text (CSV, JSON, database rows), so their strings are flat ones; strings
  // concatenated above are V8 cons strings, which every comparison and hash would first have to flatten.
  const parsed = JSON.parse(
    JSON.stringify({
      desired: { source: 'bench', users: desiredUsers, findings: [] },
      observed: {
        observedAt: new Date(0).toISOString(),
        integrationUser: 'integration@corp.example',
        workspaces: allWorkspaces().map((id, index) => ({
          id,
          name: `Workspace ${index}`,
          administrators: [],
        })),
        users: observedUsers,
        models: observedModels,
      },
    }),
  );
  return asProduced(parsed);
}

type Parsed = {
  desired: DesiredState;
  observed: Omit<ObservedState, 'models'> & {
    models: (Omit<ObservedModel, 'users'> & { users: [string, ModelAccess][] })[];
  };
};

/**
 * The states as `assembleDesiredState` (behind every source) and `anaplanTarget.observe()` produce them: equal model
 * access is one shared object and repeated workspace ids one string; desired users, observed users and each model's
 * users come sorted by e-mail.
 */
function asProduced({ desired, observed }: Parsed): { desired: DesiredState; observed: ObservedState } {
  const byEmail = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  const desiredInterner = new AccessInterner();
  for (const user of desired.users) {
    user.workspaces = user.workspaces.map((id) => desiredInterner.string(id));
    for (const model of Object.keys(user.models))
      user.models[model] = desiredInterner.access(user.models[model] as ModelAccess);
  }
  desired.users.sort((left, right) => byEmail(left.userName.toLowerCase(), right.userName.toLowerCase()));
  const observedInterner = new AccessInterner();
  for (const user of observed.users)
    user.workspaces = user.workspaces.map((id) => observedInterner.string(id));
  observed.users.sort((left, right) => byEmail(left.userName.toLowerCase(), right.userName.toLowerCase()));
  const models: ObservedModel[] = observed.models.map((model) => ({
    ...model,
    users: new Map(
      model.users
        .map(([key, access]): [string, ModelAccess] => [key, observedInterner.access(access)])
        .sort((left, right) => byEmail(left[0], right[0])),
    ),
  }));
  return { desired, observed: { ...observed, models } };
}
