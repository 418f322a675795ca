import type { DesiredState, DesiredUser } from '@anaplan-access/reconcile';
import type { SimModelUser, TenantState } from '@anaplan-access/testkit';
import { admin, ids } from '../helpers/access-tenant.js';
import {
  managedWorkspaces,
  modelWorkspace,
  outOfScopeUser,
  outsideUser,
  protectedUser,
} from './fault-tenant.js';

// The checks made after every fault scenario (the audit log's: audit-check.ts). Each returns a list of problems in words (empty = holds), so that a
// failure names every broken guarantee at once. They read the simulator's state directly and never ask the engine.

/** One user's access as the tenant holds it. */
export interface UserSnapshot {
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  externalId: string | undefined;
  workspaces: string[];
  version: number;
  /** Model id → the user's row in that model's Users list (absent = not in the model). */
  models: Record<string, ModelRow | undefined>;
}

interface ModelRow {
  role: string;
  sso: boolean;
  selectiveAccess: Record<string, { read: string[]; write: string[] }>;
}

/** Lower-cased userName → snapshot. */
export type TenantSnapshot = Map<string, UserSnapshot>;

const modelIds = [ids.budget, ids.forecast];
const modelIdByName: Record<string, string> = { budget: ids.budget, forecast: ids.forecast };
const noAccess = 'no access';

function modelRow(row: SimModelUser | undefined): ModelRow | undefined {
  if (!row) return undefined;
  const selectiveAccess: ModelRow['selectiveAccess'] = {};
  for (const list of Object.keys(row.selectiveAccess).sort()) {
    const entry = row.selectiveAccess[list] as { read: string[]; write: string[] };
    if (entry.read.length === 0 && entry.write.length === 0) continue;
    selectiveAccess[list] = { read: [...entry.read].sort(), write: [...entry.write].sort() };
  }
  return { role: row.role, sso: row.sso, selectiveAccess };
}

/** Copies every user's access out of the simulator. */
export function snapshotTenant(state: TenantState): TenantSnapshot {
  const snapshot: TenantSnapshot = new Map();
  for (const user of state.users.values()) {
    const key = user.userName.toLowerCase();
    const models: UserSnapshot['models'] = {};
    for (const modelId of modelIds) models[modelId] = modelRow(state.models.get(modelId)?.users.get(key));
    snapshot.set(key, {
      userName: user.userName,
      givenName: user.givenName,
      familyName: user.familyName,
      active: user.active,
      externalId: user.externalId,
      workspaces: [...user.workspaces].sort(),
      version: user.version,
      models,
    });
  }
  return snapshot;
}

const hasRole = (row: ModelRow | undefined): row is ModelRow =>
  row !== undefined && row.role.toLowerCase() !== noAccess;

/** The users no run may touch at all: the protected one, the one out of scope, the integration account. */
export const untouchableUsers = [protectedUser, outOfScopeUser, outsideUser, admin.userName];

/** Protected and out-of-scope users are exactly as they were (their SCIM record version included). */
export function checkUntouched(before: TenantSnapshot, after: TenantSnapshot): string[] {
  const problems: string[] = [];
  for (const userName of untouchableUsers) {
    const was = JSON.stringify(before.get(userName));
    const now = JSON.stringify(after.get(userName));
    if (was !== now) problems.push(`${userName} changed although no plan may touch them: ${was} → ${now}`);
  }
  for (const [key, user] of after) {
    const previous = before.get(key);
    const unmanaged = (list: string[]) => list.filter((id) => !managedWorkspaces.includes(id)).join(',');
    if (unmanaged(user.workspaces) !== unmanaged(previous?.workspaces ?? []))
      problems.push(`${user.userName}: an unmanaged workspace membership changed`);
  }
  return problems;
}

/** What the source wants for a user, by model id and with implied workspaces, or undefined when not listed. */
interface Wanted {
  user: DesiredUser;
  workspaces: Set<string>;
  models: Record<string, ModelRow | undefined>;
}

function wantedOf(desired: DesiredState): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  for (const user of desired.users) {
    const workspaces = new Set(user.workspaces);
    const models: Wanted['models'] = {};
    for (const [reference, access] of Object.entries(user.models)) {
      const modelId = modelIdByName[reference.toLowerCase()] ?? reference;
      if (access.role.toLowerCase() === noAccess) continue;
      workspaces.add(modelWorkspace[modelId] as string);
      models[modelId] = modelRow({ email: user.userName, firstName: '', lastName: '', ...access });
    }
    wanted.set(user.userName.toLowerCase(), { user, workspaces, models });
  }
  return wanted;
}

/**
 * Nothing was ever granted beyond what the user had or the source wants: every managed membership, active flag,
 * model role and selective-access item held now was held before or is desired. Holds after every run, even one cut
 * short by a fault or a kill.
 */
export function checkNeverOverGranted(
  before: TenantSnapshot,
  after: TenantSnapshot,
  desired: DesiredState,
): string[] {
  const wanted = wantedOf(desired);
  const problems: string[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    const want = wanted.get(key);
    if (now.active && !was?.active && !want?.user.active) problems.push(`${key} was activated`);
    for (const workspaceId of now.workspaces.filter((id) => managedWorkspaces.includes(id))) {
      if (!was?.workspaces.includes(workspaceId) && !want?.workspaces.has(workspaceId))
        problems.push(`${key} was granted workspace ${workspaceId}`);
    }
    for (const modelId of modelIds) {
      const row = now.models[modelId];
      if (!hasRole(row)) continue;
      const previous = was?.models[modelId];
      const target = want?.models[modelId];
      const roleAllowed = [previous, target].some(
        (candidate) => hasRole(candidate) && candidate.role.toLowerCase() === row.role.toLowerCase(),
      );
      if (!roleAllowed) problems.push(`${key} got role ${row.role} in model ${modelId}`);
      for (const [list, items] of Object.entries(row.selectiveAccess)) {
        for (const level of ['read', 'write'] as const) {
          for (const item of items[level]) {
            const held = [previous, target].some(
              (candidate) => hasRole(candidate) && candidate.selectiveAccess[list]?.[level].includes(item),
            );
            if (!held) problems.push(`${key} got ${level} access to ${list}/${item} in model ${modelId}`);
          }
        }
      }
    }
  }
  return problems;
}

/** Each userName exists once, and the users are exactly those of the seed plus those the source adds. */
export function checkNoDuplicateUsers(
  state: TenantState,
  before: TenantSnapshot,
  desired: DesiredState,
): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const user of state.users.values()) {
    const key = user.userName.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) if (count > 1) problems.push(`${key} exists ${count} times`);
  const allowed = new Set([...before.keys(), ...desired.users.map((user) => user.userName.toLowerCase())]);
  for (const key of counts.keys()) if (!allowed.has(key)) problems.push(`${key} was created from nowhere`);
  return problems;
}

/** The tenant equals the desired state within scope (checked here independently of the planner). */
export function checkMatchesDesired(
  before: TenantSnapshot,
  after: TenantSnapshot,
  desired: DesiredState,
): string[] {
  const wanted = wantedOf(desired);
  const problems: string[] = [];
  const untouchable = new Set(untouchableUsers);
  for (const [key, want] of wanted) {
    if (untouchable.has(key)) continue;
    const now = after.get(key);
    if (!now) {
      problems.push(`${key} does not exist`);
      continue;
    }
    if (now.active !== want.user.active) problems.push(`${key}: active is ${now.active}`);
    if (now.givenName !== want.user.givenName || now.familyName !== want.user.familyName)
      problems.push(`${key}: named ${now.givenName} ${now.familyName}`);
    const managed = now.workspaces.filter((id) => managedWorkspaces.includes(id));
    if (managed.join(',') !== [...want.workspaces].sort().join(','))
      problems.push(
        `${key}: workspaces ${managed.join(',')} instead of ${[...want.workspaces].sort().join(',')}`,
      );
    for (const modelId of modelIds) {
      const row = now.models[modelId];
      const target = want.models[modelId];
      const actual = hasRole(row) ? JSON.stringify(row) : 'none';
      const expected = target ? JSON.stringify(target) : 'none';
      if (actual !== expected) problems.push(`${key}: model ${modelId} has ${actual}, wanted ${expected}`);
    }
  }
  // Users in scope the source no longer lists: no managed workspace, no model access, inactive unless they keep an
  // unmanaged workspace.
  for (const [key, was] of before) {
    if (wanted.has(key) || untouchable.has(key)) continue;
    if (!was.workspaces.some((id) => managedWorkspaces.includes(id))) continue;
    const now = after.get(key) as UserSnapshot;
    if (now.workspaces.some((id) => managedWorkspaces.includes(id))) problems.push(`${key} kept a workspace`);
    for (const modelId of modelIds)
      if (hasRole(now.models[modelId])) problems.push(`${key} kept access to model ${modelId}`);
    const keepsOther = now.workspaces.some((id) => !managedWorkspaces.includes(id));
    if (was.active && now.active !== keepsOther) problems.push(`${key}: active is ${now.active}`);
  }
  return problems;
}
