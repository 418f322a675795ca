import {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  isAnaplanAccessError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '@anaplan-access/core';
import { ScimErrorSchema } from './schemas/error.js';

/** The brand every SCIM error carries, whatever core status class it extends. */
const scimErrorBrand: unique symbol = Symbol.for('anaplan-access.scim-error') as never;

/** The SCIM fields every SCIM error carries, on top of core's {@link ApiError} fields (`status`, `body`, …). */
export interface ScimErrorFields {
  /** The SCIM error keyword (`uniqueness`, `invalidFilter`, `invalidValue`, `noTarget`, `mutability`, …). */
  readonly scimType: string | undefined;
  /** The server's human-readable explanation. */
  readonly detail: string | undefined;
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
function withScimFields<Base extends ApiErrorClass>(
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

/**
 * A SCIM server answered with an error status for which core has no more specific class (412, 413, 501, …).
 * Every SCIM error, this one included, satisfies {@link isScimError}; errors for 400, 401, 403, 404, 409, 429 and
 * 5xx extend core's matching class instead (so `isNotFoundError`, `isConflictError`, … keep working) and carry
 * the same `scimType` and `detail`. `status` is always the HTTP status as a number, even though SCIM bodies send
 * it as a string.
 *
 * @example
 * ```ts
 * try { await client.users.patch(id, operations); } catch (error) {
 *   if (isScimError(error) && error.scimType === 'noTarget') { … }
 * }
 * ```
 */
export class ScimError extends withScimFields(ApiError, 'scim', 'ScimError') {
  constructor(init: ApiErrorInit) {
    super(init);
  }
}

/**
 * 409 from a SCIM server: on create, a user with this `userName` already exists (`scimType: 'uniqueness'`).
 * `userName` is the one the request tried to create, when known. Satisfies core's `isConflictError` and
 * {@link isScimError}.
 *
 * @example
 * ```ts
 * try { await client.users.create(input); } catch (error) {
 *   if (isScimError(error) && isConflictError(error)) return client.users.findByUserName(input.userName);
 *   throw error;
 * }
 * ```
 */
export class ScimConflictError extends withScimFields(ConflictError, 'scim-conflict', 'ScimConflictError') {
  /** The `userName` the failed request tried to create, when the request was a create. */
  readonly userName: string | undefined;
  constructor(init: ApiErrorInit<409> & { userName?: string | undefined }) {
    super(init);
    this.userName = init.userName;
  }
  /** A plain object for logs and `JSON.stringify`, with `scimType`, `detail` and `userName`. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), userName: this.userName };
  }
}

/**
 * Whether `value` is a {@link ScimConflictError}: a 409 from a SCIM server, with the `userName` a create tried.
 *
 * @example
 * ```ts
 * if (isScimConflictError(error)) return client.users.findByUserName(error.userName ?? input.userName);
 * ```
 */
export const isScimConflictError = (value: unknown): value is ScimConflictError =>
  isAnaplanAccessError(value, 'scim-conflict');

/** 400 from a SCIM server (`invalidFilter`, `invalidValue`, `invalidSyntax`, `noTarget`, `mutability`, …). */
const ScimBadRequestError = withScimFields(BadRequestError, 'scim-bad-request', 'ScimBadRequestError');
/** 401 from a SCIM server. */
const ScimAuthenticationError = withScimFields(
  AuthenticationError,
  'scim-authentication',
  'ScimAuthenticationError',
);
/** 403 from a SCIM server (on Anaplan: the caller lacks the User Admin role). */
const ScimPermissionDeniedError = withScimFields(
  PermissionDeniedError,
  'scim-permission-denied',
  'ScimPermissionDeniedError',
);
/** 404 from a SCIM server (unknown user id). */
const ScimNotFoundError = withScimFields(NotFoundError, 'scim-not-found', 'ScimNotFoundError');
/** 429 from a SCIM server, after the transport's retries. */
const ScimRateLimitError = withScimFields(RateLimitError, 'scim-rate-limit', 'ScimRateLimitError');
/** 5xx from a SCIM server, after the transport's retries (a create is never retried). */
const ScimServerError = withScimFields(ServerError, 'scim-server', 'ScimServerError');

/** Any error a SCIM server answered with: an {@link ApiError} with `scimType` and `detail`. */
export type ScimApiError = ApiError & ScimErrorFields;

/**
 * Whether `value` is an error answered by a SCIM server through this package (any status, any installed copy).
 * Combine with core's guards for the status: `isScimError(e) && isNotFoundError(e)`.
 *
 * @example
 * ```ts
 * if (isScimError(error)) console.log(error.status, error.scimType, error.detail);
 * ```
 */
export function isScimError(value: unknown): value is ScimApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [scimErrorBrand]?: unknown })[scimErrorBrand] === true
  );
}

/**
 * Rebuilds a core {@link ApiError} from a SCIM endpoint as the matching SCIM error class.
 * @internal
 */
export function toScimError(error: ApiError, context: { userName?: string | undefined } = {}): ScimApiError {
  if (isScimError(error)) return error;
  const init: ApiErrorInit = {
    status: error.status,
    method: error.method,
    url: error.url,
    headers: { ...error.headers },
    body: error.body,
    message: error.message,
  };
  const status = error.status;
  if (status === 400) return new ScimBadRequestError({ ...init, status });
  if (status === 401) return new ScimAuthenticationError({ ...init, status });
  if (status === 403) return new ScimPermissionDeniedError({ ...init, status });
  if (status === 404) return new ScimNotFoundError({ ...init, status });
  if (status === 409) return new ScimConflictError({ ...init, status, userName: context.userName });
  if (status === 429) return new ScimRateLimitError({ ...init, status });
  if (status >= 500) return new ScimServerError(init);
  return new ScimError(init);
}
