// Tests: ../users.test.ts, ../scim-client.test.ts

import { isApiError } from '@anaplan-access/core';
import type { RequestOptions, Transport, TransportResponse } from '@anaplan-access/core/client';
import type { z } from 'zod';
import { toScimError } from './to-scim-error.js';

/** SCIM's media type (RFC 7644 §8.1); JSON is accepted too, as some servers answer with it. */
const scimJson = 'application/scim+json';

/** A SCIM call: core's request options without the service (always `scim`). */
export type ScimRequest = Omit<RequestOptions, 'api'> & {
  /** The userName a create tried to use, for a 409. */
  userName?: string | undefined;
};

/**
 * Sends SCIM requests through core's transport and is the one place where core's `ApiError`s become SCIM errors.
 * HTTP, retries, authentication and error building all stay in core.
 */
export class ScimHttp {
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  async send<Schema extends z.ZodType>(
    request: ScimRequest & { schema: Schema },
  ): Promise<TransportResponse<z.output<Schema>>> {
    const { userName, ...options } = request;
    const headers: Record<string, string | undefined> = {
      accept: `${scimJson}, application/json`,
      ...options.headers,
    };
    if (options.json !== undefined) headers['content-type'] = scimJson;
    try {
      const response = await this.transport.request({ ...options, api: 'scim', headers });
      return response as TransportResponse<z.output<Schema>>;
    } catch (error) {
      if (isApiError(error)) throw toScimError(error, { userName });
      throw error;
    }
  }
}
