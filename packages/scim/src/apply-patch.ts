import { entitlementTypes } from './entitlements.js';
import { findKey, matchesFilter } from './internal/filter-match.js';
import { type ParsedPath, parsePatchPath } from './internal/patch-path.js';
import type { PatchOperation } from './patch.js';
import { InvalidPatchError } from './refused-errors.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Sets `name` on `record`, reusing an existing key that differs only in case. */
function setAttribute(record: Json, name: string, value: unknown): void {
  record[findKey(record, name) ?? name] = value;
}

function deleteAttribute(record: Json, name: string): void {
  const key = findKey(record, name);
  if (key !== undefined) delete record[key];
}

function getAttribute(record: Json, name: string): unknown {
  const key = findKey(record, name);
  return key === undefined ? undefined : record[key];
}

function merge(target: Json, value: Json): Json {
  const result = { ...target };
  for (const [key, item] of Object.entries(value)) setAttribute(result, key, item);
  return result;
}

/** add/replace/remove without a value filter. */
function applyPlain(holder: Json, op: string, path: ParsedPath, value: unknown): void {
  const { attribute, subAttribute } = path;
  const current = getAttribute(holder, attribute);
  if (subAttribute !== undefined) {
    const parents = Array.isArray(current)
      ? current.filter(isRecord)
      : [isRecord(current) ? current : undefined];
    if (op === 'remove') {
      for (const parent of parents) if (parent) deleteAttribute(parent, subAttribute);
      return;
    }
    if (!Array.isArray(current) && !isRecord(current)) {
      setAttribute(holder, attribute, { [subAttribute]: value });
      return;
    }
    for (const parent of parents) if (parent) setAttribute(parent, subAttribute, value);
    return;
  }
  if (op === 'remove') {
    deleteAttribute(holder, attribute);
    return;
  }
  if (op === 'add' && (Array.isArray(current) || Array.isArray(value))) {
    const list = Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!list.some((existing) => sameValue(existing, item))) list.push(item);
    }
    setAttribute(holder, attribute, list);
    return;
  }
  setAttribute(holder, attribute, isRecord(current) && isRecord(value) ? merge(current, value) : value);
}

/** add/replace/remove on `attribute[filter]` or `attribute[filter].subAttribute`. */
function applySelected(holder: Json, op: string, path: ParsedPath, value: unknown, rawPath: string): void {
  const { attribute, subAttribute, selection } = path;
  const current = getAttribute(holder, attribute);
  const list: unknown[] = Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
  const matches = (item: unknown): boolean => isRecord(item) && matchesFilter(selection!, item);
  const matched = list.some(matches);
  const noTarget = () =>
    new InvalidPatchError(
      'noTarget',
      rawPath,
      `No value of "${attribute}" matches the PATCH path ${rawPath}`,
    );
  const store = (items: unknown[]): void => {
    if (items.length === 0) deleteAttribute(holder, attribute);
    else setAttribute(holder, attribute, items);
  };

  if (subAttribute !== undefined) {
    if (op !== 'remove' && !matched) {
      throw noTarget();
    }
    store(
      list.map((item) => {
        if (!matches(item)) return item;
        const copy = { ...(item as Json) };
        if (op === 'remove') deleteAttribute(copy, subAttribute);
        else setAttribute(copy, subAttribute, value);
        return copy;
      }),
    );
    return;
  }
  if (op === 'remove') {
    store(list.filter((item) => !matches(item)));
    return;
  }
  if (Array.isArray(value)) {
    // Anaplan documents `replace entitlements[type eq "WORKSPACE"]` with a list: the matching values are
    // replaced by the list (RFC 7644 §3.5.2.3 replaces matching values; a list cannot replace them one by one).
    const kept = op === 'replace' ? list.filter((item) => !matches(item)) : list;
    store([...kept, ...value.filter((item) => !kept.some((existing) => sameValue(existing, item)))]);
    return;
  }
  if (!matched) {
    throw noTarget();
  }
  store(
    list.map((item) => {
      if (!matches(item)) return item;
      return op === 'replace' || !isRecord(value) ? value : merge(item as Json, value);
    }),
  );
}

/**
 * Keeps Anaplan's aggregate entitlement items (`WORKSPACE_IDS`, `WORKSPACE_NAMES`) in step with the `WORKSPACE`
 * items after a change, as Anaplan returns every form for the same workspace set.
 */
function refreshWorkspaceAggregates(user: Json): void {
  const list = getAttribute(user, 'entitlements');
  if (!Array.isArray(list)) return;
  const typeOf = (item: unknown): string | undefined =>
    isRecord(item) && typeof item['type'] === 'string' ? item['type'].toUpperCase() : undefined;
  const hasIds = list.some((item) => typeOf(item) === entitlementTypes.workspaceIds);
  const hasNames = list.some((item) => typeOf(item) === entitlementTypes.workspaceNames);
  if (!hasIds && !hasNames) return;
  const others = list.filter(
    (item) =>
      typeOf(item) !== entitlementTypes.workspaceIds && typeOf(item) !== entitlementTypes.workspaceNames,
  );
  const items = list.filter((item) => typeOf(item) === entitlementTypes.workspace) as Json[];
  if (items.length > 0 && hasIds) {
    others.push({ value: items.map((item) => item['value']).join(','), type: entitlementTypes.workspaceIds });
  }
  if (items.length > 0 && hasNames && items.every((item) => typeof item['display'] === 'string')) {
    const names = items.map((item) => `"${item['display'] as string}"`).join(',');
    others.push({ value: names, type: entitlementTypes.workspaceNames });
  }
  if (others.length === 0) deleteAttribute(user, 'entitlements');
  else setAttribute(user, 'entitlements', others);
}

/**
 * Applies SCIM PATCH operations locally (RFC 7644 §3.5.2) to predict what the server will return, without
 * changing `resource`. Handles `attribute`, `attribute.sub`, `urn:…:attribute` and value-selection paths such as
 * `entitlements[value eq "ws1"]` or `emails[type eq "work"].value`; attribute names are case-insensitive and
 * string comparisons in filters ignore case (Anaplan's `caseExact: false`). When the user has Anaplan's aggregate
 * `WORKSPACE_IDS`/`WORKSPACE_NAMES` items, they are recomputed from the `WORKSPACE` items.
 *
 * @example
 * ```ts
 * const predicted = applyPatch(user, [patch.remove(valuePath('entitlements', filter.eq('value', 'ws1')))]);
 * workspaceIdsOf(predicted); // the user's workspaces without ws1
 * ```
 * @throws {@link InvalidPatchError} `invalidPath` when a path cannot be read, `noTarget` when a replace filter
 *   matches nothing.
 */
export function applyPatch<T extends object>(resource: T, operations: readonly PatchOperation[]): T {
  const result = structuredClone(resource) as unknown as Json;
  for (const operation of operations) {
    const op = String(operation.op).toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new InvalidPatchError('invalidValue', operation.path, `Unknown PATCH op "${operation.op}"`);
    }
    let path: ParsedPath;
    try {
      path = parsePatchPath(operation.path);
    } catch (error) {
      throw new InvalidPatchError('invalidPath', operation.path, (error as Error).message);
    }
    let holder = result;
    if (path.container !== undefined) {
      const existing = getAttribute(result, path.container);
      if (!isRecord(existing)) {
        if (op === 'remove') continue;
        setAttribute(result, path.container, {});
      }
      holder = getAttribute(result, path.container) as Json;
    }
    const value = 'value' in operation ? operation.value : undefined;
    if (path.selection === undefined) applyPlain(holder, op, path, value);
    else applySelected(holder, op, path, value, operation.path);
    if (path.container === undefined && path.attribute.toLowerCase() === 'entitlements') {
      refreshWorkspaceAggregates(result);
    }
  }
  return result as unknown as T;
}
