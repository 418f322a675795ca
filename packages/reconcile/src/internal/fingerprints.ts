import type { DesiredState } from '../desired-state.js';
import type { ModelAccess, ObservedState } from '../observed-state.js';
import { compareText } from './assemble.js';
import { FingerprintWriter } from './fingerprint.js';

const observedKeys = ['observedAt', 'integrationUser', 'workspaces', 'users', 'models'];
const workspaceKeys = ['id', 'name', 'administrators'];
const userKeys = ['id', 'userName', 'givenName', 'familyName', 'active', 'externalId', 'workspaces'];
const modelKeys = [
  'workspaceId',
  'modelId',
  'name',
  'access',
  'users',
  'importsWorkspaceAdmin',
  'roles',
  'lists',
];
const accessKeys = ['role', 'sso', 'workspaceAdmin', 'selectiveAccess'];
const desiredUserKeys = [
  'userName',
  'givenName',
  'familyName',
  'active',
  'externalId',
  'workspaces',
  'models',
  'refs',
];

/**
 * Fingerprint of an observation, ignoring when it was taken, the order users came in and the order of each user's
 * workspaces. Every field counts, including fields unknown to this encoder.
 */
export function fingerprintObserved(observed: ObservedState): string {
  const writer = new FingerprintWriter();
  writer.text('observed/1');
  writer.text(observed.integrationUser);
  writer.extras(observed, observedKeys);
  writer.text(String(observed.workspaces.length));
  for (const workspace of observed.workspaces) {
    writer.text(workspace.id);
    writer.text(workspace.name);
    writer.texts(workspace.administrators);
    writer.extras(workspace, workspaceKeys);
  }
  const users = [...observed.users].sort((left, right) =>
    left.id < right.id ? -1 : left.id > right.id ? 1 : 0,
  );
  writer.text(String(users.length));
  for (const user of users) {
    writer.text(user.id);
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.texts([...user.workspaces].sort());
    writer.extras(user, userKeys);
  }
  writer.text(String(observed.models.length));
  for (const model of observed.models) {
    writer.text(model.workspaceId);
    writer.text(model.modelId);
    writer.text(model.name);
    writer.text(model.access);
    writer.flag(model.importsWorkspaceAdmin);
    writer.texts(model.roles);
    writer.other(model.lists);
    writer.extras(model, modelKeys);
    const keys = Object.keys(model.users).sort(compareText);
    writer.text(String(keys.length));
    for (const key of keys) {
      writer.text(key);
      writeAccess(writer, model.users[key] as ModelAccess);
    }
  }
  return writer.digest();
}

/** Fingerprint of the desired users, in order, ignoring which source rows they came from. */
export function fingerprintDesired(desired: DesiredState): string {
  const writer = new FingerprintWriter();
  writer.text('desired/1');
  writer.text(String(desired.users.length));
  for (const user of desired.users) {
    writer.text(user.userName);
    writer.text(user.givenName);
    writer.text(user.familyName);
    writer.flag(user.active);
    writer.text(user.externalId);
    writer.texts(user.workspaces);
    writer.extras(user, desiredUserKeys);
    const models = Object.keys(user.models).sort(compareText);
    writer.text(String(models.length));
    for (const model of models) {
      writer.text(model);
      writeAccess(writer, user.models[model] as ModelAccess);
    }
  }
  return writer.digest();
}

function writeAccess(writer: FingerprintWriter, access: ModelAccess): void {
  writer.text(access.role);
  writer.flag(access.sso);
  writer.flag(access.workspaceAdmin);
  writer.extras(access, accessKeys);
  const lists = Object.keys(access.selectiveAccess).sort(compareText);
  writer.text(String(lists.length));
  for (const list of lists) {
    const items = access.selectiveAccess[list];
    writer.text(list);
    writer.texts(items?.read);
    writer.texts(items?.write);
    if (items) writer.extras(items, ['read', 'write']);
  }
}
