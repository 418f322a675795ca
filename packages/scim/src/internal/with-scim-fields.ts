// Tests: ../scim-client.test.ts, ../users.test.ts

import type { ApiError } from '@anaplan-access/core';
import { ScimErrorSchema } from '../schemas/error.js';
import type { ScimErrorFields } from '../scim-error-fields.js';

/** The brand every SCIM error carries, whatever core status class it extends. */
const scimErrorBrand: unique symbol = Symbol.for('anaplan-access.scim-error') as never;

/** Whether `value` carries the SCIM error brand (any installed copy of the package). */
export function hasScimErrorBrand(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [scimErrorBrand]?: unknown })[scimErrorBrand] === true
  );
}

function readScimFields(error: ApiError): ScimErrorFields {
  const parsed = ScimErrorSchema.safeParse(error.body);
  if (!parsed.success) return { scimType: undefined, detail: undefined };
  return { scimType: parsed.data.scimType, detail: parsed.data.detail };
}

function brand(error: ApiError & ScimErrorFields): void {
  Object.defineProperty(error, scimErrorBrand, { value: true, enumerable: false });
}

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor must take `any[]` (TypeScript rule).
type ApiErrorClass = new (...args: any[]) => ApiError;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type ScimFieldsClass = new (...args: any[]) => ScimErrorFields;

/**
 * Gives a core status class the SCIM fields: `scimType` and `detail` read from the body, the SCIM brand, and the
 * kind and name of the SCIM variant. One place, so every SCIM error class behaves the same.
 */
export function withScimFields<Base extends ApiErrorClass>(
  Base: Base,
  kind: string,
  name: string,
): Base & ScimFieldsClass {
  return class extends Base implements ScimErrorFields {
    /** The error's kind, e.g. `scim-not-found` (see core's `isAnaplanAccessError(error, kind)`). */
    static readonly kind: string = kind;
    override readonly name: string = name;
    readonly scimType: string | undefined;
    readonly detail: string | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: see ApiErrorClass.
    constructor(...args: any[]) {
      super(...args);
      ({ scimType: this.scimType, detail: this.detail } = readScimFields(this));
      brand(this);
    }
    /** A plain object for logs and `JSON.stringify`, with `scimType` and `detail`; credentials are already redacted. */
    override toJSON(): Record<string, unknown> {
      return { ...super.toJSON(), scimType: this.scimType, detail: this.detail };
    }
  };
}
