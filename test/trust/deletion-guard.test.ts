import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigurationError } from '@anaplan-access/core';
import {
  apply,
  type DesiredUser,
  isPlanRefusedError,
  jsonLinesAuditLog,
  type Plan,
  type PlanPolicy,
  type PlanRefusedError,
  parsePlan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import type { ModelSeed } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runPlanGate } from '../../examples/ci-plan-gate/src/plan-gate.ts';
import {
  type AccessTenant,
  desiredState,
  desiredUser,
  ids,
  modelAccess,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';
import { planGateAccessFile } from '../helpers/plan-gate-access.js';

// The deletion guard cannot be slipped past (issue 12, §5), and refusals say what happened (§10): every removal of
// access is counted, an empty or shrunken source blocks on its own account, a saved plan cannot be edited into
// going through, and removals add up over a window. Over HTTP against the simulator.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const names = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => `user${from + index}@corp.example`);

const person = (userName: string, models: DesiredUser['models'] = {}) => desiredUser(userName, { models });
const planner = (read: string[] = []) => modelAccess('Planner', read);

/** `count` users in Finance, each a Planner in Budget reading EMEA when `selectiveAccess`. */
async function startTenant(count: number, selectiveAccess = false): Promise<AccessTenant> {
  const users = names(count);
  const budget: ModelSeed['users'] = selectiveAccess
    ? users.map((email) => ({ email, role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } }))
    : [];
  tenant = await startAccessTenant(
    tenantSeed(
      users.map((userName) => ({
        userName,
        givenName: userName.split('@')[0] ?? 'x',
        familyName: 'Person',
        workspaces: [ids.finance],
      })),
      { budget },
    ),
  );
  return tenant;
}

/** The refusal `run` rejects with, or fails. */
async function refusal(run: () => Promise<unknown>): Promise<PlanRefusedError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (isPlanRefusedError(error)) return error;
  throw new Error(`expected a PlanRefusedError, got ${String(error)}`);
}

/** The tenant's users and their Budget access, to show that a refused apply changed nothing. */
function snapshot(current: AccessTenant): string {
  const model = current.sim.state.models.get(ids.budget);
  return JSON.stringify({
    users: [...current.sim.state.users.values()].map(({ userName, active, workspaces }) => ({
      userName,
      active,
      workspaces,
    })),
    budget: [...(model?.users.entries() ?? [])],
  });
}

const codes = (made: Plan) => made.blockedReasons.map(({ code }) => code);

describe('the deletion guard counts every removal of access', () => {
  it('counts each selective-access item a model.access.set removes: 40 users losing EMEA is 40 removals, and blocks', async () => {
    const current = await startTenant(40, true);
    const desired = desiredState(names(40).map((userName) => person(userName, { Budget: planner() })));
    const made = await plan({ desired, target: current.target });
    expect(made.operations.map((operation) => operation.kind)).toEqual(
      Array.from({ length: 40 }, () => 'model.access.set'),
    );
    expect(made.guard.counted.selectiveAccessItems).toBe(40);
    expect(codes(made)).toEqual(['guard']);

    const before = snapshot(current);
    const refused = await refusal(() => apply(made, { target: current.target }));
    expect(refused.reason).toBe('guard');
    expect(refused.message).toContain('40 selective-access items');
    expect(refused.remedy).toMatch(/allowDestructive: true/);
    expect(snapshot(current)).toBe(before);

    // Reviewed and allowed, it does remove what it counted.
    const allowed = await plan({ desired, target: current.target, policy: { allowDestructive: true } });
    expect((await apply(allowed, { target: current.target })).outcome).toBe('succeeded');
    expect(
      current.sim.state.models.get(ids.budget)?.users.get('user7@corp.example')?.selectiveAccess,
    ).toEqual({});
  });
});

describe('an empty or shrunken source blocks on its own account', () => {
  it('blocks an empty source with empty-source even with allowDestructive; apply refuses it; allowEmptySource lifts it', async () => {
    const current = await startTenant(30);
    const empty = desiredState([]);
    const made = await plan({ desired: empty, target: current.target, policy: { allowDestructive: true } });
    expect(made.guard.overridden).toBe(true);
    expect(codes(made)).toEqual(['empty-source']);
    const before = snapshot(current);
    const refused = await refusal(() => apply(made, { target: current.target }));
    expect(refused.reason).toBe('empty-source');
    expect(refused.remedy).toMatch(/allowEmptySource: true/);
    expect(snapshot(current)).toBe(before);

    const confirmed = await plan({
      desired: empty,
      target: current.target,
      policy: { allowDestructive: true, allowEmptySource: true },
    });
    expect(confirmed.blocked).toBe(false);
    expect((await apply(confirmed, { target: current.target })).outcome).toBe('succeeded');
    expect(current.sim.state.findUserByName('user3@corp.example')?.active).toBe(false);
  });

  it('blocks a source that no longer lists more than maxPercent of the users in scope (source-shrank)', async () => {
    const current = await startTenant(30);
    const shrunk = desiredState(names(25).map((userName) => person(userName)));
    const made = await plan({ desired: shrunk, target: current.target, policy: { allowDestructive: true } });
    expect(made.guard.users).toMatchObject({ inScope: 30, unlisted: 5, listed: 25 });
    expect(codes(made)).toEqual(['source-shrank']);
    const refused = await refusal(() => apply(made, { target: current.target }));
    expect(refused.reason).toBe('source-shrank');
    expect(current.sim.state.findUserByName('user27@corp.example')?.active).toBe(true);
  });

  it('refuses a plan from an unreadable source with reason source-error, without advising allowDestructive', async () => {
    const current = await startTenant(5);
    const unreadable = desiredState(
      [],
      [{ kind: 'source-error', severity: 'error', message: 'access.csv: no such file' }],
    );
    const made = await plan({
      desired: unreadable,
      target: current.target,
      policy: { allowDestructive: true, allowEmptySource: true },
    });
    const refused = await refusal(() => apply(made, { target: current.target }));
    expect(refused.reason).toBe('source-error');
    expect(refused.remedy).toMatch(/^Fix the desired-state source/);
    expect(refused.message).not.toMatch(/(re-plan|plan again) with allowDestructive/);
    expect(current.sim.state.findUserByName('user1@corp.example')?.active).toBe(true);
  });
});

describe('a saved plan cannot be edited into going through', () => {
  async function saved(desired = desiredState([]), policy: PlanPolicy = { allowEmptySource: true }) {
    const current = await startTenant(30);
    const made = await plan({ desired, target: current.target, policy });
    return { current, made, json: renderPlan(made, { format: 'json' }) };
  }

  it('refuses a blocked plan whose blocked flag was flipped to false, in parsePlan and in apply', async () => {
    const { current, made, json } = await saved();
    expect(codes(made)).toEqual(['guard']);
    const edited = JSON.stringify({ ...JSON.parse(json), blocked: false, blockedReasons: [] });
    expect((await refusal(async () => parsePlan(edited))).reason).toBe('tampered');
    const before = snapshot(current);
    const refused = await refusal(() => apply(JSON.parse(edited) as Plan, { target: current.target }));
    expect(refused.reason).toBe('tampered');
    expect(refused.message).toMatch(/changed after it was made/);
    expect(snapshot(current)).toBe(before);
  });

  it('refuses a plan with an operation added or its guard counts edited', async () => {
    const { current, json } = await saved(desiredState(names(30).map((userName) => person(userName))), {});
    const clean = JSON.parse(json) as Plan;
    expect(clean.operations).toEqual([]);
    const someone = current.sim.state.findUserByName('user4@corp.example');
    const added = {
      ...clean,
      operations: [
        {
          kind: 'user.deactivate',
          id: 'user.deactivate:user4@corp.example',
          userName: 'user4@corp.example',
          userId: someone?.id,
          dependsOn: [],
          reason: 'no longer in the source',
          before: { active: true },
          after: { active: false },
        },
      ],
    };
    const counts = { ...clean, guard: { ...clean.guard, existing: 1_000_000 } };
    for (const edited of [added, counts]) {
      expect((await refusal(async () => parsePlan(JSON.stringify(edited)))).reason).toBe('tampered');
      expect((await refusal(() => apply(edited as Plan, { target: current.target }))).reason).toBe(
        'tampered',
      );
    }
    expect(current.sim.state.findUserByName('user4@corp.example')?.active).toBe(true);
  });

  it('applies a plan made in memory, and its JSON read back, unchanged', async () => {
    const { current, made, json } = await saved(desiredState(names(29).map((userName) => person(userName))), {
      deletionGuard: { maxPercent: 100 },
    });
    expect(made.blocked).toBe(false);
    expect(parsePlan(json)).toEqual(made);
    expect((await apply(parsePlan(json), { target: current.target })).outcome).toBe('succeeded');
    expect(current.sim.state.findUserByName('user29@corp.example')?.active).toBe(false);
  });
});

describe('the cumulative window', () => {
  const policy: PlanPolicy = { deletionGuard: { maxCount: 25, maxPercent: 100, window: { hours: 24 } } };
  const stays = (userName: string) => person(userName, { Budget: planner(['EMEA']) });
  /** The users still listed after `leavers` users have left, oldest leavers first. */
  const keeping = (leavers: number) => desiredState(names(60 - leavers, leavers).map(stays));

  // Eight leavers a plan (each in Budget): 24 removals (deactivation, workspace and model revocation each), under
  // maxCount alone.
  it('blocks the second plan of 24 removals in a day: the first is read back from the audit log', async () => {
    const current = await startTenant(60, true);
    const audit = jsonLinesAuditLog(join(await mkdtemp(join(tmpdir(), 'guard-window-')), 'audit.jsonl'));
    const first = await plan({ desired: keeping(8), target: current.target, policy, audit });
    expect(first.guard.destructive).toBe(24);
    expect(first.blocked).toBe(false);
    expect((await apply(first, { target: current.target, audit })).outcome).toBe('succeeded');

    const second = await plan({ desired: keeping(16), target: current.target, policy, audit });
    expect(second.guard.destructive).toBe(24);
    expect(second.guard.window?.applied).toBe(24);
    expect(codes(second)).toEqual(['guard']);
    expect((await refusal(() => apply(second, { target: current.target, audit }))).reason).toBe('guard');
    expect(current.sim.state.findUserByName('user12@corp.example')?.active).toBe(true);
  });

  it('counts again at apply: of two plans made before either was applied, the second is refused (guard)', async () => {
    const current = await startTenant(60, true);
    const audit = jsonLinesAuditLog(join(await mkdtemp(join(tmpdir(), 'guard-window-')), 'audit.jsonl'));
    const first = await plan({ desired: keeping(8), target: current.target, policy, audit });
    const second = await plan({
      desired: desiredState([...names(8), ...names(44, 16)].map(stays)),
      target: current.target,
      policy,
      audit,
    });
    expect(first.blocked || second.blocked).toBe(false);
    expect((await apply(first, { target: current.target, audit })).outcome).toBe('succeeded');
    const refused = await refusal(() => apply(second, { target: current.target, audit }));
    expect(refused.reason).toBe('guard');
    expect(refused.message).toContain('24 already applied in the last 24 h');
  });
});

describe('policy and outcomes', () => {
  it('refuses a scope that returns a Promise (today it would count as in scope), naming policy.scope and the user', async () => {
    const current = await startTenant(3);
    const scope = (async () => false) as unknown as PlanPolicy['scope'];
    const error = await plan({
      desired: desiredState([]),
      target: current.target,
      policy: { scope, allowEmptySource: true },
    }).catch((caught: unknown) => caught);
    expect(isConfigurationError(error)).toBe(true);
    expect(error).toMatchObject({ key: 'policy.scope' });
    expect((error as Error).message).toMatch(/returned a Promise .* for user \S+@corp\.example/);
  });

  it('the CI gate fails on error findings, and says how many users the plan left out instead of "No changes"', async () => {
    const { directory, csv } = await planGateAccessFile([
      'eve.martin@example.com,Eve,Martin,E-eve.martin,Sales,Sales Forecast,Sales Rpe,,,',
    ]);
    const lines: string[] = [];
    const gate = await runPlanGate({ PLAN_DIR: directory, ACCESS_CSV: csv }, (line) => lines.push(line));
    expect(gate.exitCode, lines.join('\n')).toBe(1);
    expect(gate.plan?.operations).toEqual([]);
    const rendered = renderPlan(gate.plan as Plan);
    expect(rendered).not.toContain('No changes.');
    expect(rendered).toMatch(/1 user left out by error findings \(unknown-role 1\)/);

    const lenient = await runPlanGate(
      { PLAN_DIR: directory, ACCESS_CSV: csv, FAIL_ON_ERROR_FINDINGS: 'false' },
      () => {},
    );
    expect(lenient.exitCode).toBe(0);
  });
});
