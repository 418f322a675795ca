import type { ApplyEvent, OperationResult } from '../apply/apply-result.js';
import type { AuditEntry, AuditSink } from '../apply/audit-entry.js';
import { ApplyRun, type RunOptions } from '../apply/internal/apply-run.js';
import { planFrom } from '../plan/plan.js';
import type { Plan } from '../plan/plan-types.js';
import type { AccessTarget } from '../target/access-target.js';
import type { ObservedState } from '../target/observed-state.js';
import {
  desiredState,
  desiredUser,
  finance,
  modelAccess,
  observedModel,
  observedState,
  observedUser,
  sales,
} from './states.js';

// Targets, audit sinks and runs for the unit tests of apply and its phase runners: writes are recorded and can be
// held open, so a test sees exactly what starts, what is in flight and when a run settles.

/**
 * A target that records each write (`update <id>`, `grant <id>`, `import <modelId>` …), and holds the writes open
 * while `hold()` is in force. It observes `observed` (by default a state without users).
 *
 * @example
 * const scripted = scriptedTarget();
 * scripted.hold();
 * // … start an apply, then `await settle()` and look at scripted.calls and scripted.inFlight
 * scripted.release();
 */
export function scriptedTarget(observed: ObservedState = observedState()) {
  const calls: string[] = [];
  let holding = false;
  const held = new Map<string, () => void>();
  const write = async (call: string) => {
    calls.push(call);
    if (holding) await new Promise<void>((resolve) => held.set(call, resolve));
  };
  const target: AccessTarget = {
    observe: async () => observed,
    findUser: async () => undefined,
    createUser: async (user) => {
      await write(`create ${user.userName}`);
      return { id: `new-${user.userName}`, failedWorkspaces: [] };
    },
    updateUser: (id) => write(`update ${id}`),
    setActive: (id, active) => write(`${active ? 'activate' : 'deactivate'} ${id}`),
    grantWorkspaces: async (id) => {
      await write(`grant ${id}`);
      return { failed: [] };
    },
    revokeWorkspaces: async (id) => {
      await write(`revoke ${id}`);
      return { failed: [] };
    },
    importModelAccess: async (modelId) => {
      await write(`import ${modelId}`);
      return { failed: new Map(), warnings: new Map() };
    },
  };
  return {
    target,
    calls,
    /** Writes sent and held open. */
    get inFlight() {
      return held.size;
    },
    hold() {
      holding = true;
    },
    /** Lets the held write `call` end, or every held write (and those to come). */
    release(call?: string) {
      if (call === undefined) holding = false;
      for (const [key, resolve] of held)
        if (call === undefined || key === call) {
          held.delete(key);
          resolve();
        }
    },
  };
}

/** An audit sink that keeps its entries and fails the first write `fails` picks. */
export function sink(fails: (entry: AuditEntry, index: number) => boolean = () => false) {
  const entries: AuditEntry[] = [];
  let failed = false;
  const audit: AuditSink = {
    write(entry) {
      if (!failed && fails(entry, entries.length)) {
        failed = true;
        return Promise.reject(new Error('audit store unavailable'));
      }
      entries.push(entry);
      return Promise.resolve();
    },
  };
  return { audit, entries };
}

/** Lets every pending callback and timer-free continuation run. */
export const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * A run of `plan` against `target`, for a phase runner's test: `results()` are the results the run has reported so
 * far (from its progress events), by operation id; `events` every event.
 *
 * @example
 * const { run, results } = runOf(plan, { target: scriptedTarget().target });
 * await runCreates(run);
 * expect(results().get('user.create:new@example.com')?.status).toBe('succeeded');
 */
export function runOf(plan: Plan, options: RunOptions) {
  const events: ApplyEvent[] = [];
  const run = new ApplyRun(plan, {
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  const results = () => {
    const byId = new Map<string, OperationResult>();
    for (const event of events)
      if (event.type === 'operation') byId.set(event.result.operationId, event.result);
    return byId;
  };
  return { run, events, results };
}

/** The users of {@link planOfEveryPhase}, by what the plan does to them. */
export const everyPhase = {
  /** Created in Finance and Sales, then given Planner in Planning. */
  created: 'new@example.com',
  /** Renamed (family name "Old" → "Family"). */
  renamed: 'ann@example.com',
  /** Reactivated. */
  reactivated: 'bob@example.com',
  /** Granted Sales. */
  granted: 'cy@example.com',
  /** Given Planner in Planning. */
  added: 'dee@example.com',
  /** Gone from the source: Planning revoked, deactivated, taken out of Finance and Sales. */
  leaver: 'eve@example.com',
} as const;

/**
 * A plan with operations of every phase (see {@link everyPhase}), against Finance and Sales and the Planning model.
 * Each user's id is their userName, so a write is recorded as, for example, `update ann@example.com`.
 */
export function planOfEveryPhase(): Plan {
  const { created, renamed, reactivated, granted, added, leaver } = everyPhase;
  const planning = { Planning: modelAccess('Planner') };
  return planFrom(
    desiredState([
      desiredUser(created, { workspaces: [finance, sales], models: planning }),
      desiredUser(renamed),
      desiredUser(reactivated),
      desiredUser(granted, { workspaces: [finance, sales] }),
      desiredUser(added, { models: planning }),
    ]),
    observedState({
      workspaces: [
        { id: finance, name: 'Finance', administrators: [] },
        { id: sales, name: 'Sales', administrators: [] },
      ],
      users: [
        observedUser(renamed, { familyName: 'Old' }),
        observedUser(reactivated, { active: false }),
        observedUser(granted),
        observedUser(added),
        observedUser(leaver, { workspaces: [finance, sales] }),
      ],
      models: [observedModel({ users: new Map([[leaver, modelAccess('Planner')]]) })],
    }),
    { allowDestructive: true, allowEmptySource: true },
  );
}
