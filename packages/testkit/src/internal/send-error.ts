// Tests: ../faults.test.ts

import type { ServerResponse } from 'node:http';
import { sendScimError } from '../scim/scim-response.js';
import { scimPathPrefix } from '../scim/urns.js';
import { sendJson } from './respond.js';

/**
 * Sends an error in the form of the API the path belongs to: a SCIM Error (RFC 7644 §3.12) under the SCIM prefix,
 * otherwise the Integration API's envelope as live probes recorded it, `{ status: { code, message }, path,
 * timestamp }` (the auth service's own failures have their own envelope and are sent by its routes).
 */
export function sendError(
  response: ServerResponse,
  path: string,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (path === scimPathPrefix || path.startsWith(`${scimPathPrefix}/`)) {
    sendScimError(response, status, message, undefined, headers);
    return;
  }
  sendJson(
    response,
    status,
    { status: { code: status, message }, path, timestamp: new Date().toISOString() },
    headers,
  );
}
