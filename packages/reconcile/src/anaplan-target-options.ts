import type { IntegrationClient, UsersImportColumns } from '@anaplan-access/bulk';
import type { ScimClient } from '@anaplan-access/scim';
import { z } from 'zod';

/** One model whose access the engine manages. */
export interface AnaplanTargetModel {
  workspaceId: string;
  modelId: string;
  /** Shown in plans. @default the model's name in Anaplan */
  name?: string | undefined;
  /**
   * The model's USERS import (id or name) and its column mapping, as saved in the model. The mapping must give a
   * `none` column for a list whose items may be taken away (Anaplan's "None" access); without it, shrinking
   * selective access needs a `No Access` round trip.
   */
  usersImport: { importId: string; columns: UsersImportColumns };
  /**
   * An export of the model's Users list in the import's layout (one selective-access item per row). Without it the
   * model's current access is unknown and every desired row is imported in full.
   */
  usersExport?: { exportId: string; columns: UsersImportColumns } | undefined;
  /**
   * Roles of the model that desired access may name. Desired roles are validated against these, the built-in
   * `Full Access` and `No Access`, and every role a user holds in the model's Users export; a desired role outside
   * them is an `unknown-role` error finding (the user is left out of the plan) and never reaches the import. List
   * here the roles no one holds yet. Without `usersExport` and without `roles`, roles are not checked before the
   * import; a row Anaplan then loads with an invalid role fails its operation.
   * @default the built-in roles and the roles seen in the Users export
   */
  roles?: string[] | undefined;
  /** SA-enabled list → items, to validate desired selective access. @default not validated */
  lists?: Record<string, string[]> | undefined;
}

/**
 * Options of {@link anaplanTarget}.
 *
 * @example
 * ```ts
 * const target = anaplanTarget({
 *   scim, integration,
 *   workspaces: [financeWorkspaceId],
 *   models: [{ workspaceId: financeWorkspaceId, modelId, usersImport: { importId: 'Users import', columns },
 *              usersExport: { exportId: 'Users export', columns } }],
 * });
 * ```
 */
export interface AnaplanTargetOptions {
  scim: ScimClient;
  integration: IntegrationClient;
  /** The managed workspaces (ids). Only their members are ever touched. Models' workspaces are added. */
  workspaces: string[];
  models?: AnaplanTargetModel[] | undefined;
  /** Read each workspace's administrators (they are protected unless the policy opts in). @default true */
  readWorkspaceAdministrators?: boolean | undefined;
  /**
   * How imports and exports are waited for. Against a real tenant keep the default interval (the Integration
   * API's polling advice); against the simulator a short one keeps tests fast.
   * @default the bulk client's defaults (`defaultPollIntervalMs`, `defaultWaitTimeoutMs`)
   */
  taskWait?: { intervalMs?: number | undefined; timeoutMs?: number | undefined } | undefined;
}

const columnsSchema = z.custom<UsersImportColumns>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { email?: unknown }).email === 'string',
  'columns must name at least the email column',
);

export const AnaplanTargetOptionsSchema = z.strictObject({
  scim: z.custom<ScimClient>((value) => typeof value === 'object' && value !== null, 'a ScimClient'),
  integration: z.custom<IntegrationClient>(
    (value) => typeof value === 'object' && value !== null,
    'an IntegrationClient',
  ),
  workspaces: z.array(z.string().min(1)),
  models: z
    .array(
      z.strictObject({
        workspaceId: z.string().min(1),
        modelId: z.string().min(1),
        name: z.string().optional(),
        usersImport: z.strictObject({ importId: z.string().min(1), columns: columnsSchema }),
        usersExport: z.strictObject({ exportId: z.string().min(1), columns: columnsSchema }).optional(),
        roles: z.array(z.string()).optional(),
        lists: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
  readWorkspaceAdministrators: z.boolean().optional(),
  taskWait: z
    .strictObject({
      intervalMs: z.number().int().positive().optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
});

/** The `wait` option of a bulk run, from the target's `taskWait`. */
export function taskWaitOption(options: AnaplanTargetOptions): {
  wait?: { intervalMs?: number; timeoutMs?: number };
} {
  const { intervalMs, timeoutMs } = options.taskWait ?? {};
  if (intervalMs === undefined && timeoutMs === undefined) return {};
  return { wait: { ...(intervalMs ? { intervalMs } : {}), ...(timeoutMs ? { timeoutMs } : {}) } };
}
