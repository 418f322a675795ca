// Tests: ./partial-entitlements.test.ts

import type { ServerResponse } from 'node:http';
import type { SimUser, TenantState } from '../state.js';
import type { WorkspaceChange } from './entitlement-save.js';
import { sendScim } from './scim-response.js';
import { scimUrns } from './urns.js';
import { toScimUser, userLocation } from './user-representation.js';

/** One entry of the partial-success extension: a workspace change and its outcome. */
export interface EntitlementResult {
  value: string;
  display: string;
  type: 'WORKSPACE';
  operation: 'add' | 'remove';
  /** HTTP-style status as a string, like SCIM's Error `status`: `"200"` saved, `"500"` not saved. */
  status: '200' | '500';
  detail?: string;
}

/**
 * The partial-success report (the simulator's design; Anaplan documents 207 but not its body). A 207 body is the
 * user *as saved* (so a client that reads it as a User still works) plus this object under the
 * `urn:anaplan-access:simulator:scim:2.0:EntitlementResults` key, which is also listed in `schemas`:
 *
 * ```json
 * { "status": "207", "detail": "1 of 2 workspace changes could not be saved; …",
 *   "results": [{ "value": "<id>", "display": "Sales", "type": "WORKSPACE", "operation": "add", "status": "500",
 *                 "detail": "Entitlement for workspace <id> could not be saved" }, …] }
 * ```
 */
export interface EntitlementResults {
  status: '207';
  detail: string;
  results: EntitlementResult[];
}

/** Builds the partial-success report, or `undefined` when every change was saved. */
export function entitlementResults(
  changes: WorkspaceChange[],
  state: TenantState,
): EntitlementResults | undefined {
  const failed = changes.filter((change) => !change.saved).length;
  if (failed === 0) return undefined;
  return {
    status: '207',
    detail: `${failed} of ${changes.length} workspace changes could not be saved; the user data and the other workspace changes were saved.`,
    results: changes.map((change) => ({
      value: change.workspaceId,
      display: state.workspaces.get(change.workspaceId)?.name ?? change.workspaceId,
      type: 'WORKSPACE',
      operation: change.operation,
      status: change.saved ? '200' : '500',
      ...(change.saved
        ? {}
        : { detail: `Entitlement for workspace ${change.workspaceId} could not be saved` }),
    })),
  };
}

/**
 * Answers a successful user write with the user and a `Location` header. When some workspace changes were not
 * saved it answers per `switches.scimPartialStatus`: 207 with the user plus {@link EntitlementResults} (or the
 * results alone when `switches.scimPartialBody` is `'report'`), or the normal status with the user as saved.
 */
export function sendUserWrite(
  response: ServerResponse,
  state: TenantState,
  scimBase: string,
  user: SimUser,
  changes: WorkspaceChange[],
  successStatus: number,
): void {
  const resource = toScimUser(user, state, scimBase);
  const headers = { location: userLocation(scimBase, user.id) };
  const report = entitlementResults(changes, state);
  if (report === undefined || state.switches.scimPartialStatus === 200) {
    sendScim(response, successStatus, resource, headers);
    return;
  }
  const body =
    state.switches.scimPartialBody === 'report'
      ? { schemas: [scimUrns.entitlementResults], ...report }
      : {
          ...resource,
          schemas: [...resource.schemas, scimUrns.entitlementResults],
          [scimUrns.entitlementResults]: report,
        };
  sendScim(response, 207, body, headers);
}
