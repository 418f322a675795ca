// Tests: ./audit-recording.test.ts

import { setExceptionAccess } from '../exception-users/exception-access.js';
import type { SimulatorContext } from '../internal/context.js';
import type { SimModel, SimUser, SimWorkspace } from '../state.js';
import { recordUserChanges, snapshotUser, targetOf } from './user-changes.js';

/** A user given by userName (e-mail, any case), id, or as the stored user. */
export type SimUserRef = string | SimUser;

const uiAgent = 'Anaplan UI (simulated)';

/**
 * Hand edits in the Anaplan UI, for tests: each changes the tenant as a person would in Administration or a model's
 * Users pane, and records the matching audit event with `actor` as its `userId`. Nothing checks that the actor may
 * make the edit: it is what someone did outside the managed process.
 *
 * @example
 * ```ts
 * sim.ui.setModelRole('kim.admin@example.com', 'jane@example.com', modelId, 'Planner'); // USR-23
 * sim.ui.setExceptionUser('sec.admin@example.com', 'jane@example.com', workspaceId, true); // USR-57
 * ```
 */
export class SimulatorUi {
  readonly #context: SimulatorContext;

  /** @internal */
  constructor(context: SimulatorContext) {
    this.#context = context;
  }

  /**
   * Sets a user's role in a model (adding the user to the model's Users list, and to its workspace, when needed):
   * `USR-23` with `roleName` and `previousRoleName` (and `USR-21` when the user joined the workspace). "No Access"
   * removes the user's selective access, as in Anaplan.
   * @throws Error for an unknown user, model or role.
   */
  setModelRole(actor: SimUserRef, user: SimUserRef, model: string, role: string): void {
    const who = this.#user(actor);
    const target = this.#user(user);
    const found = this.#model(model);
    const roleName = found.roles.find((candidate) => candidate.toLowerCase() === role.toLowerCase());
    if (roleName === undefined) throw new Error(`Model ${found.name} has no role ${role}`);
    if (!target.workspaces.includes(found.workspaceId))
      this.#editUser(who, target, () => target.workspaces.push(found.workspaceId));
    const key = target.userName.toLowerCase();
    const workspace = this.#workspace(found.workspaceId);
    const row = found.users.get(key) ?? {
      email: target.userName,
      firstName: target.givenName,
      lastName: target.familyName,
      role: 'No Access',
      sso: workspace.ssoEnabled && !workspace.exceptionUsers.includes(target.id),
      workspaceAdmin: workspace.admins.includes(target.id),
      selectiveAccess: {},
    };
    const previousRoleName = found.users.has(key) ? row.role : undefined;
    row.role = roleName;
    if (roleName === 'No Access') row.selectiveAccess = {};
    found.users.set(key, row);
    this.#record('USR-23', who, target, { ...this.#modelPlace(found), roleName, previousRoleName });
  }

  /** Removes a user from a model's Users list: `USR-24` with the role it had. @throws Error for unknown names. */
  removeFromModel(actor: SimUserRef, user: SimUserRef, model: string): void {
    const who = this.#user(actor);
    const target = this.#user(user);
    const found = this.#model(model);
    const row = found.users.get(target.userName.toLowerCase());
    if (!row) return;
    found.users.delete(target.userName.toLowerCase());
    this.#record('USR-24', who, target, { ...this.#modelPlace(found), roleName: row.role });
  }

  /**
   * Ticks or clears Workspace Administrator for a user: the workspace's administrators and the user's row in each of
   * its models follow. `USR-25` with `workspaceAdmin`. @throws Error for an unknown user or workspace.
   */
  setWorkspaceAdmin(actor: SimUserRef, user: SimUserRef, workspace: string, value: boolean): void {
    const who = this.#user(actor);
    const target = this.#user(user);
    const found = this.#workspace(workspace);
    const was = found.admins.includes(target.id);
    if (was === value) return;
    found.admins = value ? [...found.admins, target.id] : found.admins.filter((id) => id !== target.id);
    for (const model of this.#context.state.models.values()) {
      const row = model.workspaceId === found.id ? model.users.get(target.userName.toLowerCase()) : undefined;
      if (row) row.workspaceAdmin = value;
    }
    this.#record('USR-25', who, target, { ...this.#place(found), workspaceAdmin: value });
  }

  /** Adds a user to a workspace (`USR-21`) or removes it (`USR-22`). @throws Error for unknown names. */
  setWorkspaceMember(actor: SimUserRef, user: SimUserRef, workspace: string, member: boolean): void {
    const target = this.#user(user);
    const id = this.#workspace(workspace).id;
    this.#editUser(this.#user(actor), target, () => {
      if (member && !target.workspaces.includes(id)) target.workspaces.push(id);
      if (!member) target.workspaces = target.workspaces.filter((candidate) => candidate !== id);
    });
  }

  /** Enables (`USR-3`) or disables (`USR-4`) a user in Administration. @throws Error for unknown names. */
  setActive(actor: SimUserRef, user: SimUserRef, active: boolean): void {
    const target = this.#user(user);
    this.#editUser(this.#user(actor), target, () => {
      target.active = active;
    });
  }

  /**
   * Changes a user's names or e-mail in Administration: `USR-26` (e-mail), `USR-27` (first name), `USR-28` (last
   * name), and `USR-5`. @throws Error for unknown names, or an e-mail another user has.
   */
  editUser(
    actor: SimUserRef,
    user: SimUserRef,
    change: { email?: string; givenName?: string; familyName?: string },
  ): void {
    const target = this.#user(user);
    const { state } = this.#context;
    const owner = change.email === undefined ? undefined : state.findUserByName(change.email);
    if (owner && owner !== target) throw new Error(`${change.email} is the e-mail of another user`);
    this.#editUser(this.#user(actor), target, () => {
      if (change.email !== undefined) state.renameUser(target, change.email);
      if (change.givenName !== undefined) target.givenName = change.givenName;
      if (change.familyName !== undefined) target.familyName = change.familyName;
    });
  }

  /**
   * Grants (`USR-57`) or revokes (`USR-58`) SSO exception access in a workspace, as a Tenant Security Admin does in
   * Administration (or a Workspace Administrator by clearing the Single Sign-On box, when the tenant allows it).
   * @throws Error for unknown names, or a workspace without SSO.
   */
  setExceptionUser(actor: SimUserRef, user: SimUserRef, workspace: string, exception: boolean): void {
    const who = this.#user(actor);
    const target = this.#user(user);
    const found = this.#workspace(workspace);
    if (!found.ssoEnabled) throw new Error(`Workspace ${found.name} does not enforce SSO`);
    if (setExceptionAccess(this.#context.state, found, target, exception))
      this.#record(exception ? 'USR-57' : 'USR-58', who, target, this.#place(found));
  }

  #editUser(actor: SimUser, user: SimUser, edit: () => void): void {
    const before = snapshotUser(user);
    edit();
    this.#context.state.touchUser(user);
    recordUserChanges(this.#context, actor.id, before, user, uiAgent);
  }

  #record(
    eventTypeId: 'USR-23' | 'USR-24' | 'USR-25' | 'USR-57' | 'USR-58',
    actor: SimUser,
    user: SimUser,
    attributes: Record<string, unknown>,
  ): void {
    this.#context.audit.record({
      eventTypeId,
      actorId: actor.id,
      objectId: user.id,
      additionalAttributes: { ...targetOf(user), ...attributes },
      userAgent: uiAgent,
    });
  }

  #place(workspace: SimWorkspace): Record<string, unknown> {
    return { workspaceId: workspace.id, workspaceName: workspace.name };
  }

  #modelPlace(model: SimModel): Record<string, unknown> {
    return { ...this.#place(this.#workspace(model.workspaceId)), modelId: model.id, modelName: model.name };
  }

  #user(ref: SimUserRef): SimUser {
    if (typeof ref !== 'string') return ref;
    const user = this.#context.state.findUserByName(ref) ?? this.#context.state.users.get(ref);
    if (!user) throw new Error(`No user ${ref}`);
    return user;
  }

  #model(ref: string): SimModel {
    const { models } = this.#context.state;
    const model = models.get(ref) ?? [...models.values()].find((candidate) => candidate.name === ref);
    if (!model) throw new Error(`No model ${ref}`);
    return model;
  }

  #workspace(ref: string): SimWorkspace {
    const { workspaces } = this.#context.state;
    const workspace =
      workspaces.get(ref) ?? [...workspaces.values()].find((candidate) => candidate.name === ref);
    if (!workspace) throw new Error(`No workspace ${ref}`);
    return workspace;
  }
}
