// Tests: ./user-writes.test.ts, ./user-patch.test.ts

import { lowerHexId } from '../internal/ids.js';
import { parseJsonBody } from '../internal/respond.js';
import type { SimUser, TenantState } from '../state.js';
import { checkWorkspaceLimit, resolveEntitlements } from './entitlement-input.js';
import { saveWorkspaces } from './entitlement-save.js';
import { foldCase } from './filter-evaluation.js';
import { badRequest, ScimRequestError } from './scim-response.js';
import {
  type JsonObject,
  parseActive,
  parseExternalId,
  readKey,
  requireName,
  requireObject,
  requireText,
} from './user-input.js';
import { applyPatchRequest, type UserDraft } from './user-patch.js';

/** Parses a JSON request body into an object. @throws {ScimRequestError} 400 `invalidSyntax`. */
export function readJsonObject(body: Buffer): JsonObject {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(body);
  } catch {
    throw badRequest('invalidSyntax', 'The request body is not valid JSON');
  }
  return requireObject(parsed);
}

/** Finds a user by id, case-insensitively (`id` is caseExact=false at Anaplan). @throws {ScimRequestError} 404. */
export function findUser(state: TenantState, id: string): SimUser {
  const user =
    state.users.get(id) ??
    [...state.users.values()].find((candidate) => foldCase(candidate.id) === foldCase(id));
  if (!user) throw new ScimRequestError(404, `Resource ${id} not found`);
  return user;
}

function snapshot(user: SimUser): string {
  return JSON.stringify([user.givenName, user.familyName, user.active, user.externalId, user.workspaces]);
}

function readActive(body: JsonObject): boolean {
  const active = readKey(body, 'active');
  return active === undefined || active === null ? true : parseActive(active);
}

function newUserId(state: TenantState): string {
  let id = lowerHexId();
  while (state.users.has(id)) id = lowerHexId();
  return id;
}

/** The outcome of a write: the stored user and the workspace changes it attempted. */
export interface UserWrite {
  user: SimUser;
  changes: ReturnType<typeof saveWorkspaces>;
}

/**
 * `POST /Users`: userName, name.givenName and name.familyName are required; displayName, id and emails are ignored
 * (generated); `active` defaults to true.
 *
 * @throws {ScimRequestError} 400 for a bad body, an unknown workspace or more than 50 workspaces; 409 `uniqueness`
 * when the userName exists (compared case-insensitively).
 */
export function createUser(state: TenantState, body: JsonObject): UserWrite {
  const userName = requireText(readKey(body, 'userName'), 'userName').trim();
  const name = requireName(body);
  const active = readActive(body);
  const externalId = parseExternalId(readKey(body, 'externalId'));
  const workspaces = resolveEntitlements(readKey(body, 'entitlements'), state);
  checkWorkspaceLimit(workspaces);
  if (state.findUserByName(userName))
    throw new ScimRequestError(409, `A user with userName ${userName} already exists`, 'uniqueness');
  const user = state.addUser({
    id: newUserId(state),
    userName,
    givenName: name.givenName,
    familyName: name.familyName,
    active,
    externalId,
    password: undefined,
    roles: [],
    workspaces: [],
    certificate: undefined,
  });
  const changes = saveWorkspaces(user, workspaces, state.switches.scimFailingWorkspaces);
  return { user, changes };
}

/**
 * `PUT /Users/{id}`: a full replace. Omitted `entitlements` remove every workspace; omitted `externalId` clears it;
 * omitted `active` means true. `userName` is read-only: a different value is 400 `mutability` (the same value in
 * another case is accepted); `displayName`, `id`, `emails` and `meta` are ignored.
 */
export function replaceUser(state: TenantState, user: SimUser, body: JsonObject): UserWrite {
  const userName = readKey(body, 'userName');
  if (
    userName !== undefined &&
    foldCase(requireText(userName, 'userName').trim()) !== foldCase(user.userName)
  )
    throw badRequest('mutability', 'userName is read-only and cannot be changed');
  const name = requireName(body);
  const active = readActive(body);
  const externalId = parseExternalId(readKey(body, 'externalId'));
  const workspaces = resolveEntitlements(readKey(body, 'entitlements'), state);
  checkWorkspaceLimit(workspaces);
  const before = snapshot(user);
  user.givenName = name.givenName;
  user.familyName = name.familyName;
  user.active = active;
  user.externalId = externalId;
  const changes = saveWorkspaces(user, workspaces, state.switches.scimFailingWorkspaces);
  if (snapshot(user) !== before) state.touchUser(user);
  return { user, changes };
}

/** `PATCH /Users/{id}`: applies a PatchOp atomically (see {@link applyPatchRequest}). */
export function patchUser(state: TenantState, user: SimUser, body: JsonObject): UserWrite {
  const draft: UserDraft = {
    givenName: user.givenName,
    familyName: user.familyName,
    active: user.active,
    externalId: user.externalId,
    workspaces: [...user.workspaces],
  };
  applyPatchRequest(body, draft, state);
  const before = snapshot(user);
  user.givenName = draft.givenName;
  user.familyName = draft.familyName;
  user.active = draft.active;
  user.externalId = draft.externalId;
  const changes = saveWorkspaces(user, draft.workspaces, state.switches.scimFailingWorkspaces);
  if (snapshot(user) !== before) state.touchUser(user);
  return { user, changes };
}
