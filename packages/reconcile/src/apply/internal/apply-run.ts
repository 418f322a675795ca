import pLimit from 'p-limit';
import { destructiveKinds, type Operation, type OperationKind } from '../../plan/operations.js';
import type { Plan } from '../../plan/plan-types.js';
import type { AccessTarget } from '../../target/access-target.js';
import type { ApplyEvent, ApplyPhase, ApplyResult, OperationResult } from '../apply-result.js';
import type { AuditSink } from '../audit-entry.js';
import { nameAndMessageOf } from './name-and-message-of.js';

/** What a run needs of `apply`'s options. */
export interface RunOptions {
  target: AccessTarget;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: ApplyEvent) => void) | undefined;
  audit?: AuditSink | undefined;
  actor?: string | undefined;
  /** @default 8 */
  concurrency?: number | undefined;
  /** `scim`: only the SCIM operations are sent (see `ApplyOptions.only`). */
  only?: 'scim' | undefined;
}

/** How one operation ended, as its result says it. */
export type Outcome = Omit<OperationResult, 'operationId' | 'kind' | 'userName'>;

/** The operations that may be of a kind in `Kind` (one type can hold two kinds, such as deactivate and reactivate). */
export type OperationOf<Kind extends OperationKind> = Having<Operation, Kind>;
type Having<Each, Kind> = Each extends { kind: infer Own }
  ? [Extract<Own, Kind>] extends [never]
    ? never
    : Each
  : never;

/**
 * One run of an accepted plan: what every phase runner shares. It keeps each operation's result and the users' ids
 * (a create adds one), decides whether an operation may start, writes the audit trail and progress events, and
 * stops the run when it cannot go on safely. Its methods never reject: whatever goes wrong outside an operation's
 * own call (the audit sink, the `onEvent` callback, an unexpected error) stops the run through {@link ApplyRun.halt}.
 */
export class ApplyRun {
  readonly plan: Plan;
  readonly target: AccessTarget;
  readonly signal: AbortSignal | undefined;
  /** `scim` when only the SCIM operations are sent. */
  readonly only: 'scim' | undefined;
  readonly #options: RunOptions;
  readonly #results = new Map<string, OperationResult>();
  readonly #userIds = new Map<string, string>();
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #startedAt = new Date().toISOString();
  /** Operations whose `started` audit entry was written. */
  readonly #auditedStart = new Set<string>();
  /** Why the run stopped, when it could not go on (the first cause wins). */
  #failure: { message: string; cause: unknown } | undefined;
  /** Why no access is removed any more in this run (see {@link ApplyRun.holdBackRemovals}). */
  #removalsHeldBack: string | undefined;
  #done = 0;

  constructor(plan: Plan, options: RunOptions) {
    this.plan = plan;
    this.target = options.target;
    this.signal = options.signal;
    this.only = options.only;
    this.#options = options;
    this.#limit = pLimit(options.concurrency ?? 8);
    for (const operation of plan.operations)
      if (operation.userId) this.#userIds.set(operation.userName.toLowerCase(), operation.userId);
  }

  /**
   * The plan's operations of `kinds`, which phase `phase` runs. When there are any, the phase's progress event is
   * emitted.
   */
  phaseOperations<Kind extends OperationKind>(
    phase: ApplyPhase,
    kinds: readonly Kind[],
  ): OperationOf<Kind>[] {
    const operations = this.plan.operations.filter((operation): operation is OperationOf<Kind> =>
      (kinds as readonly OperationKind[]).includes(operation.kind),
    );
    if (operations.length > 0) this.emit({ type: 'phase', phase, operations: operations.length });
    return operations;
  }

  /**
   * Sends each operation with its own call, under the concurrency limit. An operation that may not start (see
   * {@link ApplyRun.blocked}) is finished unsent; the others get their `started` audit entry first. `send` returns
   * the outcome, or nothing for success; a `send` that throws fails its operation.
   */
  async eachOperation<Each extends Operation>(
    operations: readonly Each[],
    send: (operation: Each) => Promise<Outcome | undefined>,
  ): Promise<void> {
    await Promise.all(
      operations.map((operation) =>
        this.limited(async () => {
          const blocked = this.blocked(operation);
          if (blocked) return this.finish(operation, blocked);
          await this.#audit(operation, 'started');
          // Checked again after the audit write: it may have failed, or another operation stopped the run meanwhile.
          const stopped = this.stopped();
          if (stopped) return this.finish(operation, stopped);
          let outcome: Outcome;
          try {
            outcome = (await send(operation)) ?? { status: 'succeeded' };
          } catch (error) {
            outcome = { status: 'failed', error: nameAndMessageOf(error) };
          }
          await this.finish(operation, outcome);
        }),
      ),
    );
  }

  /**
   * Sends operations in batches, one call per batch (a user's workspaces, a model's import): the operations of a
   * batch that may not start are finished unsent, the others get their `started` audit entries, then `send` makes
   * the call and returns each operation's outcome (by operation). A `send` that throws fails the whole batch.
   */
  async eachBatch<Each extends Operation>(
    batches: Iterable<readonly Each[]>,
    send: (ready: readonly Each[]) => Promise<Map<Each, Outcome>>,
    options: { limited: boolean },
  ): Promise<void> {
    const work = (batch: readonly Each[]) => async () => {
      const ready: Each[] = [];
      for (const operation of batch) {
        const blocked = this.blocked(operation);
        if (blocked) await this.finish(operation, blocked);
        else ready.push(operation);
      }
      if (ready.length === 0 || !(await this.#auditStarts(ready))) return;
      let outcomes: Map<Each, Outcome> | undefined;
      let failure: Outcome | undefined;
      try {
        outcomes = await send(ready);
      } catch (error) {
        failure = { status: 'failed', error: nameAndMessageOf(error) };
      }
      for (const operation of ready)
        await this.finish(operation, outcomes?.get(operation) ?? failure ?? { status: 'succeeded' });
    };
    await Promise.all(
      [...batches].map((batch) => (options.limited ? this.limited(work(batch)) : this.guarded(work(batch)))),
    );
  }

  /** The SCIM id of the operation's user: from the plan, or from a create in this run. */
  userId(operation: Operation): string | undefined {
    return this.#userIds.get(operation.userName.toLowerCase());
  }

  /** Remembers the id of a user created (or found) in this run, for the operations that follow. */
  knowUser(userName: string, id: string): void {
    this.#userIds.set(userName.toLowerCase(), id);
  }

  /** From now on no operation that removes access starts in this run; each is skipped with `reason`. */
  holdBackRemovals(reason: string): void {
    this.#removalsHeldBack ??= reason;
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
  async guarded(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.halt(`an unexpected error stopped the apply: ${nameAndMessageOf(error)}`, error);
    }
  }

  /** {@link ApplyRun.guarded}, under the run's concurrency limit (SCIM calls). */
  limited(work: () => Promise<void>): Promise<void> {
    return this.#limit(() => this.guarded(work));
  }

  /** The result so far: every operation of the plan with its outcome, and the run's. */
  result(): ApplyResult {
    const results = this.plan.operations.map(
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
  stopped(): Outcome | undefined {
    if (this.#failure) return { status: 'aborted', error: `not sent: ${this.#failure.message}` };
    if (this.signal?.aborted) return { status: 'aborted', error: 'stopped before it started' };
    return undefined;
  }

  /** Why an operation cannot start now (a stop or a failed dependency), or undefined when it can. */
  blocked(operation: Operation): Outcome | undefined {
    const stopped = this.stopped();
    if (stopped) return stopped;
    const failed = operation.dependsOn.find((id) => this.#results.get(id)?.status !== 'succeeded');
    if (failed) return { status: 'skipped', error: `depends on ${failed}, which did not succeed` };
    if (this.#removalsHeldBack !== undefined && destructiveKinds.includes(operation.kind))
      return { status: 'skipped', error: `held back: ${this.#removalsHeldBack}` };
    if (operation.kind !== 'user.create' && !this.userId(operation) && operation.kind !== 'model.access.set')
      return { status: 'skipped', error: 'the user id is unknown' };
    return undefined;
  }

  /** Records an operation's outcome: its audit entry (when it has one), its result and its progress event. */
  async finish(operation: Operation, outcome: Outcome): Promise<void> {
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
    this.emit({ type: 'operation', result, done: this.#done, total: this.plan.operations.length });
  }

  /** Calls `onEvent`; a callback that throws stops the run (its caller can no longer follow it). */
  emit(event: ApplyEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch (error) {
      this.halt(`the onEvent callback threw: ${nameAndMessageOf(error)}`, error);
    }
  }

  /**
   * Writes the `started` entry of each operation of one call (a user's workspaces, a model's import). When the run
   * stopped meanwhile (an audit write failed, the signal fired), none of them is sent: each is finished as
   * `aborted` and false is returned.
   */
  async #auditStarts(operations: readonly Operation[]): Promise<boolean> {
    for (const operation of operations) {
      if (this.stopped()) break;
      await this.#audit(operation, 'started');
    }
    const stopped = this.stopped();
    if (!stopped) return true;
    for (const operation of operations) await this.finish(operation, stopped);
    return false;
  }

  /** Writes one audit entry. A sink that rejects or throws stops the run; the write is then reported as not done. */
  async #audit(
    operation: Operation,
    outcome: 'started' | OperationResult['status'],
    error?: string,
  ): Promise<void> {
    const { audit } = this.#options;
    if (!audit || (outcome === 'skipped' && !error)) return;
    try {
      await audit.write({
        time: new Date().toISOString(),
        actor: this.#options.actor ?? this.plan.scope.integrationUser ?? 'anaplan-access',
        planFingerprint: this.plan.fingerprints.observed,
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
      if (outcome === 'started') this.#auditedStart.add(operation.id);
    } catch (sinkError) {
      this.halt(`the audit log could not be written: ${nameAndMessageOf(sinkError)}`, sinkError);
    }
  }
}
