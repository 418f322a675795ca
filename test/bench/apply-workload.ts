// The tenant and desired state of measurements 3 and 4: users spread over 8 models in 4 workspaces, plus a fifth
// workspace without models. Every user needs a model change (Viewer → Planner, with selective access in the models
// that have it), and one user in five needs one SCIM change: a create, a name update, a workspace grant, a workspace
// revoke or a deactivation, 1 user in 25 each.
import type { AnaplanTargetModel, DesiredState, DesiredUser } from '@anaplan-access/reconcile';
import type { ModelSeed, TenantSeed, UserSeed } from '@anaplan-access/testkit';
import { usersImportColumns, usersImportSeed } from '../helpers/users-import-fixture.ts';

export const admin = { userName: 'integration@corp.example', password: 'bench-password-1' };
const modelCount = 8;
const regions = Array.from({ length: 20 }, (_, index) => `Region ${index}`);
const workspaceId = (index: number) => `f${String(index).padStart(31, '0')}`;
const modelId = (index: number) => `B${String(index).padStart(31, '0')}`;
const projects = workspaceId(9);
const hasSelectiveAccess = (model: number) => model % 2 === 0;
const modelOf = (user: number) => user % modelCount;
const workspaceOfModel = (model: number) => workspaceId(Math.floor(model / 2));

/** The SCIM change user `u` needs, if any. */
export type ScimChange = 'create' | 'update' | 'grant' | 'revoke' | 'deactivate';
const changes: ScimChange[] = ['create', 'update', 'grant', 'revoke', 'deactivate'];
export function scimChangeOf(user: number): ScimChange | undefined {
  return changes[user % 25];
}

function columnsOf(model: number) {
  return usersImportColumns(hasSelectiveAccess(model) ? ['Regions'] : []);
}

function modelSeed(model: number, users: ModelSeed['users']): ModelSeed {
  const sa = hasSelectiveAccess(model);
  return {
    id: modelId(model),
    name: `Model ${model}`,
    workspaceId: workspaceOfModel(model),
    roles: ['Planner', 'Viewer'],
    lists: sa ? [{ name: 'Regions', items: regions, selectiveAccess: true }] : [],
    users,
    imports: [usersImportSeed(sa ? ['Regions'] : [])],
    exports: [
      {
        name: 'Users export',
        source: 'users',
        columns: {
          Email: 'email',
          'First Name': 'firstName',
          'Last Name': 'lastName',
          Role: 'role',
          SSO: 'sso',
          ...(sa ? { 'Regions Read': 'read:Regions', 'Regions Write': 'write:Regions' } : {}),
        },
      },
    ],
  };
}

/** The simulator seed for `users` users (the admin comes on top). */
export function applySeed(users: number): TenantSeed {
  const seeds: UserSeed[] = [];
  const modelUsers: NonNullable<ModelSeed['users']>[] = Array.from({ length: modelCount }, () => []);
  for (let u = 0; u < users; u += 1) {
    const change = scimChangeOf(u);
    if (change === 'create') continue;
    const model = modelOf(u);
    seeds.push({
      userName: `user${u}@corp.example`,
      givenName: `Given${u}`,
      familyName: change === 'update' ? `Old${u}` : `Family${u}`,
      workspaces: [workspaceOfModel(model), ...(change === 'revoke' ? [projects] : [])],
    });
    modelUsers[model]?.push({ email: `user${u}@corp.example`, role: 'Viewer' });
  }
  const workspaces = [0, 1, 2, 3, 9].map(workspaceId);
  return {
    users: [
      {
        userName: admin.userName,
        givenName: 'Integration',
        familyName: 'Account',
        password: admin.password,
        roles: ['USER_ADMIN'],
        workspaces,
      },
      ...seeds,
    ],
    workspaces: workspaces.map((id, index) => ({ id, name: `Workspace ${index}`, admins: [admin.userName] })),
    models: modelUsers.map((usersOfModel, model) => modelSeed(model, usersOfModel)),
  };
}

/** The desired state for `users` users: everyone Planner in their model, with the SCIM changes above. */
export function applyDesired(users: number): DesiredState {
  const desired: DesiredUser[] = [];
  for (let u = 0; u < users; u += 1) {
    const change = scimChangeOf(u);
    const model = modelOf(u);
    desired.push({
      userName: `user${u}@corp.example`,
      givenName: `Given${u}`,
      familyName: `Family${u}`,
      active: change !== 'deactivate',
      workspaces: [workspaceOfModel(model), ...(change === 'grant' ? [projects] : [])],
      models: {
        [modelId(model)]: {
          role: 'Planner',
          sso: false,
          workspaceAdmin: false,
          selectiveAccess: hasSelectiveAccess(model)
            ? { Regions: { read: [`Region ${u % 20}`], write: [] } }
            : {},
        },
      },
      refs: [{ source: 'bench', row: u + 2 }],
    });
  }
  return { source: 'bench', users: desired, findings: [] };
}

/** The target's view of the eight models, each with its Users import and Users export. */
export function applyTargetModels(): AnaplanTargetModel[] {
  return Array.from({ length: modelCount }, (_, model) => ({
    workspaceId: workspaceOfModel(model),
    modelId: modelId(model),
    usersImport: { importId: 'Users import', columns: columnsOf(model) },
    usersExport: { exportId: 'Users export', columns: columnsOf(model) },
    roles: ['Full Access', 'No Access', 'Planner', 'Viewer'],
    lists: (hasSelectiveAccess(model) ? { Regions: regions } : {}) as Record<string, string[]>,
  }));
}

/** The managed workspaces. */
export const applyWorkspaces = [0, 1, 2, 3, 9].map(workspaceId);
export const applyModelCount = modelCount;
