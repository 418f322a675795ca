// Tests: ./workspaces.test.ts, ./apply-patch.test.ts

/** Anaplan's entitlement `type` values (RFC 7643 leaves `type` free; Anaplan uses these three). */
export const entitlementTypes = {
  /** One item per workspace; `value` is the workspace id. The form to write. */
  workspace: 'WORKSPACE',
  /** One item whose `value` lists workspace ids separated by commas (the form Okta sends). */
  workspaceIds: 'WORKSPACE_IDS',
  /** One item whose `value` lists quoted workspace names separated by commas. */
  workspaceNames: 'WORKSPACE_NAMES',
} as const;

/** The part of a user that {@link workspaceIdsOf} reads. */
export interface HasEntitlements {
  entitlements?: readonly { value?: string | undefined; type?: string | undefined }[] | undefined;
}

function isType(entitlement: { type?: string | undefined }, type: string): boolean {
  return entitlement.type?.toUpperCase() === type;
}

/**
 * The workspace ids a user belongs to, normalized from whichever entitlement form the server returned: the
 * `WORKSPACE` items when there is at least one, otherwise the comma-separated `WORKSPACE_IDS` item. Duplicates are
 * removed and the server's order is kept. `WORKSPACE_NAMES` is never used (names are not ids).
 *
 * @example
 * ```ts
 * const user = await client.users.get(id);
 * if (!workspaceIdsOf(user).includes(workspaceId)) await client.users.grantWorkspaces(id, [workspaceId]);
 * ```
 */
export function workspaceIdsOf(user: HasEntitlements): string[] {
  const entitlements = user.entitlements ?? [];
  const items = entitlements.filter((entitlement) => isType(entitlement, entitlementTypes.workspace));
  const ids =
    items.length > 0
      ? items.map((entitlement) => entitlement.value ?? '')
      : entitlements
          .filter((entitlement) => isType(entitlement, entitlementTypes.workspaceIds))
          .flatMap((entitlement) => (entitlement.value ?? '').split(','));
  const unique = new Set<string>();
  for (const id of ids) {
    const trimmed = id.trim();
    if (trimmed !== '') unique.add(trimmed);
  }
  return [...unique];
}

/**
 * `WORKSPACE` entitlement items for the given workspace ids, ready for a create, replace or PATCH value.
 *
 * @example
 * ```ts
 * await client.users.create({ userName, name, entitlements: workspaceEntitlements([workspaceId]) });
 * ```
 */
export function workspaceEntitlements(
  workspaceIds: Iterable<string>,
): { value: string; type: 'WORKSPACE' }[] {
  return [...new Set(workspaceIds)].map((value) => ({ value, type: entitlementTypes.workspace }));
}
