import { isAnaplanAccessError, isApiError, isConflictError } from '@anaplan-access/core';
import pLimit from 'p-limit';
import { fingerprintObserved } from '../plan/internal/fingerprints.js';
import { checkBeforeApply, recheckWindow } from '../plan/internal/plan-check.js';
import {
  destructiveKinds,
  type ModelAccessOperation,
  type Operation,
  type WorkspaceOperation,
} from '../plan/operations.js';
import { refusePlan } from '../plan/plan-refused-error.js';
import type { Plan } from '../plan/plan-types.js';
import type { AccessTarget, ModelAccessEntry, WorkspaceWriteResult } from '../target/access-target.js';
import { ApplyFailedError } from './apply-failed-error.js';
import type { ApplyEvent, ApplyPhase, ApplyResult, OperationResult } from './apply-result.js';
import type { AuditSink } from './audit-entry.js';
import type { ApplyLock } from './locks/apply-lock.js';
import { type LockWatch, withApplyLock } from './locks/internal/hold-apply-lock.js';

/** Options of {@link apply}. */
export interface ApplyOptions {
  /** The tenant to change (see `anaplanTarget`). */
  target: AccessTarget;
  /** Stops cleanly between operations: what has not started is reported as `aborted`. */
  signal?: AbortSignal | undefined;
  /** Progress events (one per phase and one per finished operation). */
  onEvent?: ((event: ApplyEvent) => void) | undefined;
  /** Where to write the audit trail. @default none */
  audit?: AuditSink | undefined;
  /** Who is making the change, for the audit log. @default the plan's integration account, or `anaplan-access` */
  actor?: string | undefined;
  /** SCIM operations in flight at once (the clients' own limits still apply). @default 8 */
  concurrency?: number | undefined;
  /** Re-observe first and refuse a plan whose observed fingerprint is stale. @default true */
  verifyFingerprint?: boolean | undefined;
  /**
   * Keeps two applies from interleaving: taken before the re-observation, released after the last write on every
   * exit path. A second apply waits up to the lock's `waitMs`, then is refused (`PlanRefusedError`, reason
   * `locked`). Use {@link fileLock} or {@link postgresAdvisoryLock} when applies may run in several processes.
   * @default inProcessLock() (applies through the same target object in this process, refused at once)
   */
  lock?: ApplyLock | undefined;
}

/**
 * Applies a plan in dependency order: create → update → grant workspaces → model access (one import per model,
 * models in parallel) → deactivate → revoke workspaces. A failed operation skips only what depends on it; every operation gets
 * a result; nothing is retried blindly (a create whose answer was lost is settled by reading the user back).
 *
 * @example
 * ```ts
 * const result = await apply(p, { target, audit: jsonLinesAuditLog('audit.jsonl'), onEvent: console.log });
 * if (result.outcome !== 'succeeded') process.exitCode = 1;
 * ```
 * @throws {PlanRefusedError} when the plan is blocked (`reason` is the first blocked reason's code: `source-error`,
 * `empty-source`, `source-shrank`, `guard` — also when the window's removals, counted again from `audit`, now pass
 * the limit — or `target-error`), was edited after it was made (`tampered`), Anaplan changed since it was made
 * (`stale`), or another apply holds the lock (`locked`); nothing was changed.
 * @throws {ApplyFailedError} when the run could not go on safely: the audit sink failed (the operation whose
 * `started` entry failed is not sent), `onEvent` threw, or the lock was lost. Nothing new starts after the failure,
 * the writes in flight are awaited, and the error's `result` (`outcome: 'failed'`) lists what was done. An aborted
 * `signal` is not a failure: apply resolves with `outcome: 'aborted'`, also only once nothing is in flight. Any other
 * error (the re-observation failing, for example) is thrown before anything was written.
 */
export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { target, signal } = options;
  // The guard and the blocked state are weighed again from the plan's operations and policy, never taken on trust.
  checkBeforeApply(plan);
  // Held from the re-observation to the last write, so that no other apply changes Anaplan in between.
  return withApplyLock(options.lock, { target, signal }, async (lockWatch) => {
    await recheckWindow(plan, options.audit, signal);
    if (options.verifyFingerprint !== false) {
      const fresh = await target.observe({ signal });
      if (fingerprintObserved(fresh) !== plan.fingerprints.observed)
        throw refusePlan(
          'stale',
          'Anaplan changed since the plan was made (observed fingerprint differs); nothing was changed.',
        );
    }
    return runPlan(plan, options, lockWatch);
  });
}

/**
 * Runs the operations of an accepted plan under a held lock. Resolves to the result, or rejects with an
 * {@link ApplyFailedError} carrying it when the run could not go on; either way only once nothing is in flight.
 */
async function runPlan(plan: Plan, options: ApplyOptions, lockWatch: LockWatch): Promise<ApplyResult> {
  const run = new ApplyRun(plan, options);
  lockWatch.onLost((error) => run.halt(`the apply lock was lost: ${describeError(error)}`, error));
  await run.execute();
  const result = run.result();
  if (run.failure)
    throw new ApplyFailedError(
      `The apply stopped: ${run.failure.message}. Nothing was started after that and the writes in flight ended; ` +
        `${result.counts.succeeded} operations succeeded, ${result.counts.failed} failed, ${result.counts.aborted} ` +
        'were not sent (see result). Fix the cause and make a new plan: it contains only what is left.',
      result,
      { cause: run.failure.cause },
    );
  return result;
}

type Phase = { phase: ApplyPhase; kinds: Operation['kind'][] };
const phases: Phase[] = [
  { phase: 'create', kinds: ['user.create'] },
  { phase: 'update', kinds: ['user.update', 'user.reactivate'] },
  { phase: 'grant', kinds: ['workspace.grant'] },
  { phase: 'model-access', kinds: ['model.access.set', 'model.access.revoke'] },
  // Deactivation before the workspace revocations: a leaver keeps a managed workspace (and so stays in scope of
  // the next run) until they are deactivated.
  { phase: 'deactivate', kinds: ['user.deactivate'] },
  { phase: 'revoke', kinds: ['workspace.revoke'] },
];

class ApplyRun {
  readonly #plan: Plan;
  readonly #options: ApplyOptions;
  readonly #results = new Map<string, OperationResult>();
  readonly #userIds = new Map<string, string>();
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #startedAt = new Date().toISOString();
  /** Operations whose `started` audit entry was written. */
  readonly #auditedStart = new Set<string>();
  /** Why the run stopped, when it could not go on (the first cause wins). */
  #failure: { message: string; cause: unknown } | undefined;
  /** Set when a create met an account no read can find (409, nobody read back): no access is removed after it. */
  #unseenAccount: string | undefined;
  #done = 0;

  constructor(plan: Plan, options: ApplyOptions) {
    this.#plan = plan;
    this.#options = options;
    this.#limit = pLimit(options.concurrency ?? 8);
    for (const operation of plan.operations)
      if (operation.userId) this.#userIds.set(operation.userName.toLowerCase(), operation.userId);
  }

  /**
   * Runs every phase. Never rejects: whatever goes wrong outside an operation's own call (the audit sink, the
   * `onEvent` callback, an unexpected error) stops the run through {@link halt}, and every unit of work already in
   * flight is awaited before this resolves.
   */
  async execute(): Promise<void> {
    for (const { phase, kinds } of phases) {
      const operations = this.#plan.operations.filter((operation) => kinds.includes(operation.kind));
      if (operations.length === 0) continue;
      this.#emit({ type: 'phase', phase, operations: operations.length });
      if (phase === 'model-access') await this.#modelAccess(operations as ModelAccessOperation[]);
      else if (phase === 'grant' || phase === 'revoke')
        await this.#workspaces(operations as WorkspaceOperation[], phase);
      else
        await Promise.all(
          operations.map((operation) => this.#limit(() => this.#guarded(() => this.#single(operation)))),
        );
    }
    for (const operation of this.#plan.operations)
      if (operation.kind === 'manual')
        await this.#guarded(() => this.#finish(operation, { status: 'manual', error: operation.action }));
  }

  /** Stops the run: nothing new starts; what is in flight ends and is reported. The first cause is kept. */
  halt(message: string, cause: unknown): void {
    this.#failure ??= { message, cause };
  }

  /** Why the run stopped, when it could not go on. */
  get failure(): { message: string; cause: unknown } | undefined {
    return this.#failure;
  }

  /** Runs one unit of work; an error that escapes it stops the run instead of leaving the others running unseen. */
  async #guarded(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.halt(`an unexpected error stopped the apply: ${describeError(error)}`, error);
    }
  }

  result(): ApplyResult {
    const results = this.#plan.operations.map(
      (operation) => this.#results.get(operation.id) as OperationResult,
    );
    const counts: ApplyResult['counts'] = { succeeded: 0, failed: 0, skipped: 0, aborted: 0, manual: 0 };
    for (const result of results) counts[result.status] += 1;
    const outcome = this.#failure
      ? 'failed'
      : counts.aborted > 0
        ? 'aborted'
        : counts.failed + counts.skipped > 0
          ? 'partial'
          : 'succeeded';
    return { outcome, results, counts, startedAt: this.#startedAt, finishedAt: new Date().toISOString() };
  }

  /** Why nothing may start now (the run failed, or the signal fired), or undefined when it may. */
  #stopped(): Pick<OperationResult, 'status' | 'error'> | undefined {
    if (this.#failure) return { status: 'aborted', error: `not sent: ${this.#failure.message}` };
    if (this.#options.signal?.aborted) return { status: 'aborted', error: 'stopped before it started' };
    return undefined;
  }

  /** Why an operation cannot start now (a stop or a failed dependency), or undefined when it can. */
  #blocked(operation: Operation): Pick<OperationResult, 'status' | 'error'> | undefined {
    const stopped = this.#stopped();
    if (stopped) return stopped;
    const failed = operation.dependsOn.find((id) => this.#results.get(id)?.status !== 'succeeded');
    if (failed) return { status: 'skipped', error: `depends on ${failed}, which did not succeed` };
    if (this.#unseenAccount !== undefined && destructiveKinds.includes(operation.kind))
      return { status: 'skipped', error: `held back: ${this.#unseenAccount}` };
    if (operation.kind !== 'user.create' && !this.#userId(operation) && operation.kind !== 'model.access.set')
      return { status: 'skipped', error: 'the user id is unknown' };
    return undefined;
  }

  #userId(operation: Operation): string | undefined {
    return this.#userIds.get(operation.userName.toLowerCase());
  }

  async #single(operation: Operation): Promise<void> {
    const blocked = this.#blocked(operation);
    if (blocked) return this.#finish(operation, blocked);
    await this.#audit(operation, 'started');
    // Checked again after the audit write: it may have failed, or another operation stopped the run meanwhile.
    const stopped = this.#stopped();
    if (stopped) return this.#finish(operation, stopped);
    const { target, signal } = this.#options;
    const userId = this.#userId(operation) as string;
    try {
      switch (operation.kind) {
        case 'user.create':
          return await this.#create(operation);
        case 'user.update':
          await target.updateUser(userId, operation.after, { signal });
          break;
        case 'user.reactivate':
        case 'user.deactivate':
          await target.setActive(userId, operation.after.active, { signal });
          break;
        default:
          throw new Error(`unexpected operation ${operation.kind} in a single-operation phase`);
      }
      await this.#finish(operation, { status: 'succeeded' });
    } catch (error) {
      await this.#finish(operation, { status: 'failed', error: describeError(error) });
    }
  }

  async #create(operation: Extract<Operation, { kind: 'user.create' }>): Promise<void> {
    const { target, signal } = this.#options;
    const key = operation.userName.toLowerCase();
    try {
      const created = await target.createUser(
        { userName: operation.userName, ...operation.after },
        { signal },
      );
      this.#userIds.set(key, created.id);
      return this.#finishWorkspaces(operation, created.failedWorkspaces);
    } catch (error) {
      // The POST is not replayed: an unclear failure (timeout, connection, 5xx) or a conflict is settled by
      // reading the user back, then granting whatever workspaces they still lack.
      const clientError =
        isApiError(error) && !isConflictError(error) && (error as { status: number }).status < 500;
      if (clientError) return this.#finish(operation, { status: 'failed', error: describeError(error) });
      const found = await target.findUser(operation.userName, { signal }).catch(() => undefined);
      if (!found && isConflictError(error)) {
        // Anaplan has an account this plan did not see under that name; it may be one the plan would deprovision.
        this.#unseenAccount ??= `the create of ${operation.userName} was answered 409 Conflict, but nobody with that userName could be read back, so Anaplan has an account this plan did not see; no access is removed in this run`;
        return this.#finish(operation, {
          status: 'failed',
          error: `Anaplan answered 409 Conflict (a user with this userName exists), but no user ${operation.userName} can be read back: the existing account is spelled differently (another Unicode form, look-alike characters) or is not visible to the integration account. Nothing was created, and no access is removed in this run, since that account may be one the plan would deprovision; find it before applying again. (${describeError(error)})`,
        });
      }
      if (!found) return this.#finish(operation, { status: 'failed', error: describeError(error) });
      this.#userIds.set(key, found.id);
      const missing = operation.after.workspaces.filter((id) => !found.workspaces.includes(id));
      let granted: WorkspaceWriteResult = { failed: [] };
      try {
        if (missing.length > 0) granted = await target.grantWorkspaces(found.id, missing, { signal });
      } catch (grantError) {
        return this.#finish(operation, {
          status: 'failed',
          error: `user found after: ${describeError(error)}, but granting ${missing.join(', ')} failed: ${describeError(grantError)}`,
        });
      }
      return this.#finishWorkspaces(
        operation,
        granted.failed,
        `settled by reading the user back after: ${describeError(error)}`,
      );
    }
  }

  #finishWorkspaces(
    operation: Operation,
    failed: WorkspaceWriteResult['failed'],
    warning?: string,
  ): Promise<void> {
    if (failed.length > 0)
      return this.#finish(operation, {
        status: 'failed',
        error: `user saved, but workspaces failed: ${failed.map((item) => `${item.workspaceId} (${item.detail})`).join(', ')}`,
      });
    return this.#finish(operation, { status: 'succeeded', warnings: warning ? [warning] : undefined });
  }

  /** One SCIM call per user for all of that user's grants (or revocations) in this phase. */
  async #workspaces(operations: WorkspaceOperation[], phase: 'grant' | 'revoke'): Promise<void> {
    const byUser = groupBy(operations, (operation) => operation.userName.toLowerCase());
    await Promise.all(
      [...byUser.values()].map((group) =>
        this.#limit(() =>
          this.#guarded(async () => {
            const ready: WorkspaceOperation[] = [];
            for (const operation of group) {
              const blocked = this.#blocked(operation);
              if (blocked) await this.#finish(operation, blocked);
              else ready.push(operation);
            }
            if (ready.length === 0) return;
            const first = ready[0] as WorkspaceOperation;
            if (!(await this.#auditStarts(ready))) return;
            const ids = ready.map((operation) => operation.workspaceId);
            const { target, signal } = this.#options;
            try {
              const userId = this.#userId(first) as string;
              const outcome =
                phase === 'grant'
                  ? await target.grantWorkspaces(userId, ids, { signal })
                  : await target.revokeWorkspaces(userId, ids, { signal });
              const failures = new Map(outcome.failed.map((item) => [item.workspaceId, item.detail]));
              for (const operation of ready) {
                const detail = failures.get(operation.workspaceId);
                await this.#finish(
                  operation,
                  detail === undefined ? { status: 'succeeded' } : { status: 'failed', error: detail },
                );
              }
            } catch (error) {
              for (const operation of ready)
                await this.#finish(operation, { status: 'failed', error: describeError(error) });
            }
          }),
        ),
      ),
    );
  }

  /** One import per model, models in parallel; row failures from the dump are mapped back to their operations. */
  async #modelAccess(operations: ModelAccessOperation[]): Promise<void> {
    const byModel = groupBy(operations, (operation) => operation.modelId);
    await Promise.all(
      [...byModel].map(([modelId, group]) =>
        this.#guarded(async () => {
          const ready: ModelAccessOperation[] = [];
          for (const operation of group) {
            const blocked = this.#blocked(operation);
            if (blocked) await this.#finish(operation, blocked);
            else ready.push(operation);
          }
          if (ready.length === 0) return;
          if (!(await this.#auditStarts(ready))) return;
          const entries: ModelAccessEntry[] = ready.map((operation) => ({
            userName: operation.userName,
            givenName: operation.givenName,
            familyName: operation.familyName,
            access: operation.after,
            previous: operation.before,
          }));
          try {
            const outcome = await this.#options.target.importModelAccess(modelId, entries, {
              signal: this.#options.signal,
            });
            for (const operation of ready) {
              const key = operation.userName.toLowerCase();
              const messages = outcome.failed.get(key);
              const warnings = outcome.warnings.get(key);
              await this.#finish(
                operation,
                messages
                  ? { status: 'failed', error: messages.join('; ') }
                  : { status: 'succeeded', warnings },
              );
            }
          } catch (error) {
            for (const operation of ready)
              await this.#finish(operation, { status: 'failed', error: describeError(error) });
          }
        }),
      ),
    );
  }

  /**
   * Writes the `started` entry of each operation of one call (a user's workspaces, a model's import). When the run
   * stopped meanwhile (an audit write failed, the signal fired), none of them is sent: each is finished as
   * `aborted` and false is returned.
   */
  async #auditStarts(operations: Operation[]): Promise<boolean> {
    for (const operation of operations) {
      if (this.#stopped()) break;
      await this.#audit(operation, 'started');
    }
    const stopped = this.#stopped();
    if (!stopped) return true;
    for (const operation of operations) await this.#finish(operation, stopped);
    return false;
  }

  async #finish(
    operation: Operation,
    outcome: Omit<OperationResult, 'operationId' | 'kind' | 'userName'>,
  ): Promise<void> {
    const result: OperationResult = {
      operationId: operation.id,
      kind: operation.kind,
      userName: operation.userName,
      ...outcome,
    };
    this.#results.set(operation.id, result);
    this.#done += 1;
    // An operation never started has no audit entry, unless its `started` entry was written before the run stopped:
    // then its outcome closes it.
    if (outcome.status !== 'aborted' || this.#auditedStart.has(operation.id))
      await this.#audit(operation, outcome.status, outcome.error);
    this.#emit({ type: 'operation', result, done: this.#done, total: this.#plan.operations.length });
  }

  /** Calls `onEvent`; a callback that throws stops the run (its caller can no longer follow it). */
  #emit(event: ApplyEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch (error) {
      this.halt(`the onEvent callback threw: ${describeError(error)}`, error);
    }
  }

  /** Writes one audit entry. A sink that rejects or throws stops the run; the write is then reported as not done. */
  async #audit(
    operation: Operation,
    outcome: 'started' | OperationResult['status'],
    error?: string,
  ): Promise<void> {
    if (!this.#options.audit || (outcome === 'skipped' && !error)) return;
    try {
      await this.#write(operation, outcome, error);
      if (outcome === 'started') this.#auditedStart.add(operation.id);
    } catch (sinkError) {
      this.halt(`the audit log could not be written: ${describeError(sinkError)}`, sinkError);
    }
  }

  async #write(
    operation: Operation,
    outcome: 'started' | OperationResult['status'],
    error: string | undefined,
  ): Promise<void> {
    await (this.#options.audit as AuditSink).write({
      time: new Date().toISOString(),
      actor: this.#options.actor ?? this.#plan.scope.integrationUser ?? 'anaplan-access',
      planFingerprint: this.#plan.fingerprints.observed,
      operationId: operation.id,
      kind: operation.kind,
      userName: operation.userName,
      target:
        'workspaceId' in operation
          ? 'modelId' in operation
            ? operation.modelId
            : operation.workspaceId
          : undefined,
      before: operation.before,
      after: operation.after,
      outcome,
      error,
    });
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A credential-free, one-line description of an error (SDK errors are redacted when built). */
export function describeError(error: unknown): string {
  if (isAnaplanAccessError(error)) return `${error.name}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
