// Tests: ../workspaces.test.ts, ../known-workspaces.test.ts

import { isAnaplanAccessError, isApiError } from '@anaplan-access/core';
import { workspaceEntitlements, workspaceIdsOf } from '../entitlements.js';
import { filter } from '../filter.js';
import { type PatchOperation, patch, valuePath } from '../patch.js';
import { ScimErrorSchema } from '../schemas/error.js';
import { type ScimUser, ScimUserSchema } from '../schemas/user.js';
import { isScimError } from '../scim-error.js';
import type { WorkspaceChangeResult, WorkspaceFailure } from '../workspace-change.js';
import { anaplanMaxWorkspacesPerCall } from './anaplan-limits.js';

/** What the workspace operations need from the users resource. */
export interface WorkspaceChangeContext {
  get(id: string, signal: AbortSignal | undefined): Promise<ScimUser>;
  /** Sends one PATCH; resolves with the status and the raw body (not yet parsed). */
  sendPatch(
    id: string,
    operations: PatchOperation[],
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: unknown }>;
  /**
   * Set once the server refused a value-filtered entitlement path (`entitlements[value eq "…"]`, which Anaplan does
   * not document): from then on this client revokes through the documented `entitlements[type eq "WORKSPACE"]`.
   */
  paths: { valueFiltersRefused: boolean };
}

/** The grants and revokes to make, given the workspaces the user holds. */
export type WorkspacePlan = (held: readonly string[]) => { grant: string[]; revoke: string[] };

interface Chunk {
  operation: 'grant' | 'revoke';
  workspaceIds: string[];
}

/** A workspace id as the server compares it: trimmed, ignoring case. */
const workspaceKey = (id: string): string => id.trim().toLowerCase();

function chunk(operation: 'grant' | 'revoke', ids: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < ids.length; start += anaplanMaxWorkspacesPerCall) {
    chunks.push({ operation, workspaceIds: ids.slice(start, start + anaplanMaxWorkspacesPerCall) });
  }
  return chunks;
}

const workspaceSet = valuePath('entitlements', filter.eq('type', 'WORKSPACE'));

/**
 * The PATCH operations of one chunk. A revoke is one remove per workspace, each with the simplest value filter;
 * where the server refuses value filters, it replaces the workspace set (`current`, read just before, less the
 * revoked ones) through the only documented path, `entitlements[type eq "WORKSPACE"]`.
 */
function operationsFor(item: Chunk, current: readonly string[], documentedOnly: boolean): PatchOperation[] {
  if (item.operation === 'grant')
    return [patch.add('entitlements', workspaceEntitlements(item.workspaceIds))];
  if (!documentedOnly)
    return item.workspaceIds.map((id) => patch.remove(valuePath('entitlements', filter.eq('value', id))));
  const revoking = new Set(item.workspaceIds.map(workspaceKey));
  const rest = current.filter((id) => !revoking.has(workspaceKey(id)));
  return [
    rest.length === 0 ? patch.remove(workspaceSet) : patch.replace(workspaceSet, workspaceEntitlements(rest)),
  ];
}

/** A 400 that says the path (its value filter) is not supported, as opposed to a refused change. */
function refusesValueFilter(error: unknown): boolean {
  if (!isScimError(error) || error.status !== 400) return false;
  return error.scimType === 'invalidPath' || error.scimType === 'invalidFilter';
}

/** The status and the words a failed request's workspaces are reported with: the server's `detail` when it sent one. */
function workspaceFailureOf(error: unknown): { status: number | undefined; detail: string } {
  if (isScimError(error)) return { status: error.status, detail: error.detail ?? error.message };
  if (isApiError(error)) return { status: error.status, detail: error.message };
  return { status: undefined, detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Grants and revokes workspaces in chunks of 50 (Anaplan's per-call limit), then confirms every workspace on the
 * user as the server returns it. Nothing is dropped silently: each requested id ends up granted, revoked,
 * unchanged or failed. After a failed request the remaining chunks are not sent.
 *
 * The user is read first to learn the workspaces held, unless `known` gives them: then the PATCH answers alone
 * confirm the change, and the user is read only when no PATCH answered with it.
 */
export async function changeWorkspaces(
  context: WorkspaceChangeContext,
  userId: string,
  plan: WorkspacePlan,
  requested: readonly string[],
  signal: AbortSignal | undefined,
  known?: readonly string[],
): Promise<WorkspaceChangeResult> {
  let user = known === undefined ? await context.get(userId, signal) : undefined;
  const held = user === undefined ? [...(known ?? [])] : workspaceIdsOf(user);
  const { grant, revoke } = plan(held);
  const touched = new Set([...grant, ...revoke].map(workspaceKey));
  const unchanged = [...new Set(requested)].filter((id) => !touched.has(workspaceKey(id)));
  const chunks = [...chunk('grant', grant), ...chunk('revoke', revoke)];
  const granted: string[] = [];
  const revoked: string[] = [];
  const failed: WorkspaceFailure[] = [];
  let lastStatus: number | undefined;

  const send = async (item: Chunk) => {
    const documentedOnly = context.paths.valueFiltersRefused && item.operation === 'revoke';
    // A replacement of the whole set removes whatever it does not list: it is written from a fresh read, never
    // from the caller's `known` list or an earlier answer, which would drop a workspace granted since.
    const current = documentedOnly ? workspaceIdsOf(await context.get(userId, signal)) : [];
    return context.sendPatch(userId, operationsFor(item, current, documentedOnly), signal);
  };
  for (const [index, item] of chunks.entries()) {
    let response: { status: number; body: unknown };
    try {
      try {
        response = await send(item);
      } catch (error) {
        if (item.operation !== 'revoke' || context.paths.valueFiltersRefused || !refusesValueFilter(error))
          throw error;
        context.paths.valueFiltersRefused = true;
        response = await send(item);
      }
    } catch (error) {
      if (isAnaplanAccessError(error, 'abort')) throw error;
      const { status, detail } = workspaceFailureOf(error);
      for (const rest of chunks.slice(index)) {
        for (const workspaceId of rest.workspaceIds) {
          failed.push({
            workspaceId,
            operation: rest.operation,
            status: rest === item ? status : undefined,
            detail:
              rest === item ? detail : `not sent: an earlier request failed (${status ?? 'no response'})`,
          });
        }
      }
      break;
    }
    lastStatus = response.status;
    const parsed = ScimUserSchema.safeParse(response.body);
    const errorBody = ScimErrorSchema.safeParse(response.body);
    let state = parsed.success ? parsed.data : undefined;
    const shows = (candidate: ScimUser): boolean => {
      const now = new Set(workspaceIdsOf(candidate).map(workspaceKey));
      return item.workspaceIds.every((id) => now.has(workspaceKey(id)) === (item.operation === 'grant'));
    };
    // A 207, a body that is not the user, or a user without the change: read the user to know what happened.
    if (response.status === 207 || state === undefined || !shows(state))
      state = await context.get(userId, signal);
    user = state;
    const now = new Set(workspaceIdsOf(state).map(workspaceKey));
    for (const workspaceId of item.workspaceIds) {
      const applied = now.has(workspaceKey(workspaceId)) === (item.operation === 'grant');
      if (applied) (item.operation === 'grant' ? granted : revoked).push(workspaceId);
      else {
        const serverDetail = !parsed.success && errorBody.success ? errorBody.data.detail : undefined;
        failed.push({
          workspaceId,
          operation: item.operation,
          status: response.status,
          detail:
            serverDetail ??
            `the server answered ${response.status} but the user ${item.operation === 'grant' ? 'does not have' : 'still has'} the workspace`,
        });
      }
    }
  }
  // Nothing was sent, or nothing answered: the result still carries the user as the server has it.
  user ??= await context.get(userId, signal);
  // Anaplan's PATCH `add` on entitlements may replace the list instead of appending (its documentation can be
  // read both ways): a workspace the user held and was not asked to lose must still be there.
  const remaining = new Set(workspaceIdsOf(user).map(workspaceKey));
  const revoking = new Set(revoke.map(workspaceKey));
  for (const workspaceId of held) {
    if (revoking.has(workspaceKey(workspaceId)) || remaining.has(workspaceKey(workspaceId))) continue;
    failed.push({
      workspaceId,
      operation: 'keep',
      status: lastStatus,
      detail:
        'the user lost this workspace although it was not revoked (did the server replace the list on add?)',
    });
  }
  return { granted, revoked, unchanged, failed, user };
}
