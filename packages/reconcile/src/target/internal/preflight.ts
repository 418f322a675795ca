import {
  ConfigurationError,
  isAnaplanAccessError,
  isNotFoundError,
  isPermissionDeniedError,
} from '@anaplan-access/core';
import type { Finding } from '../../findings.js';
import type { AnaplanTargetModel, AnaplanTargetOptions } from '../anaplan-target-options.js';

/** What the preflight found: options to observe with, and the problems that block a plan. */
export interface PreflightResult {
  /**
   * The target options to observe with: each model named as Anaplan names it (so it is not read twice), and a
   * model whose Users export does not exist observed without it (its access `unknown`; a finding blocks the plan).
   */
  options: AnaplanTargetOptions;
  /** One `target-error` finding per configured import or export that does not exist or is not usable. */
  findings: Finding[];
}

/**
 * Checks the target's configuration against Anaplan before anything is observed or written: every workspace and
 * model must be visible to the integration account, and every model's USERS import and Users export must exist.
 *
 * A workspace or model that cannot be read is a {@link ConfigurationError} naming the configuration entry (a plan
 * over it would be meaningless). A missing import or export is a plan-blocking `target-error` finding naming the
 * entry and the closest names, so the rest of the plan can still be reviewed while nothing is applied.
 *
 * @throws {ConfigurationError} for a workspace or model that does not exist or that the account cannot read.
 */
export async function preflight(
  options: AnaplanTargetOptions,
  signal: AbortSignal | undefined,
): Promise<PreflightResult> {
  const call = { signal };
  const models = options.models ?? [];
  const workspaceEntries = new Map<string, string>();
  options.workspaces.forEach((id, index) => {
    if (!workspaceEntries.has(id)) workspaceEntries.set(id, `workspaces[${index}]`);
  });
  models.forEach((model, index) => {
    if (!workspaceEntries.has(model.workspaceId))
      workspaceEntries.set(model.workspaceId, `models[${index}].workspaceId`);
  });
  const settled = await Promise.allSettled([
    ...[...workspaceEntries].map(async ([id, entry]) => {
      try {
        await options.integration.workspaces.get(id, call);
      } catch (error) {
        throw unreadable(error, entry, `workspace \`${id}\` (in \`${entry}\`)`, workspaceAdvice);
      }
    }),
    ...models.map((model, index) => checkModel(options, model, index, signal)),
  ]);
  // The first failure in configuration order wins, so the same configuration always names the same entry.
  const failure = settled.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const checked = settled.slice(workspaceEntries.size) as PromiseFulfilledResult<CheckedModel>[];
  return {
    options: { ...options, models: checked.map((outcome) => outcome.value.model) },
    findings: checked.flatMap((outcome) => outcome.value.findings),
  };
}

const workspaceAdvice = 'not found, or the integration account is not its Workspace Administrator';
const modelAdvice = 'not found, or the integration account cannot see it';

interface CheckedModel {
  model: AnaplanTargetModel;
  findings: Finding[];
}

async function checkModel(
  options: AnaplanTargetOptions,
  model: AnaplanTargetModel,
  index: number,
  signal: AbortSignal | undefined,
): Promise<CheckedModel> {
  const call = { signal };
  const entry = `models[${index}]`;
  let found: Awaited<ReturnType<AnaplanTargetOptions['integration']['models']['get']>>;
  try {
    found = await options.integration.models.get(model.modelId, call);
  } catch (error) {
    throw unreadable(error, `${entry}.modelId`, `model \`${model.modelId}\` (in \`${entry}\`)`, modelAdvice);
  }
  if (found.currentWorkspaceId !== undefined && found.currentWorkspaceId !== model.workspaceId)
    throw new ConfigurationError(
      `${entry}.workspaceId`,
      `anaplanTarget: model \`${model.modelId}\` (in \`${entry}\`) is in workspace \`${found.currentWorkspaceId}\`, not \`${model.workspaceId}\``,
    );
  const name = model.name ?? found.name;
  const client = options.integration.model(model.workspaceId, model.modelId);
  const findings: Finding[] = [];
  const missing = (field: string, kind: 'import' | 'export', nameOrId: string, error: unknown) => {
    const close = (error as { closeNames?: readonly string[] }).closeNames ?? [];
    findings.push({
      kind: 'target-error',
      severity: 'error',
      field: `${entry}.${field}`,
      message:
        `Model "${name}" (in \`${entry}\`) has no ${kind} with the id or name "${nameOrId}"` +
        (close.length > 0 ? ` (close names: ${close.map((candidate) => `"${candidate}"`).join(', ')})` : '') +
        `; correct \`${entry}.${field}\`. Nothing is applied until it names an existing ${kind}.`,
    });
  };
  const [usersImport, usersExport] = await Promise.all([
    client.imports.find(model.usersImport.importId, call).catch((error: unknown) => {
      if (!isAnaplanAccessError(error, 'action-not-found')) throw error;
      missing('usersImport.importId', 'import', model.usersImport.importId, error);
      return undefined;
    }),
    model.usersExport
      ? client.exports.find(model.usersExport.exportId, call).catch((error: unknown) => {
          if (!isAnaplanAccessError(error, 'action-not-found')) throw error;
          missing('usersExport.exportId', 'export', model.usersExport?.exportId ?? '', error);
          return undefined;
        })
      : undefined,
  ]);
  if (usersImport?.importType !== undefined && usersImport.importType !== 'USERS')
    findings.push({
      kind: 'target-error',
      severity: 'error',
      field: `${entry}.usersImport.importId`,
      message: `Model "${name}" (in \`${entry}\`): import "${usersImport.name}" is a ${usersImport.importType} import, not a USERS import; correct \`${entry}.usersImport.importId\`. Nothing is applied until it names the model's USERS import.`,
    });
  const observeWith: AnaplanTargetModel = { ...model, name };
  // A missing export cannot be read: the model is observed as unknown, and the finding above blocks the plan.
  if (model.usersExport && usersExport === undefined) delete observeWith.usersExport;
  return { model: observeWith, findings };
}

/** A 404 or 403 on a configured object becomes a {@link ConfigurationError} naming its entry; others pass. */
function unreadable(error: unknown, key: string, what: string, advice: string): unknown {
  if (!isNotFoundError(error) && !isPermissionDeniedError(error)) return error;
  const status = (error as { status?: number }).status;
  return new ConfigurationError(key, `anaplanTarget: ${what}: ${advice} (HTTP ${status})`);
}
