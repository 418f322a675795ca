// Tests: test/trust/import-rows-and-preflight.test.ts, test/e2e/reconcile.e2e.test.ts

import type { DumpFailure, IntegrationClient, RunActionOptions, UsersImportRow } from '@anaplan-access/bulk';
import { isNoAccess } from '../../internal/model-access.js';
import { removedItems } from '../../internal/selective-access-diff.js';
import type { ModelAccessEntry, ModelAccessResult } from '../access-target.js';
import type { AnaplanTargetModel } from '../anaplan-target-options.js';
import { type ImportCsv, importCsv } from './import-csv.js';

/**
 * Sets the access of several users in one model with one run of its USERS import: writes the rows (a row the CSV
 * writer refuses fails only its own user), uploads and runs the import, and maps the failure dump back to users
 * ({@link importOutcome}, which every delivery channel shares).
 */
export async function importModelAccess(
  integration: IntegrationClient,
  model: AnaplanTargetModel,
  entries: readonly ModelAccessEntry[],
  call: Pick<RunActionOptions, 'signal' | 'wait'>,
): Promise<ModelAccessResult> {
  const { csv, rejected } = modelAccessCsv(model, entries);
  if (csv === undefined) return { failed: rejected, warnings: new Map() };
  const result = await integration
    .model(model.workspaceId, model.modelId)
    .runImport(model.usersImport.importId, csv, {
      ...call,
      // Every failure row is kept: a dump has at most one row per line uploaded (and the lines are in memory).
      dump: { keepRows: lineCount(csv) },
    });
  const reason = result.details
    .map((detail) => detail.localMessageText ?? detail.type)
    .filter(Boolean)
    .join('; ');
  return importOutcome(model, entries, rejected, {
    taskId: result.taskId,
    successful: result.successful,
    failures: result.failures,
    truncated: result.failuresTruncated
      ? result.failureCounts.errors + result.failureCounts.warnings
      : undefined,
    reason,
  });
}

/** The CSV of a model's USERS import for these entries, and the rows the CSV writer refused (by lower-cased e-mail). */
export function modelAccessCsv(
  model: Pick<AnaplanTargetModel, 'usersImport'>,
  entries: readonly ModelAccessEntry[],
): ImportCsv {
  return importCsv(
    entries.map((entry) => toImportRow(entry)),
    model.usersImport,
  );
}

/** How one run of a model's USERS import went, whichever channel ran it. */
export interface ImportRun {
  taskId?: string | undefined;
  /** Whether the import (or the CloudWorks run) succeeded as a whole; rows may still have failed. */
  successful: boolean;
  /** The rows of its failure dump. */
  failures: readonly DumpFailure[];
  /** The number of dump rows when `failures` holds fewer of them; `undefined` when it holds all. */
  truncated: number | undefined;
  /** Why it failed as a whole, in words (empty when unknown). */
  reason: string;
}

/**
 * Maps a run of a model's USERS import back to its users: a dump row fails the user of its e-mail; a row Anaplan
 * loaded with a warning fails too, saying what to fix (an invalid role gives a new user No Access); when the dump is
 * cut short, or the run failed without rows, no user is reported as done. Every delivery channel (the Integration
 * API, CloudWorks) maps its run with this one function.
 */
export function importOutcome(
  model: Pick<AnaplanTargetModel, 'usersImport'>,
  entries: readonly ModelAccessEntry[],
  rejected: ReadonlyMap<string, string[]>,
  run: ImportRun,
): ModelAccessResult {
  const { columns } = model.usersImport;
  const outcome: ModelAccessResult = { taskId: run.taskId, failed: new Map(rejected), warnings: new Map() };
  const warned = new Map<string, string[]>();
  for (const failure of run.failures) {
    const key = (failure.row[columns.email] ?? '').trim().toLowerCase();
    const into = failure.status === 'error' ? outcome.failed : warned;
    into.set(key, [...(into.get(key) ?? []), ...failure.messages]);
  }
  for (const [key, messages] of warned)
    outcome.failed.set(key, [...(outcome.failed.get(key) ?? []), warningFailure(messages)]);
  // The dump had more rows than were read: a row not among them may have failed too, so none is reported as done.
  if (run.truncated !== undefined)
    for (const entry of entries)
      if (!outcome.failed.has(entry.userName.toLowerCase()))
        outcome.failed.set(entry.userName.toLowerCase(), [
          `outcome unknown: the failure dump had more rows (${run.truncated}) than were read into the result`,
        ]);
  if (!run.successful && run.failures.length === 0)
    for (const entry of entries)
      if (!rejected.has(entry.userName.toLowerCase()))
        outcome.failed.set(entry.userName.toLowerCase(), [`import failed: ${run.reason || 'no detail'}`]);
  return outcome;
}

/** The failure of a row Anaplan loaded with warnings: its messages and what to do about them. */
function warningFailure(messages: readonly string[]): string {
  const text = messages.length > 0 ? messages.join('; ') : 'no detail';
  const fix = /\brole\b/i.test(text)
    ? "use a role that exists on the model's Roles tab (or add the role there)"
    : 'correct what the warning names in the source or the model';
  return `loaded with a warning, so the access is not as planned: ${text}. To fix: ${fix}, then run again.`;
}

/** The number of line breaks in `text`: at least its number of CSV records after the header. */
export function lineCount(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

function toImportRow(entry: ModelAccessEntry): UsersImportRow {
  const selectiveAccess: Record<string, { read: string[]; write: string[]; none?: string[] }> = {};
  const removed = removedItems(entry.previous, entry.access);
  const lists = new Set([...Object.keys(entry.access.selectiveAccess), ...Object.keys(removed)]);
  for (const list of lists) {
    const access = entry.access.selectiveAccess[list];
    selectiveAccess[list] = {
      read: access?.read ?? [],
      write: access?.write ?? [],
      ...(removed[list]?.length ? { none: removed[list] } : {}),
    };
  }
  // Names are needed only to add a user to the model: a user already in it keeps their name, and a row that takes
  // access away never carries one, so a placeholder name ("-", "=SUM(1)") cannot stop a revocation.
  const mayBeNew = entry.previous === null || entry.previous === 'unknown';
  return {
    email: entry.userName,
    ...(mayBeNew && !isNoAccess(entry.access.role)
      ? { firstName: entry.givenName, lastName: entry.familyName }
      : {}),
    role: entry.access.role,
    sso: entry.access.sso,
    // Written only where the import is declared to set it (importCsv).
    workspaceAdmin: entry.access.workspaceAdmin,
    selectiveAccess,
  };
}
