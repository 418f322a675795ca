import { describe, expect, it } from 'vitest';
import { planFrom } from '../../plan/plan.js';
import type { AccessTarget, ModelAccessEntry } from '../../target/access-target.js';
import {
  desiredState,
  desiredUser,
  modelAccess,
  observedModel,
  observedState,
  observedUser,
  planning,
} from '../../test-support/states.js';
import { everyPhase, planOfEveryPhase, runOf, scriptedTarget, settle } from '../../test-support/targets.js';
import { runModelAccess } from './model-access-runner.js';

const budget = 'E'.repeat(32);
const users = ['ann@example.com', 'bob@example.com'];

/** Ann and Bob, Planners in Planning and Budget, where Anaplan has Ann as a Viewer in Planning. */
function accessPlan() {
  const everywhere = { models: { Planning: modelAccess('Planner'), Budget: modelAccess('Planner') } };
  return planFrom(
    desiredState(users.map((userName) => desiredUser(userName, everywhere))),
    observedState({
      users: users.map((userName) => observedUser(userName)),
      models: [
        observedModel({
          roles: ['Planner', 'Viewer'],
          users: new Map([['ann@example.com', modelAccess('Viewer')]]),
        }),
        observedModel({ modelId: budget, name: 'Budget' }),
      ],
    }),
  );
}

describe('runModelAccess', () => {
  it("imports each model's rows in one call, with the access before and after, and nothing of the other phases", async () => {
    const imports = new Map<string, ModelAccessEntry[]>();
    const target: AccessTarget = {
      ...scriptedTarget().target,
      importModelAccess: async (modelId, entries) => {
        imports.set(modelId, entries);
        return { failed: new Map(), warnings: new Map() };
      },
    };
    const { run, events, results } = runOf(accessPlan(), { target });
    await runModelAccess(run);
    expect([...imports.keys()].sort()).toEqual([planning, budget].sort());
    expect(imports.get(planning)).toEqual([
      expect.objectContaining({
        userName: 'ann@example.com',
        previous: modelAccess('Viewer'),
        access: modelAccess('Planner'),
      }),
      expect.objectContaining({
        userName: 'bob@example.com',
        previous: null,
        access: modelAccess('Planner'),
      }),
    ]);
    expect(events[0]).toEqual({ type: 'phase', phase: 'model-access', operations: 4 });
    expect([...results().values()].every((result) => result.status === 'succeeded')).toBe(true);
    const every = runOf(planOfEveryPhase(), { target: scriptedTarget().target });
    await runModelAccess(every.run);
    expect([...every.results().values()].map((result) => `${result.kind} ${result.userName}`).sort()).toEqual(
      [
        `model.access.revoke ${everyPhase.leaver}`,
        `model.access.set ${everyPhase.added}`,
        // The new user's set depends on a create that has not run: skipped, not sent.
        `model.access.set ${everyPhase.created}`,
      ],
    );
  });

  it('maps failed rows and warnings from the import back to their operations', async () => {
    const target: AccessTarget = {
      ...scriptedTarget().target,
      importModelAccess: async (modelId) =>
        modelId === planning
          ? {
              failed: new Map([['ann@example.com', ['role not found', 'row 2']]]),
              warnings: new Map([['bob@example.com', ['name ignored']]]),
            }
          : { failed: new Map(), warnings: new Map() },
    };
    const { run, results } = runOf(accessPlan(), { target });
    await runModelAccess(run);
    expect(results().get(`model.access.set:ann@example.com:${planning}`)).toMatchObject({
      status: 'failed',
      error: 'role not found; row 2',
    });
    expect(results().get(`model.access.set:bob@example.com:${planning}`)).toMatchObject({
      status: 'succeeded',
      warnings: ['name ignored'],
    });
    expect(results().get(`model.access.set:ann@example.com:${budget}`)?.status).toBe('succeeded');
  });

  it("runs the models' imports at the same time, whatever the concurrency, and an import that throws fails its model", async () => {
    const scripted = scriptedTarget();
    scripted.hold();
    const target: AccessTarget = {
      ...scripted.target,
      importModelAccess: async (modelId, entries, options) => {
        const outcome = await scripted.target.importModelAccess(modelId, entries, options);
        if (modelId === budget) throw new Error('task failed');
        return outcome;
      },
    };
    const { run, results } = runOf(accessPlan(), { target, concurrency: 1 });
    const running = runModelAccess(run);
    await settle();
    expect(scripted.inFlight).toBe(2);
    scripted.release();
    await running;
    const statuses = [...results().values()].map((result) => `${result.operationId} ${result.status}`);
    expect(statuses.sort()).toEqual(
      [
        `model.access.set:ann@example.com:${budget} failed`,
        `model.access.set:ann@example.com:${planning} succeeded`,
        `model.access.set:bob@example.com:${budget} failed`,
        `model.access.set:bob@example.com:${planning} succeeded`,
      ].sort(),
    );
  });
});
