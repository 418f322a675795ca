import type { DesiredState, DesiredUser, ListAccess } from '../desired-state.js';
import type {
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedUser,
  ObservedWorkspace,
} from '../observed-state.js';
import { accessKey } from './access-key.js';
import { compareText } from './assemble.js';
import { FingerprintWriter } from './fingerprint.js';
import { byUserName, isSorted } from './observed-index.js';

/**
 * Compiles only when `Written` names every field of `T`: a field added to one of the state types must be added to
 * its fingerprint below too (fields a type does not declare are not read by the planner, and not fingerprinted).
 */
type Covers<T, Written extends keyof T> = [Exclude<keyof T, Written>] extends [never] ? true : never;
const covered: [
  Covers<ObservedState, 'observedAt' | 'integrationUser' | 'workspaces' | 'users' | 'models'>,
  Covers<ObservedWorkspace, 'id' | 'name' | 'administrators'>,
  Covers<
    ObservedUser,
    'id' | 'userName' | 'givenName' | 'familyName' | 'active' | 'externalId' | 'workspaces'
  >,
  Covers<
    ObservedModel,
    'workspaceId' | 'modelId' | 'name' | 'access' | 'users' | 'importsWorkspaceAdmin' | 'roles' | 'lists'
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
 * workspaces and the order of each model's users.
 */
export function fingerprintObserved(observed: ObservedState): string {
  const writer = new FingerprintWriter();
  writer.text('observed/2');
  writer.text(observed.integrationUser);
  writer.count(observed.workspaces.length);
  for (const workspace of observed.workspaces) {
    writer.text(workspace.id);
    writer.text(workspace.name);
    writer.texts(workspace.administrators);
  }
  const users = byUserName(observed.users);
  writer.count(users.length);
  for (const user of users) {
    writer.text(user.id);
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.texts(sorted(user.workspaces));
  }
  writer.count(observed.models.length);
  for (const model of observed.models) {
    writer.text(model.workspaceId);
    writer.text(model.modelId);
    writer.text(model.name);
    writer.text(model.access);
    writer.flag(model.importsWorkspaceAdmin);
    writer.texts(model.roles);
    writer.other(model.lists);
    writer.count(model.users.size);
    const entries = isSorted(model.users.keys(), (key) => key)
      ? model.users
      : [...model.users].sort((left, right) => compareText(left[0], right[0]));
    for (const [key, access] of entries) {
      writer.text(key);
      writeAccess(writer, access);
    }
  }
  return writer.digest();
}

/** Fingerprint of the desired users, in order, ignoring which source rows they came from. */
export function fingerprintDesired(desired: DesiredState): string {
  const writer = new FingerprintWriter();
  writer.text('desired/2');
  writer.count(desired.users.length);
  for (const user of desired.users) {
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.texts(user.workspaces);
    const models = Object.keys(user.models).sort(compareText);
    writer.count(models.length);
    for (const model of models) {
      writer.text(model);
      writeAccess(writer, user.models[model] as ModelAccess);
    }
  }
  return writer.digest();
}

function writeAccess(writer: FingerprintWriter, access: ModelAccess): void {
  writer.text(accessKey(access));
}

/** The strings in order: the same array when it is sorted already (the usual case), a sorted copy otherwise. */
function sorted(values: readonly string[]): readonly string[] {
  for (let index = 1; index < values.length; index += 1)
    if ((values[index - 1] as string) > (values[index] as string)) return [...values].sort(compareText);
  return values;
}
