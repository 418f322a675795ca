import { entitlementTypes, workspaceIdsOf } from '../entitlements.js';
import type { ScimUserInput } from '../schemas/user.js';
import { scimUrns } from '../urns.js';

/**
 * The body Anaplan documents for a create (`POST /Users`) or a replacement (`PUT /Users/{id}`): the writable
 * attributes of its User schema and nothing else. A user read with `get()` carries read-only attributes (`id`,
 * `meta`, `displayName`, `name.formatted`, `emails[].primary`) and the same workspaces three times
 * (`WORKSPACE`, `WORKSPACE_IDS`, `WORKSPACE_NAMES`); Anaplan's documentation says to send `WORKSPACE` objects on
 * writes, so the workspaces are written once, in that form. `userName` stays: the schema requires it.
 */
export function anaplanWriteBody(user: ScimUserInput): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [scimUrns.user], userName: user.userName };
  if (user.externalId !== undefined) body['externalId'] = user.externalId;
  if (user.name !== undefined) {
    const name: Record<string, string> = {};
    if (user.name.givenName !== undefined) name['givenName'] = user.name.givenName;
    if (user.name.familyName !== undefined) name['familyName'] = user.name.familyName;
    body['name'] = name;
  }
  if (user.active !== undefined) body['active'] = user.active;
  if (user.emails !== undefined)
    body['emails'] = user.emails.map(({ value, type }) => ({
      ...(value !== undefined ? { value } : {}),
      ...(type !== undefined ? { type } : {}),
    }));
  if (user.entitlements !== undefined) {
    const names = new Map<string, string>();
    for (const entitlement of user.entitlements)
      if (
        entitlement.type?.toUpperCase() === entitlementTypes.workspace &&
        entitlement.value &&
        entitlement.display
      )
        names.set(entitlement.value, entitlement.display);
    body['entitlements'] = workspaceIdsOf(user).map((value) => ({
      value,
      ...(names.has(value) ? { display: names.get(value) } : {}),
      type: entitlementTypes.workspace,
    }));
  }
  return body;
}
