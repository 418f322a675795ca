import { ConfigurationError } from '@anaplan-access/core';
import { patch, workspaceEntitlements, workspaceIdsOf as workspacesOf } from '@anaplan-access/scim';
import { nameAndMessageOf } from '../apply/internal/name-and-message-of.js';
import type {
  AccessTarget,
  ModelAccessBatch,
  ModelAccessResult,
  ObserveOptions,
  TargetCallOptions,
  WorkspaceWriteResult,
} from './access-target.js';
import { type AnaplanTargetOptions, AnaplanTargetOptionsSchema } from './anaplan-target-options.js';
import { CloudWorksDelivery } from './internal/cloudworks-delivery.js';
import { knownRoles } from './internal/known-roles.js';
import { importModelAccess } from './internal/model-access-import.js';
import { observeAnaplan } from './internal/observe-anaplan.js';
import { toObservedUser } from './internal/observed-user.js';
import { preflight } from './internal/preflight.js';
import { checkSsoColumns, observeSsoExceptions, setSsoException } from './internal/sso-exceptions.js';
import type { ObservedState } from './observed-state.js';

/**
 * The Anaplan tenant as an {@link AccessTarget}: users and workspaces through SCIM, model access through each
 * model's USERS import (and, when configured, its Users export to observe it).
 *
 * `observe` starts with a preflight: every workspace and model must be readable (otherwise a `ConfigurationError`
 * names the entry, e.g. `workspaces[0]` or `models[2].modelId`), and each model's import and export must exist (a
 * `target-error` finding that blocks the plan names `models[i].usersImport.importId` otherwise), before any plan and
 * so any write exists. Import rows carry names only for users who may be new to the model; a row Anaplan loads with
 * a warning fails its operation.
 *
 * @example
 * ```ts
 * const scim = new ScimClient({ baseUrl: scimUrl, auth });
 * const integration = new IntegrationClient({ baseUrl: apiUrl, auth });
 * const target = anaplanTarget({ scim, integration, workspaces: [workspaceId], models: [model] });
 * const p = await plan({ desired, target });
 * ```
 * @throws {ConfigurationError} for unknown or invalid options; from `observe`, for a workspace or model that does
 *   not exist or that the integration account cannot read, naming its configuration entry.
 * @group Target
 */
export function anaplanTarget(options: AnaplanTargetOptions): AccessTarget {
  const checked = AnaplanTargetOptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options');
    throw new ConfigurationError(key, `anaplanTarget: ${key}: ${issue?.message ?? 'invalid'}`);
  }
  const { scim, integration } = options;
  const models = new Map((options.models ?? []).map((model) => [model.modelId, model]));
  const { ssoExceptions } = options;
  if (ssoExceptions) checkSsoColumns(ssoExceptions, options.models ?? []);
  const cloudWorks = options.cloudWorks && new CloudWorksDelivery(options.cloudWorks, integration);
  const modelOf = (modelId: string) => {
    const model = models.get(modelId);
    if (!model) throw new ConfigurationError('models', `anaplanTarget: model ${modelId} is not configured`);
    return model;
  };
  const importOne = (modelId: string, entries: ModelAccessBatch['entries'], call?: TargetCallOptions) => {
    const model = modelOf(modelId);
    if (model.channel === 'cloudworks' && cloudWorks)
      return cloudWorks.importModel(model, entries, call?.signal);
    return importModelAccess(integration, model, entries, { signal: call?.signal, wait: options.taskWait });
  };
  // With a flow, the CloudWorks models of an apply run as one flow, in the order of `models`; the others as before.
  const flow = options.cloudWorks?.flow;
  const order = [...models.keys()];
  const importModelsAccess = async (batches: ModelAccessBatch[], call?: TargetCallOptions) => {
    const results = new Map<string, ModelAccessResult>();
    const viaFlow = batches
      .filter((batch) => modelOf(batch.modelId).channel === 'cloudworks')
      .sort((a, b) => order.indexOf(a.modelId) - order.indexOf(b.modelId))
      .map((batch) => ({ model: modelOf(batch.modelId), entries: batch.entries }));
    const others = batches.filter((batch) => modelOf(batch.modelId).channel !== 'cloudworks');
    // A model whose import throws fails its own users, as it does without a flow.
    const failedWith = (entries: ModelAccessBatch['entries'], error: unknown): ModelAccessResult => ({
      failed: new Map(entries.map((entry) => [entry.userName.toLowerCase(), [nameAndMessageOf(error)]])),
      warnings: new Map(),
    });
    await Promise.all([
      ...others.map(async ({ modelId, entries }) =>
        results.set(
          modelId,
          await importOne(modelId, entries, call).catch((error) => failedWith(entries, error)),
        ),
      ),
      (async () => {
        if (viaFlow.length === 0 || !cloudWorks || flow === undefined) return;
        try {
          for (const [modelId, result] of await cloudWorks.importModels(viaFlow, flow, call?.signal))
            results.set(modelId, result);
        } catch (error) {
          for (const { model, entries } of viaFlow) results.set(model.modelId, failedWith(entries, error));
        }
      })(),
    ]);
    return results;
  };
  // The workspaces each user held at the latest observation, kept up to date by this target's own writes: a grant
  // or revoke then takes one PATCH instead of a read and a PATCH. A user not seen since is read first, as before.
  const knownWorkspaces = new Map<string, readonly string[]>();
  const changeWorkspaces = async (
    kind: 'grant' | 'revoke',
    userId: string,
    ids: string[],
    call: TargetCallOptions | undefined,
  ): Promise<WorkspaceWriteResult> => {
    const known = knownWorkspaces.get(userId);
    const change = {
      signal: call?.signal,
      throwOnFailure: false,
      ...(known ? { knownWorkspaces: known } : {}),
    };
    try {
      const result =
        kind === 'grant'
          ? await scim.users.grantWorkspaces(userId, ids, change)
          : await scim.users.revokeWorkspaces(userId, ids, change);
      knownWorkspaces.set(userId, workspacesOf(result.user));
      return { failed: result.failed.map(({ workspaceId, detail }) => ({ workspaceId, detail })) };
    } catch (error) {
      knownWorkspaces.delete(userId);
      throw error;
    }
  };

  return {
    async observe(call?: ObserveOptions): Promise<ObservedState> {
      // Preflight first: a workspace or model that cannot be read is a ConfigurationError naming its entry, and a
      // missing import or export a plan-blocking finding, found before any plan (and so any write) exists.
      const checked = await preflight(options, call?.signal);
      const observed = await observeAnaplan(checked.options, call?.signal, call?.lastLogins === true);
      observed.models = observed.models.map((model) => ({
        ...model,
        roles: knownRoles(models.get(model.modelId)?.roles, model),
      }));
      if (checked.findings.length > 0) observed.findings = checked.findings;
      if (ssoExceptions) {
        const names = new Map(observed.workspaces.map((workspace) => [workspace.id, workspace.name]));
        observed.ssoExceptions = await observeSsoExceptions(ssoExceptions, names, call?.signal);
      }
      knownWorkspaces.clear();
      for (const user of observed.users) knownWorkspaces.set(user.id, user.workspaces);
      return observed;
    },

    async findUser(userName, call) {
      const user = await scim.users.findByUserName(userName, { signal: call?.signal });
      return user ? toObservedUser(user) : undefined;
    },

    async createUser(user, call) {
      const created = await scim.users.create(
        {
          userName: user.userName,
          name: { givenName: user.givenName, familyName: user.familyName },
          active: user.active,
          ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
          ...(user.workspaces.length > 0 ? { entitlements: workspaceEntitlements(user.workspaces) } : {}),
        },
        { signal: call?.signal },
      );
      // Anaplan saves user data and entitlements separately: what was not saved is reported, not assumed.
      knownWorkspaces.set(created.id, workspacesOf(created));
      const saved = new Set(workspacesOf(created));
      const failed = user.workspaces
        .filter((id) => !saved.has(id))
        .map((workspaceId) => ({ workspaceId, detail: 'not saved with the new user' }));
      return { id: created.id, failedWorkspaces: failed };
    },

    async updateUser(userId, fields, call) {
      const operations = [];
      if (fields.givenName !== undefined) operations.push(patch.replace('name.givenName', fields.givenName));
      if (fields.familyName !== undefined)
        operations.push(patch.replace('name.familyName', fields.familyName));
      if (fields.externalId !== undefined) operations.push(patch.replace('externalId', fields.externalId));
      if (fields.active !== undefined) operations.push(patch.replace('active', fields.active));
      if (operations.length > 0) await scim.users.patch(userId, operations, { signal: call?.signal });
    },

    async setActive(userId, active, call) {
      if (active) await scim.users.activate(userId, { signal: call?.signal });
      else await scim.users.deactivate(userId, { signal: call?.signal });
    },

    ...(ssoExceptions && {
      setSsoException: (change, call) =>
        setSsoException(ssoExceptions, integration, models, change, {
          signal: call?.signal,
          wait: options.taskWait,
        }),
    }),

    grantWorkspaces: (userId, ids, call) => changeWorkspaces('grant', userId, ids, call),
    revokeWorkspaces: (userId, ids, call) => changeWorkspaces('revoke', userId, ids, call),

    importModelAccess: importOne,
    ...(flow === undefined ? {} : { importModelsAccess }),
  };
}
