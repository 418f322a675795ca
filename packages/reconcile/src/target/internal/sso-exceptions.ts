// Tests: test/e2e/sso-exceptions.e2e.test.ts

import type { IntegrationClient, RunActionOptions, UsersImportColumns } from '@anaplan-access/bulk';
import { ConfigurationError, isApiError } from '@anaplan-access/core';
import type { SsoExceptionChange } from '../access-target.js';
import type { AnaplanTargetModel, AnaplanTargetSsoExceptions } from '../anaplan-target-options.js';
import type { ObservedSsoExceptions } from '../observed-state.js';

/**
 * Reads the exception users of each SSO workspace through the Exception Users API. A workspace whose search is
 * refused or fails (403, 404, a server error) is `unknown`, with the reason: never read as "no exception users".
 */
export async function observeSsoExceptions(
  config: AnaplanTargetSsoExceptions,
  names: ReadonlyMap<string, string>,
  signal: AbortSignal | undefined,
): Promise<ObservedSsoExceptions[]> {
  const assignWith = config.limitExceptionUserAssignment ? 'api' : 'import';
  return Promise.all(
    config.workspaces.map(async (workspaceId): Promise<ObservedSsoExceptions> => {
      const workspaceName = names.get(workspaceId) ?? workspaceId;
      try {
        const found = await config.client.search({ workspaceGuid: workspaceId }, { signal });
        const workspace = found.find((entry) => entry.workspaceGuid === workspaceId);
        if (!workspace)
          return unknown(workspaceId, workspaceName, assignWith, 'the search did not return the workspace');
        const users = workspace.users.map((user) => ({ id: user.userGuid, userName: user.email }));
        return { workspaceId, workspaceName, users, assignWith };
      } catch (error) {
        if (!isApiError(error)) throw error;
        return unknown(
          workspaceId,
          workspaceName,
          assignWith,
          `the Exception Users API answered ${error.status} to the search`,
        );
      }
    }),
  );
}

function unknown(
  workspaceId: string,
  workspaceName: string,
  assignWith: 'api' | 'import',
  reason: string,
): ObservedSsoExceptions {
  return { workspaceId, workspaceName, users: 'unknown', unknownReason: reason, assignWith };
}

/**
 * With the import path (`limitExceptionUserAssignment: false`), each SSO workspace needs a configured model, and
 * each of its configured models must map the Single Sign-On column (the plan picks the model that has the user).
 * @throws {ConfigurationError} naming `ssoExceptions.workspaces[i]` for a workspace without such models.
 */
export function checkSsoColumns(
  config: AnaplanTargetSsoExceptions,
  models: readonly AnaplanTargetModel[],
): void {
  if (config.limitExceptionUserAssignment) {
    // The tenant then refuses an import's Single Sign-On column: every model access import of a model that maps it
    // would fail, and the exception status has one owner, the Exception Users API.
    models.forEach((model, index) => {
      if (config.workspaces.includes(model.workspaceId) && model.usersImport.columns.sso !== undefined)
        throw new ConfigurationError(
          `models.${index}.usersImport.columns.sso`,
          `anaplanTarget: models.${index} (${model.modelId}) maps the sso column, but exception users of its workspace are set through the Exception Users API (ssoExceptions.limitExceptionUserAssignment: true), where the tenant refuses an import's Single Sign-On column: remove the sso mapping`,
        );
    });
    return;
  }
  config.workspaces.forEach((workspaceId, index) => {
    const own = models.filter((model) => model.workspaceId === workspaceId);
    if (own.length === 0 || own.some((model) => model.usersImport.columns.sso === undefined))
      throw new ConfigurationError(
        `ssoExceptions.workspaces[${index}]`,
        `anaplanTarget: ssoExceptions.workspaces[${index}] (${workspaceId}): exception users are set through a model's USERS import (limitExceptionUserAssignment: false), so the workspace needs a configured model, and each of its models must map the sso column`,
      );
  });
}

/**
 * Sets one user's exception status: through the Exception Users API, or through a USERS import of the model the
 * operation names, with only the e-mail and Single Sign-On columns (a cleared box is an exception user).
 * @returns why it failed, when the import refused the row; nothing when it was done.
 */
export async function setSsoException(
  config: AnaplanTargetSsoExceptions,
  integration: IntegrationClient,
  models: ReadonlyMap<string, AnaplanTargetModel>,
  change: SsoExceptionChange,
  call: Pick<RunActionOptions, 'signal' | 'wait'>,
): Promise<{ failed?: string | undefined }> {
  if (change.via.kind === 'api') {
    if (change.exception)
      await config.client.assign(change.userId, change.workspaceId, { signal: call.signal });
    else await config.client.unassign(change.userId, change.workspaceId, { signal: call.signal });
    return {};
  }
  const model = models.get(change.via.modelId);
  const ssoColumn = model?.usersImport.columns.sso;
  if (!model || ssoColumn === undefined)
    throw new ConfigurationError(
      'models',
      `anaplanTarget: model ${change.via.modelId} has no sso column mapped`,
    );
  // Every mapped column is in the file (a saved import wants them all); blank cells leave the row as it is.
  const { columns } = model.usersImport;
  const header = mappedColumns(columns);
  const row = header.map((column) =>
    column === columns.email
      ? change.userName
      : column === ssoColumn
        ? change.exception
          ? 'FALSE'
          : 'TRUE'
        : '',
  );
  const csv = `${header.map(csvCell).join(',')}\n${row.map(csvCell).join(',')}\n`;
  const result = await integration
    .model(model.workspaceId, model.modelId)
    .runImport(model.usersImport.importId, csv, { ...call, dump: { keepRows: 1 } });
  const messages = result.failures.flatMap((failure) => failure.messages);
  if (messages.length > 0) return { failed: `the import refused the row: ${messages.join('; ')}` };
  if (!result.successful)
    return {
      failed: `the import failed: ${result.details.map((detail) => detail.localMessageText ?? detail.type).join('; ') || 'no detail'}`,
    };
  return {};
}

/** The column names a USERS import mapping names, each once. */
function mappedColumns(columns: UsersImportColumns): string[] {
  const { selectiveAccess, ...fields } = columns;
  const names = [
    ...Object.values(fields),
    ...Object.values(selectiveAccess ?? {}).flatMap((list) => Object.values(list)),
  ];
  return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
