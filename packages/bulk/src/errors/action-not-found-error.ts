// Tests: ./guards.test.ts, ../model/action-resource.test.ts
import { isAnaplanAccessError, NotFoundError } from '@anaplan-access/core';

/** What an {@link ActionNotFoundError} is built from. */
export interface ActionNotFoundErrorInit {
  /** What was looked for: `imports`, `exports`, `processes`, `actions` or `files`. */
  collection: string;
  /** The name or id that matched nothing. */
  nameOrId: string;
  /** The closest existing names, best first (at most 5). */
  closeNames: string[];
  /** The listing that was searched. */
  url: string;
}

const singulars: Record<string, string> = {
  imports: 'import',
  exports: 'export',
  processes: 'process',
  actions: 'action',
  files: 'file',
};

/**
 * `resolve(nameOrId)` found no import, export, process, action or file with that id or name. It is a
 * {@link NotFoundError} (so `isNotFoundError` matches) with `status` 404 by convention — the listing itself answered
 * 200 — and lists the closest names to help with typos.
 *
 * @example
 * ```ts
 * try { await model.imports.resolve('Users from Users.csv'); }
 * catch (error) { if (isActionNotFoundError(error)) console.log(error.nameOrId, error.closeNames); }
 * ```
 */
export class ActionNotFoundError extends NotFoundError {
  static override readonly kind: string = 'action-not-found';
  override readonly name: string = 'ActionNotFoundError';
  readonly collection: string;
  readonly nameOrId: string;
  readonly closeNames: readonly string[];

  constructor(init: ActionNotFoundErrorInit) {
    const singular = singulars[init.collection] ?? init.collection;
    super({
      status: 404,
      method: 'GET',
      url: init.url,
      message:
        `No ${singular} has the id or name "${init.nameOrId}"` +
        (init.closeNames.length > 0
          ? `; close names: ${init.closeNames.map((name) => `"${name}"`).join(', ')}`
          : ''),
    });
    this.collection = init.collection;
    this.nameOrId = init.nameOrId;
    this.closeNames = init.closeNames;
  }

  /** A plain object for logs and `JSON.stringify`, with the collection, the name or id asked for, and close names. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      collection: this.collection,
      nameOrId: this.nameOrId,
      closeNames: this.closeNames,
    };
  }
}

/**
 * Whether `value` is an {@link ActionNotFoundError} (by the SDK's brand: also one from another
 * installed copy of the package).
 *
 * @example
 * ```ts
 * if (isActionNotFoundError(error)) console.log(error.nameOrId, error.closeNames);
 * ```
 */
export const isActionNotFoundError = (value: unknown): value is ActionNotFoundError =>
  isAnaplanAccessError(value, 'action-not-found');
