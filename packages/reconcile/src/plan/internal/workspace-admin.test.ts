import { describe, expect, it } from 'vitest';
import type { DesiredUser } from '../../desired/desired-state.js';
import type {
  ModelAccess,
  ObservedModel,
  ObservedState,
  ObservedWorkspace,
} from '../../target/observed-state.js';
import {
  desiredState,
  desiredUser,
  finance,
  modelAccess,
  observedModel,
  observedState,
  observedUser,
} from '../../test-support/states.js';
import type { ManualOperation } from '../operations.js';
import { planFrom } from '../plan.js';
import type { PlanPolicy } from '../policy.js';

// The Workspace Administrator flag is read-only unless a model's import is declared to set it: a difference becomes
// a manual operation (one per workspace), the import never carries it, and the next plan says the same.

const budget = 'B'.repeat(32);
const forecast = 'C'.repeat(32);
const ann = 'ann@example.com';
const boss = 'boss@example.com';

const access = (role: string, workspaceAdmin: boolean): ModelAccess => modelAccess(role, { workspaceAdmin });

const wanted = (userName: string, models: DesiredUser['models']): DesiredUser =>
  desiredUser(userName, { models, refs: [{ source: 'test', row: 2 }] });

function model(
  modelId: string,
  name: string,
  users: Record<string, ModelAccess>,
  sets = false,
): ObservedModel {
  return observedModel({
    modelId,
    name,
    users: new Map(Object.entries(users)),
    importsWorkspaceAdmin: sets,
    roles: ['Full Access', 'No Access', 'Planner', 'Viewer'],
  });
}

function observed(
  models: ObservedModel[],
  administrators: ObservedWorkspace['administrators'] = [boss],
): ObservedState {
  return observedState({
    workspaces: [{ id: finance, name: 'Finance', administrators }],
    users: [ann, boss].map((userName) => observedUser(userName, { id: userName.slice(0, 3) })),
    models,
  });
}

const plan = (users: DesiredUser[], state: ObservedState, policy: PlanPolicy = {}) =>
  planFrom(desiredState(users), state, policy);
const manual = (operations: readonly { kind: string }[]) =>
  operations.filter((operation): operation is ManualOperation => operation.kind === 'manual');

describe('Workspace Administrator when the import cannot set it (the default)', () => {
  it('plans a manual operation, not an import, when only the flag differs', () => {
    const p = plan(
      [wanted(ann, { Budget: access('Viewer', true) })],
      observed([model(budget, 'Budget', { [ann]: access('Viewer', false) })]),
    );
    expect(p.operations).toEqual([
      {
        kind: 'manual',
        id: `manual:${ann}:workspace-admin:${finance}`,
        userName: ann,
        userId: 'ann',
        dependsOn: [],
        action: `Tick Workspace Administrator for ${ann} in model "Budget" by hand (the model's Users pane; it applies to the whole workspace "Finance"): a USERS import cannot set it`,
        reason: 'the source makes them a Workspace Administrator of "Finance"; Anaplan does not',
        before: { workspaceId: finance, workspaceAdmin: false },
        after: { workspaceId: finance, workspaceAdmin: true },
      },
    ]);
    expect(p.summary).toMatchObject({ create: 0, update: 0, revoke: 0, manual: 1 });
  });

  it('imports the rest of the access with the flag as Anaplan has it', () => {
    const p = plan(
      [wanted(ann, { Budget: access('Planner', true) })],
      observed([model(budget, 'Budget', { [ann]: access('Viewer', false) })]),
    );
    expect(p.operations.map((operation) => operation.kind)).toEqual(['model.access.set', 'manual']);
    expect(p.operations[0]).toMatchObject({ after: { role: 'Planner', workspaceAdmin: false } });
  });

  it('makes one operation per workspace, wanted when any of its models says so, after the user joins the model', () => {
    const p = plan(
      [wanted(ann, { Budget: access('Viewer', false), Forecast: access('Planner', true) })],
      observed([
        model(budget, 'Budget', { [ann]: access('Viewer', false) }),
        model(forecast, 'Forecast', {}),
      ]),
    );
    expect(manual(p.operations)).toEqual([
      expect.objectContaining({
        id: `manual:${ann}:workspace-admin:${finance}`,
        dependsOn: [`model.access.set:${ann}:${forecast}`],
        after: { workspaceId: finance, workspaceAdmin: true },
      }),
    ]);
    expect(manual(p.operations)[0]?.action).toContain('model "Budget"');
  });

  it('clears the flag by hand only when the policy manages administrators (they are protected otherwise)', () => {
    const state = observed([model(budget, 'Budget', { [boss]: access('Full Access', true) })]);
    const desired = [wanted(ann, {}), wanted(boss, { Budget: access('Full Access', false) })];
    expect(plan(desired, state).operations).toEqual([]);
    const managed = plan(desired, state, { manageWorkspaceAdministrators: true });
    expect(manual(managed.operations).map((operation) => [operation.action, operation.after])).toEqual([
      [
        expect.stringMatching(/^Clear Workspace Administrator for boss@example\.com/),
        { workspaceId: finance, workspaceAdmin: false },
      ],
    ]);
    expect(managed.operations).toHaveLength(1);
  });

  it('compares nothing while the administrators are unknown, and ignores models given No Access', () => {
    const state = observed([model(budget, 'Budget', { [ann]: access('Viewer', false) })], 'unknown');
    expect(manual(plan([wanted(ann, { Budget: access('Viewer', true) })], state).operations)).toEqual([]);
    const known = observed([model(budget, 'Budget', {})]);
    expect(plan([wanted(ann, { Budget: access('No Access', true) })], known).operations).toEqual([]);
  });
});

describe('Workspace Administrator when the import is declared to set it', () => {
  it('imports the flag and plans nothing by hand', () => {
    const p = plan(
      [wanted(ann, { Budget: access('Viewer', true) })],
      observed([model(budget, 'Budget', { [ann]: access('Viewer', false) }, true)]),
    );
    expect(p.operations.map((operation) => operation.kind)).toEqual(['model.access.set']);
    expect(p.operations[0]).toMatchObject({ after: { role: 'Viewer', workspaceAdmin: true } });
  });

  it('leaves the flag to the import of the other model of the workspace that sets it', () => {
    const p = plan(
      [wanted(ann, { Budget: access('Viewer', true), Forecast: access('Viewer', true) })],
      observed([
        model(budget, 'Budget', { [ann]: access('Viewer', false) }),
        model(forecast, 'Forecast', { [ann]: access('Viewer', false) }, true),
      ]),
    );
    expect(p.operations.map((operation) => operation.id)).toEqual([`model.access.set:${ann}:${forecast}`]);
  });
});
