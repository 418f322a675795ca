// Tests: ./scim-client.test.ts, ./filter.test.ts, ./users.test.ts, ./apply-patch.test.ts

import { AnaplanAccessError, isAnaplanAccessError } from '@anaplan-access/core';

/**
 * One part of a filter that Anaplan would refuse (see {@link UnsupportedFilterError}).
 *
 * @example
 * ```ts
 * const violation: FilterViolation = { operator: 'co' };
 * ```
 */
export interface FilterViolation {
  /** The attribute, when the attribute itself is not filterable. */
  attribute?: string;
  /** The operator, when the operator is not supported. */
  operator?: string;
}

/** Why a request was refused before it was sent. */
export type RefusalReason =
  | 'unsupported-filter'
  | 'page-size'
  | 'too-many-workspaces'
  | 'replace-removes-all-workspaces'
  | 'invalid-argument';

/**
 * The client refused a call before sending anything, because the server would reject it or because it would do
 * something destructive the caller did not ask for explicitly (for example an Anaplan PUT without entitlements,
 * which removes the user from every workspace). Nothing was sent; fix the call.
 *
 * @example
 * ```ts
 * try { await client.users.replace(id, user); } catch (error) {
 *   if (isScimRequestRefusedError(error)) console.log(error.reason);
 * }
 * ```
 */
export class ScimRequestRefusedError extends AnaplanAccessError {
  static override readonly kind: string = 'scim-refused';
  override readonly name: string = 'ScimRequestRefusedError';
  /** What was wrong. */
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/**
 * With the `anaplan` option on, the filter uses attributes or operators Anaplan refuses (it would answer 400
 * `invalidValue`). `unsupported` names each of them. Use a generic server client (`anaplan: false`) for others.
 *
 * @example
 * ```ts
 * await client.users.list({ filter: filter.co('displayName', 'Ada') });
 * // UnsupportedFilterError: Anaplan cannot filter on: operator "co", attribute "displayName"
 * ```
 */
export class UnsupportedFilterError extends ScimRequestRefusedError {
  static override readonly kind: string = 'scim-unsupported-filter';
  override readonly name: string = 'UnsupportedFilterError';
  /** The rendered filter. */
  readonly filter: string;
  /** Every refused attribute or operator. */
  readonly unsupported: readonly FilterViolation[];

  constructor(filter: string, unsupported: readonly FilterViolation[]) {
    const names = unsupported.map((violation) =>
      violation.operator === undefined
        ? `attribute "${violation.attribute}"`
        : `operator "${violation.operator}"`,
    );
    super(
      'unsupported-filter',
      `Anaplan cannot filter on: ${[...new Set(names)].join(', ')}. Filterable attributes: id, externalId, ` +
        'userName, name.givenName, name.familyName, active; operators: eq ne gt ge lt le pr and or.',
    );
    this.filter = filter;
    this.unsupported = unsupported;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), filter: this.filter, unsupported: this.unsupported };
  }
}

/**
 * {@link applyPatch} could not apply an operation, for the reason a SCIM server would give (`scimType`
 * `noTarget` when a `[filter]` matches nothing to replace, `invalidPath` when the path cannot be read).
 */
export class InvalidPatchError extends AnaplanAccessError {
  static override readonly kind: string = 'scim-invalid-patch';
  override readonly name: string = 'InvalidPatchError';
  /** The SCIM error keyword a server would answer with. */
  readonly scimType: 'noTarget' | 'invalidPath' | 'invalidValue';
  /** The operation's path. */
  readonly path: string;

  constructor(scimType: 'noTarget' | 'invalidPath' | 'invalidValue', path: string, message: string) {
    super(message);
    this.scimType = scimType;
    this.path = path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), scimType: this.scimType, path: this.path };
  }
}

/**
 * Whether `value` is a {@link ScimRequestRefusedError} (an {@link UnsupportedFilterError} too): a call refused before
 * anything was sent.
 *
 * @example
 * ```ts
 * if (isScimRequestRefusedError(error) && error.reason === 'too-many-workspaces') { … }
 * ```
 */
export const isScimRequestRefusedError = (value: unknown): value is ScimRequestRefusedError =>
  isAnaplanAccessError(value, 'scim-refused');

/**
 * Whether `value` is an {@link UnsupportedFilterError}: a filter Anaplan cannot run.
 *
 * @example
 * ```ts
 * if (isUnsupportedFilterError(error)) console.log(error.unsupported);
 * ```
 */
export const isUnsupportedFilterError = (value: unknown): value is UnsupportedFilterError =>
  isAnaplanAccessError(value, 'scim-unsupported-filter');

/**
 * Whether `value` is an {@link InvalidPatchError}: an operation {@link applyPatch} could not apply.
 *
 * @example
 * ```ts
 * if (isInvalidPatchError(error)) console.log(error.scimType, error.path);
 * ```
 */
export const isInvalidPatchError = (value: unknown): value is InvalidPatchError =>
  isAnaplanAccessError(value, 'scim-invalid-patch');
