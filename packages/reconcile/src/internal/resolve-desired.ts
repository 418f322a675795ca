import type { DesiredUser, ListAccess } from '../desired-state.js';
import { describeRefs, type Finding } from '../findings.js';
import type { ModelAccess, ObservedModel, ObservedState, ObservedWorkspace } from '../observed-state.js';
import { isNoAccess, normaliseAccess } from './model-access.js';

/** A desired user whose workspace and model references were resolved to ids of the target. */
export interface ResolvedUser {
  key: string;
  user: DesiredUser;
  workspaceIds: Set<string>;
  /** Model id → access (role spelled as the model spells it). */
  models: Map<string, ModelAccess>;
}

/** Lookups over the observed target, built once per plan. */
export class TargetIndex {
  readonly workspacesById = new Map<string, ObservedWorkspace>();
  readonly modelsById = new Map<string, ObservedModel>();
  readonly #workspacesByName = new Map<string, ObservedWorkspace>();
  readonly #modelsByName = new Map<string, ObservedModel>();
  /** Per model: lower-cased role → the role as the model spells it. */
  readonly #roles = new Map<ObservedModel, Map<string, string>>();
  /** Per model and list: the list's items. */
  readonly #items = new Map<ObservedModel, Map<string, Set<string>>>();

  constructor(observed: ObservedState) {
    for (const workspace of observed.workspaces) {
      this.workspacesById.set(workspace.id, workspace);
      this.#workspacesByName.set(workspace.name.toLowerCase(), workspace);
    }
    for (const model of observed.models) {
      this.modelsById.set(model.modelId, model);
      this.#modelsByName.set(model.name.toLowerCase(), model);
    }
  }

  workspace(reference: string): ObservedWorkspace | undefined {
    return this.workspacesById.get(reference) ?? this.#workspacesByName.get(reference.toLowerCase());
  }

  model(reference: string): ObservedModel | undefined {
    return this.modelsById.get(reference) ?? this.#modelsByName.get(reference.toLowerCase());
  }

  /** The model's spelling of `role` (compared ignoring case), or undefined when the model has no such role. */
  role(model: ObservedModel, role: string): string | undefined {
    let roles = this.#roles.get(model);
    if (!roles) {
      roles = new Map();
      // The first spelling wins, as a search from the start of the list would find it.
      for (const candidate of [...(model.roles ?? [])].reverse())
        roles.set(candidate.toLowerCase(), candidate);
      this.#roles.set(model, roles);
    }
    return roles.get(role.toLowerCase());
  }

  /** The items of one of the model's selective-access lists (the model's `lists` must name it). */
  items(model: ObservedModel, list: string, known: readonly string[]): Set<string> {
    let lists = this.#items.get(model);
    if (!lists) {
      lists = new Map();
      this.#items.set(model, lists);
    }
    let items = lists.get(list);
    if (!items) {
      items = new Set(known);
      lists.set(list, items);
    }
    return items;
  }
}

/**
 * Resolves one desired user's workspaces and models against the target and checks roles, lists and items against
 * each model's catalog. Returns the findings; the user is usable only when none is an error.
 */
export function resolveDesiredUser(
  user: DesiredUser,
  index: TargetIndex,
): { resolved: ResolvedUser; findings: Finding[] } {
  const findings: Finding[] = [];
  const fail = (kind: Finding['kind'], field: string, message: string) =>
    findings.push({
      kind,
      severity: 'error',
      message: `${user.userName}: ${message} (${describeRefs(user.refs)})`,
      userName: user.userName,
      field,
      refs: user.refs,
    });

  const workspaceIds = new Set<string>();
  for (const reference of user.workspaces) {
    const workspace = index.workspace(reference);
    if (workspace) workspaceIds.add(workspace.id);
    else
      fail(
        'unknown-workspace',
        'workspace',
        `workspace "${reference}" is not one of the target's managed workspaces`,
      );
  }
  const models = new Map<string, ModelAccess>();
  for (const [reference, access] of Object.entries(user.models)) {
    const model = index.model(reference);
    if (!model) {
      fail('unknown-model', 'model', `model "${reference}" is not one of the target's models`);
      continue;
    }
    const role = model.roles ? index.role(model, access.role) : undefined;
    if (model.roles && role === undefined && !isNoAccess(access.role)) {
      fail(
        'unknown-role',
        `models.${reference}.role`,
        `role "${access.role}" does not exist in model "${model.name}"`,
      );
    }
    for (const [list, items] of Object.entries(access.selectiveAccess)) {
      const known = model.lists?.[list];
      if (model.lists && known === undefined) {
        fail(
          'unknown-list',
          `models.${reference}.selectiveAccess.${list}`,
          `list "${list}" is not a selective-access list of model "${model.name}"`,
        );
        continue;
      }
      if (!known) continue;
      const knownItems = index.items(model, list, known);
      for (const level of [(items as ListAccess).read, (items as ListAccess).write])
        for (const item of level) {
          if (!knownItems.has(item))
            fail(
              'unknown-item',
              `models.${reference}.selectiveAccess.${list}`,
              `item "${item}" is not in list "${list}" of model "${model.name}"`,
            );
        }
    }
    // Model access needs the model's workspace; it is implied rather than demanded as a separate row.
    if (!isNoAccess(access.role)) workspaceIds.add(model.workspaceId);
    models.set(
      model.modelId,
      normaliseAccess(role === undefined || role === access.role ? access : { ...access, role }),
    );
  }
  return { resolved: { key: user.userName.toLowerCase(), user, workspaceIds, models }, findings };
}
