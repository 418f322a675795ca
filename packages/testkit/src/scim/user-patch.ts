import type { TenantState } from '../state.js';
import { checkWorkspaceLimit, resolveEntitlementItem, resolveEntitlements } from './entitlement-input.js';
import { evaluateFilter } from './filter-evaluation.js';
import {
  type ComparisonOperator,
  type FilterDialect,
  type FilterNode,
  parseFilter,
} from './filter-parser.js';
import { parsePatchPath } from './patch-path.js';
import { badRequest } from './scim-response.js';
import { scimUrns } from './urns.js';
import {
  type JsonObject,
  parseActive,
  parseExternalId,
  readKey,
  requireObject,
  requireText,
} from './user-input.js';

/** The writable part of a user that PATCH operations change; committed only when every operation succeeded. */
export interface UserDraft {
  givenName: string;
  familyName: string;
  active: boolean;
  externalId: string | undefined;
  workspaces: string[];
}

type Operation = 'add' | 'replace' | 'remove';

/** What may appear inside `entitlements[...]`. */
const entitlementFilterDialect: FilterDialect = {
  attributes: { value: 'string', display: 'string', type: 'string' },
  operators: new Set<ComparisonOperator>(['eq', 'ne']),
  present: true,
};

const entitlementTypes = ['WORKSPACE', 'WORKSPACE_IDS', 'WORKSPACE_NAMES'];
const readOnlyAttributes = new Set([
  'id',
  'username',
  'displayname',
  'name.formatted',
  'meta',
  'emails',
  'schemas',
]);

/** `type eq "<entitlement type>"`: selects the whole workspace set, whatever form it is expressed in. */
function typeFilterOf(filter: FilterNode): string | undefined {
  if (filter.kind !== 'compare' || filter.attribute !== 'type' || filter.operator !== 'eq') return undefined;
  if (typeof filter.value !== 'string') return undefined;
  const type = filter.value.toUpperCase();
  return entitlementTypes.includes(type) ? type : undefined;
}

class PatchApplier {
  readonly #state: TenantState;
  readonly #draft: UserDraft;
  /** Every workspace a value names, for the 50-per-call limit. */
  readonly named = new Set<string>();

  constructor(state: TenantState, draft: UserDraft) {
    this.#state = state;
    this.#draft = draft;
  }

  apply(operation: Operation, pathText: string, value: unknown): void {
    const path = parsePatchPath(pathText);
    if (operation !== 'remove' && value === undefined)
      throw badRequest('invalidValue', `The ${operation} operation on ${pathText} needs a value`);
    if (
      readOnlyAttributes.has(path.attribute) ||
      readOnlyAttributes.has(path.attribute.split('.')[0] as string)
    )
      throw badRequest('mutability', `${pathText} is read-only`);
    if (path.attribute === 'entitlements') {
      this.#entitlements(operation, pathText, path.filter, path.subAttribute, value);
      return;
    }
    if (path.filter !== undefined)
      throw badRequest('invalidPath', `${pathText}: value filters apply only to entitlements`);
    const draft = this.#draft;
    switch (path.attribute) {
      case 'active':
        if (operation === 'remove')
          throw badRequest('invalidValue', 'active cannot be removed; replace it with false');
        draft.active = parseActive(value);
        return;
      case 'externalid':
        draft.externalId = operation === 'remove' ? undefined : parseExternalId(value);
        return;
      case 'name.givenname':
      case 'name.familyname': {
        if (operation === 'remove')
          throw badRequest('mutability', `${pathText} is required and cannot be removed`);
        const text = requireText(value, pathText);
        if (path.attribute === 'name.givenname') draft.givenName = text;
        else draft.familyName = text;
        return;
      }
      case 'name': {
        if (operation === 'remove') throw badRequest('mutability', 'name is required and cannot be removed');
        const parts = requireObject(value, 'The value of name');
        const givenName = readKey(parts, 'givenName');
        const familyName = readKey(parts, 'familyName');
        if (givenName !== undefined) draft.givenName = requireText(givenName, 'name.givenName');
        if (familyName !== undefined) draft.familyName = requireText(familyName, 'name.familyName');
        return;
      }
      default:
        throw badRequest('invalidPath', `${pathText} is not a supported attribute`);
    }
  }

  #resolve(value: unknown): string[] {
    const ids = resolveEntitlements(value, this.#state, 'value');
    for (const id of ids) this.named.add(id);
    return ids;
  }

  #add(ids: string[]): void {
    const merged = this.#state.switches.scimPatchAddMerges;
    const base = merged ? this.#draft.workspaces : [];
    this.#draft.workspaces = [...base, ...ids.filter((id) => !base.includes(id))];
  }

  #entitlements(
    operation: Operation,
    pathText: string,
    filterText: string | undefined,
    subAttribute: string | undefined,
    value: unknown,
  ): void {
    const draft = this.#draft;
    if (filterText === undefined) {
      if (operation === 'remove') draft.workspaces = [];
      else if (operation === 'add') this.#add(this.#resolve(value));
      else draft.workspaces = this.#resolve(value);
      return;
    }
    let filter: FilterNode;
    try {
      filter = parseFilter(filterText, entitlementFilterDialect);
    } catch {
      throw badRequest('invalidPath', `${pathText}: the filter is not supported`);
    }
    const typeFilter = typeFilterOf(filter);
    if (typeFilter === undefined && this.#state.switches.scimEntitlementValueFilters === 'reject')
      throw badRequest(
        'invalidPath',
        `${pathText}: only entitlements[type eq "WORKSPACE"] paths are supported`,
      );
    if (subAttribute !== undefined) {
      if (subAttribute !== 'value' || (typeFilter !== 'WORKSPACE_IDS' && typeFilter !== 'WORKSPACE_NAMES'))
        throw badRequest(
          'invalidPath',
          `${pathText}: only WORKSPACE_IDS and WORKSPACE_NAMES values can be set by path`,
        );
      if (operation === 'remove') {
        draft.workspaces = [];
        return;
      }
      if (typeof value !== 'string')
        throw badRequest('invalidValue', `${pathText} needs a comma-separated string`);
      const ids = resolveEntitlementItem({ type: typeFilter, value }, this.#state, 'value');
      for (const id of ids) this.named.add(id);
      if (operation === 'add') this.#add(ids);
      else draft.workspaces = [...new Set(ids)];
      return;
    }
    const matched = new Set(
      typeFilter !== undefined
        ? draft.workspaces
        : draft.workspaces.filter((id) =>
            evaluateFilter(filter, (attribute) => {
              if (attribute === 'value') return id;
              if (attribute === 'display') return this.#state.workspaces.get(id)?.name;
              return attribute === 'type' ? 'WORKSPACE' : undefined;
            }),
          ),
    );
    if (operation === 'add') {
      if (typeFilter === undefined) throw badRequest('invalidPath', `${pathText}: add takes no value filter`);
      this.#add(this.#resolve(value));
      return;
    }
    if (operation === 'replace' && matched.size === 0 && typeFilter === undefined)
      throw badRequest('noTarget', `${pathText} matches no entitlement`);
    const remaining = draft.workspaces.filter((id) => !matched.has(id));
    if (operation === 'remove') {
      draft.workspaces = remaining;
      return;
    }
    const ids = this.#resolve(value);
    draft.workspaces = [...remaining, ...ids.filter((id) => !remaining.includes(id))];
  }
}

function readOperation(raw: unknown, index: number): { operation: Operation; path: string; value: unknown } {
  const entry = requireObject(raw, `Operations[${index}]`) as JsonObject;
  const op = readKey(entry, 'op');
  const operation = typeof op === 'string' ? op.toLowerCase() : undefined;
  if (operation !== 'add' && operation !== 'replace' && operation !== 'remove')
    throw badRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove`);
  const path = readKey(entry, 'path');
  // Anaplan: "Unsupported: requests without a path" (Apiary), also for add and replace.
  if (typeof path !== 'string' || path.trim() === '')
    throw badRequest('noTarget', `Operations[${index}].path is required`);
  return { operation, path, value: readKey(entry, 'value') };
}

/**
 * Applies a SCIM PatchOp request (RFC 7644 §3.5.2) to a draft, in order. Nothing is applied to the stored user
 * here: on any error the caller discards the draft, which keeps the request atomic.
 *
 * @throws {ScimRequestError} 400 with `invalidSyntax`, `noTarget`, `invalidPath`, `invalidValue` or `mutability`.
 */
export function applyPatchRequest(body: unknown, draft: UserDraft, state: TenantState): void {
  const request = requireObject(body);
  const schemas = readKey(request, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(scimUrns.patchOp))
    throw badRequest('invalidSyntax', `schemas must contain ${scimUrns.patchOp}`);
  const operations = readKey(request, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw badRequest('invalidSyntax', 'Operations must be a non-empty array');
  const applier = new PatchApplier(state, draft);
  operations.forEach((raw, index) => {
    const { operation, path, value } = readOperation(raw, index);
    applier.apply(operation, path, value);
  });
  checkWorkspaceLimit(applier.named);
}
