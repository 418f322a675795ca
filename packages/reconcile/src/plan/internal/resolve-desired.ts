// Tests: ./user-decision.test.ts, ../plan.test.ts

import { AccessInterner } from '../../access-interner.js';
import type { DesiredUser, ListAccess } from '../../desired/desired-state.js';
import { describeRefs, type Finding } from '../../findings.js';
import { sharedAccessKey } from '../../internal/access-key.js';
import { isNoAccess, normalizeAccess } from '../../internal/model-access.js';
import type {
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedWorkspace,
} from '../../target/observed-state.js';

/** A desired user whose workspace and model references were resolved to ids of the target. */
export interface ResolvedUser {
  /** The user's identity key (`userNameKey` of their userName). */
  key: string;
  user: DesiredUser;
  /** The ids of the workspaces the user should be in, each once. */
  workspaceIds: string[];
  /**
   * Access per model, at the model's position in `observed.models` (role spelled as the model spells it);
   * undefined where the source says nothing about the model.
   */
  access: (ModelAccess | undefined)[];
}

/** Lookups over the observed target, built once per plan. */
export class TargetIndex {
  readonly workspacesById = new Map<string, ObservedWorkspace>();
  readonly models: readonly ObservedModel[];
  readonly #workspacesByName = new Map<string, ObservedWorkspace>();
  /** Model id, then lower-cased name → position in `models`. */
  readonly #modelsById = new Map<string, number>();
  readonly #modelsByName = new Map<string, number>();
  /** Per model position: role as written → the role as the model spells it (see {@link TargetIndex.role}). */
  readonly #roles: (Map<string, string> | undefined)[] = [];
  /** Per model position and list: the list's items. */
  readonly #items: (Map<string, Set<string>> | undefined)[] = [];
  /** Per model position: shared desired access found valid → the access as the model spells it. */
  readonly #checked: (Map<ModelAccess, ModelAccess> | undefined)[] = [];
  /** Shares respelled accesses, so that they too compare by key. */
  readonly #interner = new AccessInterner();

  constructor(observed: ObservedState) {
    for (const workspace of observed.workspaces) {
      this.workspacesById.set(workspace.id, workspace);
      this.#workspacesByName.set(workspace.name.toLowerCase(), workspace);
    }
    this.models = observed.models;
    observed.models.forEach((model, position) => {
      this.#modelsById.set(model.modelId, position);
      this.#modelsByName.set(model.name.toLowerCase(), position);
    });
  }

  workspace(reference: string): ObservedWorkspace | undefined {
    return this.workspacesById.get(reference) ?? this.#workspacesByName.get(reference.toLowerCase());
  }

  /** The position in `models` of the model with this id or name (any case), or -1. */
  modelPosition(reference: string): number {
    return this.#modelsById.get(reference) ?? this.#modelsByName.get(reference.toLowerCase()) ?? -1;
  }

  /**
   * The model's spelling of `role` (compared ignoring case), or undefined when the model has no such role. The
   * first spelling in the model's list wins, as a search from its start would find it.
   */
  role(position: number, role: string): string | undefined {
    let roles = this.#roles[position];
    if (!roles) {
      roles = new Map();
      for (const candidate of [...(this.models[position]?.roles ?? [])].reverse())
        roles.set(candidate.toLowerCase(), candidate);
      // Spellings seen before are found without lower-casing them again.
      for (const spelling of [...roles.values()]) roles.set(spelling, spelling);
      this.#roles[position] = roles;
    }
    const found = roles.get(role);
    if (found !== undefined) return found;
    const spelled = roles.get(role.toLowerCase());
    if (spelled !== undefined) roles.set(role, spelled);
    return spelled;
  }

  /** A shared access already found valid for the model at `position`, as the model spells it. */
  checked(position: number, access: ModelAccess): ModelAccess | undefined {
    return this.#checked[position]?.get(access);
  }

  /**
   * Remembers that `access` is valid for the model at `position` and returns it as the model spells it (shared
   * when `access` is).
   */
  remember(position: number, access: ModelAccess, spelled: ModelAccess): ModelAccess {
    if (sharedAccessKey(access) === undefined) return spelled;
    const shared = spelled === access ? access : this.#interner.access(spelled);
    let checked = this.#checked[position];
    if (!checked) {
      checked = new Map();
      this.#checked[position] = checked;
    }
    checked.set(access, shared);
    return shared;
  }

  /** The items of one of the model's selective-access lists (the model's `lists` must name it). */
  items(position: number, list: string, known: readonly string[]): Set<string> {
    let lists = this.#items[position];
    if (!lists) {
      lists = new Map();
      this.#items[position] = lists;
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
 * each model's catalog. Appends what is wrong to `findings` (all errors) and returns the user, with their identity
 * `key`, only when nothing is.
 */
export function resolveDesiredUser(
  user: DesiredUser,
  key: string,
  index: TargetIndex,
  findings: Finding[],
): ResolvedUser | undefined {
  const before = findings.length;
  const workspaceIds: string[] = [];
  for (const reference of user.workspaces) {
    const workspace = index.workspace(reference);
    if (workspace) addOnce(workspaceIds, workspace.id);
    else
      findings.push(
        failure(
          user,
          'unknown-workspace',
          'workspace',
          `workspace "${reference}" is not one of the target's managed workspaces`,
        ),
      );
  }
  const access: (ModelAccess | undefined)[] = new Array(index.models.length).fill(undefined);
  for (const reference in user.models) {
    const wanted = user.models[reference] as ModelAccess;
    const position = index.modelPosition(reference);
    const model = index.models[position];
    if (!model) {
      findings.push(
        failure(user, 'unknown-model', 'model', `model "${reference}" is not one of the target's models`),
      );
      continue;
    }
    // Model access needs the model's workspace; it is implied rather than demanded as a separate row.
    if (!isNoAccess(wanted.role)) addOnce(workspaceIds, model.workspaceId);
    access[position] =
      index.checked(position, wanted) ?? checkAccess(user, reference, position, index, findings);
  }
  if (findings.length > before) return undefined;
  return { key, user, workspaceIds, access };
}

/**
 * Checks one model access of a user against the model's roles, lists and items (appending what is wrong to
 * `findings`) and returns it as the model spells it; valid shared access is remembered, so the next user with the
 * same access skips the checks.
 */
function checkAccess(
  user: DesiredUser,
  reference: string,
  position: number,
  index: TargetIndex,
  findings: Finding[],
): ModelAccess {
  const wanted = user.models[reference] as ModelAccess;
  const model = index.models[position] as ObservedModel;
  const before = findings.length;
  const fail = (kind: Finding['kind'], field: string, message: string) =>
    findings.push(failure(user, kind, field, message));
  const role = model.roles ? index.role(position, wanted.role) : undefined;
  if (model.roles && role === undefined && !isNoAccess(wanted.role))
    fail(
      'unknown-role',
      `models.${reference}.role`,
      `role "${wanted.role}" does not exist in model "${model.name}"`,
    );
  for (const list in wanted.selectiveAccess) {
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
    const knownItems = index.items(position, list, known);
    const { read, write } = wanted.selectiveAccess[list] as ListAccess;
    for (const level of [read, write])
      for (const item of level) {
        if (!knownItems.has(item))
          fail(
            'unknown-item',
            `models.${reference}.selectiveAccess.${list}`,
            `item "${item}" is not in list "${list}" of model "${model.name}"`,
          );
      }
  }
  const spelled = normalizeAccess(role === undefined || role === wanted.role ? wanted : { ...wanted, role });
  return findings.length === before ? index.remember(position, wanted, spelled) : spelled;
}

function failure(user: DesiredUser, kind: Finding['kind'], field: string, message: string): Finding {
  return {
    kind,
    severity: 'error',
    message: `${user.userName}: ${message} (${describeRefs(user.refs)})`,
    userName: user.userName,
    field,
    refs: user.refs,
  };
}

function addOnce(values: string[], value: string): void {
  if (!values.includes(value)) values.push(value);
}
