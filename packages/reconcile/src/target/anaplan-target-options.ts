import type { IntegrationClient, UsersImportColumns } from '@anaplan-access/bulk';
import type { CloudWorksClient, CloudWorksStorage } from '@anaplan-access/cloudworks';
import type { ExceptionUsersClient } from '@anaplan-access/exception-users';
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
   *
   * `setsWorkspaceAdmin`: whether this import sets the Workspace Administrator flag. Anaplan's help says an import
   * cannot (users import as non-admins; an administrator ticks the checkbox in the model's Users pane), so by
   * default the engine treats the flag as read-only: it reads it from the workspace's administrators, never writes a
   * Workspace Administrator column, and plans a `manual` operation where the source wants it otherwise. Declare
   * `true` only for a tenant where the import was seen to set it; `columns.workspaceAdmin` is then required (and
   * only then allowed), and a `usersExport` must map it too, so the flag is read back. @default false
   */
  usersImport: { importId: string; columns: UsersImportColumns; setsWorkspaceAdmin?: boolean | undefined };
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
  /**
   * How the model's USERS import is fed: `integration` uploads the CSV and runs the import through the Integration
   * API; `cloudworks` writes the CSV to the bucket or container of {@link AnaplanTargetOptions.cloudWorks} and runs
   * the model's CloudWorks integration (`anaplan-access:users:<modelId>`), so the run shows in CloudWorks' history.
   * @default 'integration'
   */
  channel?: 'integration' | 'cloudworks' | undefined;
}

/**
 * The CloudWorks channel of {@link anaplanTarget}, for the models whose `channel` is `cloudworks`.
 *
 * @example
 * ```ts
 * const cloudWorks = {
 *   client: new CloudWorksClient({ auth, region: 'eu3' }),
 *   storage: azureBlobStorage({ accountName, containerName: 'uam', sasToken: writeSas }),
 *   connectionId, // the CloudWorks connection that reads that container
 * };
 * const target = anaplanTarget({ scim, integration, workspaces, models: [{ ...model, channel: 'cloudworks' }], cloudWorks });
 * ```
 */
export interface AnaplanTargetCloudWorks {
  client: CloudWorksClient;
  /** Where the CSVs are written (`azureBlobStorage`, `amazonS3Storage`, or your own). */
  storage: CloudWorksStorage;
  /** The CloudWorks connection that reads `storage` (create it once, e.g. with `client.connections.ensure`). */
  connectionId: string;
  /** The folder of the CSVs in the container or bucket: `<folder>/users_<modelId>.csv`. @default 'anaplan-access' */
  folder?: string | undefined;
  /**
   * Run the CloudWorks models of an apply as one integration flow of this name, in the order of `models`, instead
   * of one run per model: a failure or partial success stops the later models (their operations fail, and the next
   * plan shows them again). @default one run per model, models in parallel
   */
  flow?: string | undefined;
  /** How runs are waited for. @default the CloudWorks client's (`defaultRunPollIntervalMs`, `defaultRunWaitTimeoutMs`) */
  runWait?: { intervalMs?: number | undefined; timeoutMs?: number | undefined } | undefined;
}

/**
 * The SSO exception users {@link anaplanTarget} observes and changes, in the managed workspaces that enforce SSO.
 *
 * @example
 * ```ts
 * const ssoExceptions = {
 *   client: new ExceptionUsersClient({ auth, region: 'eu3' }),
 *   workspaces: [financeWorkspaceId],
 *   limitExceptionUserAssignment: true, // as the tenant's setting is: then only the API can assign
 * };
 * ```
 */
export interface AnaplanTargetSsoExceptions {
  /** Reads the exception users (any role) and, with the API path, changes them (Tenant Security Admin). */
  client: ExceptionUsersClient;
  /** The managed workspaces that enforce SSO (ids). */
  workspaces: string[];
  /**
   * The tenant's setting "Limit exception user assignment to Administration only". On (`true`): changes go through
   * the Exception Users API (the client's account needs the Tenant Security Admin role), since the USERS import's
   * Single Sign-On column is refused, so no model of these workspaces may map `sso` in its import columns. Off
   * (`false`): changes go through a model's USERS import (its Single Sign-On column, which each workspace's
   * configured model must map), as a Workspace Administrator can make them. `anaplanTarget` checks both.
   */
  limitExceptionUserAssignment: boolean;
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
  /** Observe and change SSO exception users (`policy.ssoExceptions` says who they should be). @default not managed */
  ssoExceptions?: AnaplanTargetSsoExceptions | undefined;
  /** The CloudWorks channel: required when a model's `channel` is `cloudworks`. @default none */
  cloudWorks?: AnaplanTargetCloudWorks | undefined;
}

const columnsSchema = z.custom<UsersImportColumns>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { email?: unknown }).email === 'string',
  'columns must name at least the email column',
);

/**
 * A Workspace Administrator column is mapped exactly when the import is declared to set the flag, and then the
 * Users export reads it back (otherwise every plan would import the flag again).
 */
function checkWorkspaceAdminColumns(
  model: { usersImport: AnaplanTargetModel['usersImport']; usersExport?: AnaplanTargetModel['usersExport'] },
  context: z.RefinementCtx,
): void {
  const declared = model.usersImport.setsWorkspaceAdmin === true;
  const mapped = model.usersImport.columns.workspaceAdmin !== undefined;
  if (mapped && !declared)
    context.addIssue({
      code: 'custom',
      path: ['usersImport', 'columns', 'workspaceAdmin'],
      message:
        "maps a Workspace Administrator column, but Anaplan's help says an import cannot set the flag: remove the column from the mapping (and from the saved import), or declare usersImport.setsWorkspaceAdmin: true if this tenant's import sets it",
    });
  if (declared && !mapped)
    context.addIssue({
      code: 'custom',
      path: ['usersImport', 'setsWorkspaceAdmin'],
      message: 'is true, but usersImport.columns names no workspaceAdmin column to write the flag to',
    });
  if (declared && model.usersExport && model.usersExport.columns.workspaceAdmin === undefined)
    context.addIssue({
      code: 'custom',
      path: ['usersExport', 'columns', 'workspaceAdmin'],
      message:
        'is missing: the import sets Workspace Administrator (usersImport.setsWorkspaceAdmin), so the Users export must read the flag back, or every plan imports it again',
    });
}

const waitSchema = z
  .strictObject({
    intervalMs: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .optional();

export const AnaplanTargetOptionsSchema = z
  .strictObject({
    scim: z.custom<ScimClient>((value) => typeof value === 'object' && value !== null, 'a ScimClient'),
    integration: z.custom<IntegrationClient>(
      (value) => typeof value === 'object' && value !== null,
      'an IntegrationClient',
    ),
    workspaces: z.array(z.string().min(1)),
    models: z
      .array(
        z
          .strictObject({
            workspaceId: z.string().min(1),
            modelId: z.string().min(1),
            name: z.string().optional(),
            usersImport: z.strictObject({
              importId: z.string().min(1),
              columns: columnsSchema,
              setsWorkspaceAdmin: z.boolean().optional(),
            }),
            usersExport: z.strictObject({ exportId: z.string().min(1), columns: columnsSchema }).optional(),
            roles: z.array(z.string()).optional(),
            lists: z.record(z.string(), z.array(z.string())).optional(),
            channel: z.enum(['integration', 'cloudworks']).optional(),
          })
          .superRefine(checkWorkspaceAdminColumns),
      )
      .optional(),
    readWorkspaceAdministrators: z.boolean().optional(),
    ssoExceptions: z
      .strictObject({
        client: z.custom<ExceptionUsersClient>(
          (value) => typeof value === 'object' && value !== null,
          'an ExceptionUsersClient',
        ),
        workspaces: z.array(z.string().min(1)),
        limitExceptionUserAssignment: z.boolean(),
      })
      .optional(),
    taskWait: waitSchema,
    cloudWorks: z
      .strictObject({
        client: z.custom<CloudWorksClient>(
          (value) => typeof value === 'object' && value !== null,
          'a CloudWorksClient',
        ),
        storage: z.custom<CloudWorksStorage>(
          (value) => typeof (value as { put?: unknown } | null)?.put === 'function',
          'a CloudWorksStorage (azureBlobStorage or amazonS3Storage)',
        ),
        connectionId: z.string().min(1),
        folder: z.string().min(1).optional(),
        flow: z.string().min(1).optional(),
        runWait: waitSchema,
      })
      .optional(),
  })
  .superRefine((options, context) => {
    const index = (options.models ?? []).findIndex((model) => model.channel === 'cloudworks');
    if (index >= 0 && options.cloudWorks === undefined)
      context.addIssue({
        code: 'custom',
        path: ['models', index, 'channel'],
        message: "is 'cloudworks', but no cloudWorks option says which client, storage and connection to use",
      });
  });
