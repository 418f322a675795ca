// Tests: ./apply-patch.test.ts, ./users.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import type { Filter } from './filter.js';

/** One SCIM PATCH operation (RFC 7644 §3.5.2). `path` is always set: Anaplan refuses path-less operations. */
export type PatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

function checkPath(path: string): string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ConfigurationError(
      'path',
      'A SCIM PATCH operation needs a non-empty path (Anaplan refuses path-less operations)',
    );
  }
  return path;
}

/**
 * Builds SCIM PATCH operations. Every operation carries a `path`, which Anaplan requires and every RFC server
 * accepts. Pass the result to `client.users.patch(id, operations)`, or to {@link applyPatch} to predict the result.
 *
 * @example
 * ```ts
 * await client.users.patch(id, [
 *   patch.replace('name.familyName', 'Lovelace'),
 *   patch.add('entitlements', workspaceEntitlements([workspaceId])),
 *   patch.remove(valuePath('entitlements', filter.eq('value', oldWorkspaceId))),
 * ]);
 * ```
 * @throws `ConfigurationError` (key `path`) when `path` is empty.
 */
export const patch = {
  /** Adds `value` at `path`: appends to a multi-valued attribute, merges into a complex one, sets a simple one. */
  add(path: string, value: unknown): PatchOperation {
    return { op: 'add', path: checkPath(path), value };
  },
  /** Replaces the value at `path` (the matching values when `path` has a `[filter]`). */
  replace(path: string, value: unknown): PatchOperation {
    return { op: 'replace', path: checkPath(path), value };
  },
  /** Removes the value at `path` (only the matching values when `path` has a `[filter]`). */
  remove(path: string): PatchOperation {
    return { op: 'remove', path: checkPath(path) };
  },
} as const;

/**
 * A value-selection path, `attribute[filter]` or `attribute[filter].subAttribute`, with the filter escaped.
 *
 * @example
 * ```ts
 * valuePath('entitlements', filter.eq('value', 'ws1')); // 'entitlements[value eq "ws1"]'
 * valuePath('emails', filter.eq('type', 'work'), 'value'); // 'emails[type eq "work"].value'
 * ```
 */
export function valuePath(attribute: string, selection: Filter, subAttribute?: string): string {
  return `${attribute}[${selection}]${subAttribute === undefined ? '' : `.${subAttribute}`}`;
}
