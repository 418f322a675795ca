import { readFileSync } from 'node:fs';
import type { AuditEntry } from '@anaplan-access/reconcile';
import type { RequestRecord, TenantState } from '@anaplan-access/testkit';

// Whether the audit log accounts for every write the simulator received.

/** Reads a JSON Lines audit log (missing file = no entries). */
export function readAudit(path: string): AuditEntry[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
}

const scimUsers = /^\/scim\/1\/0\/v2\/Users(?:\/([^/]+))?$/;
const modelWrite = /^\/2\/0\/workspaces\/[^/]+\/models\/([^/]+)\/(files|imports)\//;
const userKinds = new Set([
  'user.create',
  'user.update',
  'user.reactivate',
  'user.deactivate',
  'workspace.grant',
  'workspace.revoke',
]);

/** Whether a request changes something (auth calls, exports and the test harness's own calls aside). */
export function isAccessWrite(record: RequestRecord): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(record.method)) return false;
  if (record.path.startsWith('/token/') || record.path.startsWith('/oauth/')) return false;
  if (record.query.includes('by=harness') || record.path.includes('/exports/')) return false;
  return true;
}

/**
 * The audit log accounts for every write: each write request the simulator received was preceded by a `started`
 * entry for that user (SCIM) or model (imports and their uploads), and creates were never sent more often than
 * they were started (401 and 429 answers, which the server did not act on, aside). With `complete`, every
 * `started` entry also has an outcome.
 */
export function checkAuditAccountsForWrites(
  requests: readonly RequestRecord[],
  audit: readonly AuditEntry[],
  state: TenantState,
  options: { complete: boolean },
): string[] {
  const problems: string[] = [];
  const started = audit.filter((entry) => entry.outcome === 'started');
  const startedBefore = (record: RequestRecord, accept: (entry: AuditEntry) => boolean) =>
    started.some((entry) => accept(entry) && Date.parse(entry.time) <= record.startedAt);
  let creates = 0;
  for (const record of requests.filter(isAccessWrite)) {
    const where = `${record.method} ${record.path} (status ${record.status})`;
    const scim = scimUsers.exec(record.path);
    const model = modelWrite.exec(record.path);
    if (scim && scim[1] === undefined && record.method === 'POST') {
      if (record.status !== 401 && record.status !== 429) creates += 1;
      if (!startedBefore(record, (entry) => entry.kind === 'user.create'))
        problems.push(`${where} has no user.create started before it`);
    } else if (scim?.[1] !== undefined) {
      const userName = state.users.get(scim[1])?.userName.toLowerCase();
      if (
        !startedBefore(
          record,
          (entry) => userKinds.has(entry.kind) && entry.userName.toLowerCase() === userName,
        )
      )
        problems.push(`${where} for ${userName} has no started entry before it`);
    } else if (model) {
      if (
        !startedBefore(record, (entry) => entry.kind.startsWith('model.access.') && entry.target === model[1])
      )
        problems.push(`${where} has no model access started before it`);
    } else {
      problems.push(`${where} is a write the engine should not make`);
    }
  }
  const startedCreates = started.filter((entry) => entry.kind === 'user.create').length;
  if (creates > startedCreates) problems.push(`${creates} creates were sent for ${startedCreates} started`);
  if (options.complete) {
    const balance = new Map<string, number>();
    for (const entry of audit)
      balance.set(
        entry.operationId,
        (balance.get(entry.operationId) ?? 0) + (entry.outcome === 'started' ? 1 : -1),
      );
    for (const [operationId, open] of balance)
      if (open > 0) problems.push(`${operationId} was started without an outcome in the audit log`);
  }
  return problems;
}
