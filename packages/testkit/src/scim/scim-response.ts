// Tests: ./scim-access.test.ts, ./user-writes.test.ts

import type { ServerResponse } from 'node:http';
import { sendJson } from '../internal/respond.js';
import { scimMediaType, scimUrns } from './urns.js';

/** The `scimType` values of RFC 7644 §3.12 that the simulator uses. */
export type ScimErrorType =
  | 'invalidFilter'
  | 'invalidValue'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

/**
 * A request the SCIM module refuses. Handlers throw it; the route wrapper turns it into a SCIM Error body
 * (`status` as a string, as RFC 7644 §3.12 and Anaplan send it).
 */
export class ScimRequestError extends Error {
  readonly status: number;
  readonly scimType: ScimErrorType | undefined;
  readonly detail: string;
  /** Extra response headers (`Allow` on a 405). */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    scimType?: ScimErrorType,
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimRequestError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.headers = headers;
  }
}

/** Shorthand for a 400 with a `scimType`. */
export function badRequest(scimType: ScimErrorType, detail: string): ScimRequestError {
  return new ScimRequestError(400, detail, scimType);
}

/** Sends a SCIM body as `application/scim+json`. */
export function sendScim(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, body, headers, scimMediaType);
}

/** Sends a SCIM Error body (RFC 7644 §3.12). */
export function sendScimError(
  response: ServerResponse,
  status: number,
  detail: string,
  scimType?: ScimErrorType,
  headers: Record<string, string> = {},
): void {
  const body: Record<string, unknown> = { schemas: [scimUrns.error], status: String(status) };
  if (scimType !== undefined) body['scimType'] = scimType;
  body['detail'] = detail;
  sendScim(response, status, body, headers);
}
