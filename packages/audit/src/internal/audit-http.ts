// Tests: ../audit-client.test.ts

import { type ApiError, isApiError } from '@anaplan-access/core';
import type { SearchParams, Transport } from '@anaplan-access/core/client';
import type { z } from 'zod';
import { AuditRoleRequiredError } from '../audit-role-required-error.js';

/** The Audit API's error body: `{ status, statusMessage }`. */
function statusOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const status = (body as { status?: unknown }).status;
  return typeof status === 'string' ? status : undefined;
}

/** A 401 that means "token fine, role missing" becomes an {@link AuditRoleRequiredError}. */
function toAuditError(error: ApiError): ApiError {
  if (error.status !== 401 || statusOf(error.body) !== 'FAILURE_UNAUTHORIZED_USER_ACTION') return error;
  return new AuditRoleRequiredError({
    status: 401,
    method: error.method,
    url: error.url,
    headers: { ...error.headers },
    body: error.body,
    message:
      `${error.method} ${error.url}: the user lacks the Tenant Auditor role, or the tenant does not have the ` +
      'Audit feature (401 FAILURE_UNAUTHORIZED_USER_ACTION)',
  });
}

/** `GET /events` through core's transport; the one place where the Audit API's errors are mapped. */
export class AuditHttp {
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /** The events as JSON, parsed by `schema`. */
  async json<S extends z.ZodType>(searchParams: SearchParams, schema: S, signal: AbortSignal | undefined) {
    return this.#send(() =>
      this.transport.request({
        api: 'api',
        method: 'GET',
        path: '/events',
        searchParams,
        schema,
        headers: { accept: 'application/json' },
        signal,
      }),
    ).then((response) => response.data as z.output<S>);
  }

  /** The events in Common Event Format: the body as text. */
  async cef(searchParams: SearchParams, signal: AbortSignal | undefined): Promise<string> {
    const response = await this.#send(() =>
      this.transport.request({
        api: 'api',
        method: 'GET',
        path: '/events',
        searchParams,
        responseType: 'text',
        headers: { accept: 'text/plain' },
        signal,
      }),
    );
    return response.data;
  }

  async #send<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw isApiError(error) ? toAuditError(error) : error;
    }
  }
}
