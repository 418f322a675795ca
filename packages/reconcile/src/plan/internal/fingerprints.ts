import type { DesiredState, DesiredUser, ListAccess } from '../../desired/desired-state.js';
import { accessKey } from '../../internal/access-key.js';
import { compareText } from '../../internal/compare-text.js';
import { inOrder } from '../../internal/in-order.js';
import type {
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedUser,
  ObservedWorkspace,
} from '../../target/observed-state.js';
import { FingerprintWriter } from './fingerprint.js';
import { ObservedIndex } from './observed-index.js';

/**
 * Compiles only when `Written` names every field of `T`: a field added to one of the state types must be added to
 * its fingerprint below too (fields a type does not declare are not read by the planner, and not fingerprinted).
 */
type Covers<T, Written extends keyof T> = [Exclude<keyof T, Written>] extends [never] ? true : never;
const covered: [
  Covers<
    ObservedState,
    | 'observedAt'
    | 'integrationUser'
    | 'workspaces'
    | 'users'
    | 'models'
    | 'findings'
    | 'ssoExceptions'
    | 'lastLoginsUnknownReason'
  >,
  Covers<ObservedWorkspace, 'id' | 'name' | 'administrators' | 'administratorsUnknownReason'>,
  // `created` and `lastLogin` are left out: a login between plan and apply does not make the plan stale, and apply
  // observes without last logins. Likewise `lastLoginsUnknownReason` of the state.
  Covers<
    ObservedUser,
    | 'id'
    | 'userName'
    | 'givenName'
    | 'familyName'
    | 'active'
    | 'externalId'
    | 'workspaces'
    | 'created'
    | 'lastLogin'
  >,
  Covers<
    ObservedModel,
    | 'workspaceId'
    | 'modelId'
    | 'name'
    | 'access'
    | 'unknownReason'
    | 'users'
    | 'importsWorkspaceAdmin'
    | 'roles'
    | 'lists'
  >,
  Covers<ModelAccess, 'role' | 'sso' | 'workspaceAdmin' | 'selectiveAccess'>,
  Covers<ListAccess, 'read' | 'write'>,
  Covers<
    DesiredUser,
    'userName' | 'givenName' | 'familyName' | 'active' | 'externalId' | 'workspaces' | 'models' | 'refs'
  >,
] = [true, true, true, true, true, true, true];
void covered;

/**
 * Fingerprint of an observation, ignoring when it was taken, the order users came in, the order of each user's
 * workspaces and the order of each model's users. Each user is written with their access in every model; a
 * model's users that Anaplan's user listing lacks follow the model. `index` is the observation's index when the
 * caller has one.
 */
export function fingerprintObserved(
  observed: ObservedState,
  index: ObservedIndex = new ObservedIndex(observed.users, observed.models),
): string {
  const writer = new FingerprintWriter();
  writer.text('observed/3');
  writer.text(observed.integrationUser);
  writer.count(observed.workspaces.length);
  for (const workspace of observed.workspaces) {
    writer.text(workspace.id);
    writer.text(workspace.name);
    // Unknown administrators are written as an absent list and the reason (known ones as before).
    if (workspace.administrators === 'unknown') {
      writer.texts(undefined);
      writer.text(workspace.administratorsUnknownReason ?? '');
    } else writer.texts(workspace.administrators);
  }
  writer.count(observed.models.length);
  for (const model of observed.models) {
    writer.text(model.workspaceId);
    writer.text(model.modelId);
    writer.text(model.name);
    writer.text(model.access);
    writer.text(model.unknownReason);
    writer.flag(model.importsWorkspaceAdmin);
    writer.texts(model.roles);
    writer.other(model.lists);
  }
  // Written only when there are some, so observations without target findings keep their fingerprints.
  if (observed.findings?.length) writer.other(observed.findings);
  // Likewise the SSO exception users, only when the target reads them (each workspace's in order of id).
  if (observed.ssoExceptions)
    writer.other(
      observed.ssoExceptions.map((workspace) => [
        workspace.workspaceId,
        workspace.assignWith,
        workspace.users === 'unknown' ? 'unknown' : sorted(workspace.users.map((user) => user.id)),
      ]),
    );
  writer.count(index.entries.length);
  for (const entry of index.entries) {
    const { user } = entry;
    writer.text(user.id);
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.repeatedList('workspaces', sorted(user.workspaces));
    for (let position = 0; position < observed.models.length; position += 1)
      writeAccess(writer, index.accessOf(entry, position));
  }
  observed.models.forEach((model, position) => {
    const unmatched = index.unmatched[position] as number;
    writer.count(unmatched);
    if (unmatched === 0) return;
    const listed = new Set(index.entries.map((entry) => entry.key));
    const rest = [...model.users].filter(([key]) => !listed.has(key));
    for (const [key, access] of rest.sort((left, right) => compareText(left[0], right[0]))) {
      writer.text(key);
      writeAccess(writer, access);
    }
  });
  return writer.digest();
}

/**
 * Fingerprint of the desired users, in order, ignoring which source rows they came from and the order of each
 * user's models and lists.
 */
export function fingerprintDesired(desired: DesiredState): string {
  const writer = new FingerprintWriter();
  writer.text('desired/3');
  writer.count(desired.users.length);
  for (const user of desired.users) {
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.repeatedList('workspaces', user.workspaces);
    const models = sorted(Object.keys(user.models));
    writer.repeatedList('models', models);
    for (const model of models) writeAccess(writer, user.models[model]);
  }
  return writer.digest();
}

function writeAccess(writer: FingerprintWriter, access: ModelAccess | undefined): void {
  if (access === undefined) writer.text(undefined);
  else writer.repeated(accessKey(access));
}

/** The strings in order: the same array when it is sorted already (the usual case), a sorted copy otherwise. */
function sorted(values: readonly string[]): readonly string[] {
  return inOrder(values, compareText);
}
