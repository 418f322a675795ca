import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apply,
  csvSource,
  isPlanRefusedError,
  jsonLinesAuditLog,
  parsePlan,
  plan,
  reconcile,
  renderPlan,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const planner = (read: string[] = [], write: string[] = []) => modelAccess('Planner', read, write);

/** Users that exercise every operation kind between them. */
function lifecycle() {
  const seed = tenantSeed(
    [
      { userName: 'stay@corp.example', givenName: 'stay', familyName: 'Person', workspaces: [ids.finance] },
      { userName: 'rename@corp.example', givenName: 'rename', familyName: 'Old', workspaces: [ids.finance] },
      {
        userName: 'back@corp.example',
        givenName: 'back',
        familyName: 'Person',
        active: false,
        workspaces: [ids.finance],
      },
      { userName: 'mover@corp.example', givenName: 'mover', familyName: 'Person', workspaces: [ids.sales] },
      {
        userName: 'leaver@corp.example',
        givenName: 'leaver',
        familyName: 'Person',
        workspaces: [ids.finance, ids.sales],
      },
      { userName: 'glass@corp.example', givenName: 'glass', familyName: 'Person', workspaces: [ids.finance] },
      {
        userName: 'outside@corp.example',
        givenName: 'outside',
        familyName: 'Person',
        workspaces: [ids.other],
      },
    ],
    {
      budget: [
        {
          email: 'stay@corp.example',
          role: 'Planner',
          selectiveAccess: { Regions: { read: ['EMEA', 'APAC'] } },
        },
        { email: 'leaver@corp.example', role: 'Viewer' },
      ],
      forecast: [
        { email: 'mover@corp.example', role: 'Sales Rep', selectiveAccess: { Regions: { write: ['AMER'] } } },
      ],
    },
  );
  const desired = desiredState([
    person('stay@corp.example', { models: { Budget: planner(['EMEA'], ['AMER']) } }),
    person('rename@corp.example', { familyName: 'New' }),
    person('back@corp.example'),
    person('mover@corp.example', { models: { Budget: planner(['APAC']) } }),
    person('joiner@corp.example', {
      workspaces: [ids.finance, ids.sales],
      models: { [ids.forecast]: { ...planner(), role: 'Viewer' } },
    }),
  ]);
  return { seed, desired };
}

describe('reconcile end to end against the simulator', () => {
  it('plans and applies every operation kind, then the next plan is empty', async () => {
    const { seed, desired } = lifecycle();
    tenant = await startAccessTenant(seed);
    const policy = { protectedUsers: ['glass@corp.example'], deletionGuard: { maxPercent: 100 } };
    const first = await plan({ desired, target: tenant.target, policy });
    const kinds = new Set(first.operations.map((operation) => operation.kind));
    for (const kind of [
      'user.create',
      'user.update',
      'user.reactivate',
      'user.deactivate',
      'workspace.grant',
      'workspace.revoke',
      'model.access.set',
      'model.access.revoke',
    ])
      expect(kinds, kind).toContain(kind);
    expect(first.operations.some((operation) => operation.userName.startsWith('outside'))).toBe(false);

    const auditPath = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.jsonl');
    const events: string[] = [];
    const result = await apply(first, {
      target: tenant.target,
      audit: jsonLinesAuditLog(auditPath),
      onEvent: (event) => events.push(event.type),
    });
    expect(result.results.filter((entry) => entry.status !== 'succeeded')).toEqual([]);
    expect(result.outcome).toBe('succeeded');
    expect(events.filter((type) => type === 'operation')).toHaveLength(first.operations.length);

    const state = tenant.sim.state;
    expect(state.findUserByName('joiner@corp.example')?.workspaces.sort()).toEqual(
      [ids.finance, ids.sales].sort(),
    );
    expect(state.findUserByName('rename@corp.example')?.familyName).toBe('New');
    expect(state.findUserByName('back@corp.example')?.active).toBe(true);
    expect(state.findUserByName('leaver@corp.example')).toMatchObject({ active: false, workspaces: [] });
    expect(state.findUserByName('mover@corp.example')?.workspaces).toEqual([ids.finance]);
    expect(state.findUserByName('glass@corp.example')).toMatchObject({
      active: true,
      workspaces: [ids.finance],
    });
    expect(state.findUserByName('outside@corp.example')?.workspaces).toEqual([ids.other]);
    const budget = state.models.get(ids.budget);
    expect(budget?.users.get('stay@corp.example')?.selectiveAccess).toEqual({
      Regions: { read: ['EMEA'], write: ['AMER'] },
    });
    expect(budget?.users.get('leaver@corp.example')?.role).toBe('No Access');
    expect(state.models.get(ids.forecast)?.users.get('mover@corp.example')?.role).toBe('No Access');
    expect(state.models.get(ids.forecast)?.users.get('joiner@corp.example')?.role).toBe('Viewer');

    const audit = (await readFile(auditPath, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { outcome: string; operationId: string });
    for (const operation of first.operations) {
      expect(
        audit.filter((entry) => entry.operationId === operation.id).map((entry) => entry.outcome),
      ).toEqual(['started', 'succeeded']);
    }
    expect(JSON.stringify(audit)).not.toContain(
      tenant.sim.state.findUserByName('integration@corp.example')?.password,
    );

    const second = await plan({ desired, target: tenant.target, policy });
    expect(renderPlan(second)).toContain('No changes.');
    expect(second.operations).toEqual([]);
  });

  it('reports every kind of finding, names the row, and still plans the valid users', async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    const csv = [
      'email,first_name,last_name,workspace,model,role,list,item,access',
      'ok@corp.example,Ok,User,Finance,Budget,Planner,Regions,EMEA,read',
      'not-an-email,Bad,Mail,Finance,,,,,',
      'Dup@corp.example,Dup,One,Finance,,,,,',
      'dup@corp.example,Dup,One,Finance,,,,,',
      'clash@corp.example,Clash,One,Finance,,,,,',
      'clash@corp.example,Clash,Two,Finance,,,,,',
      'noname@corp.example,,,Finance,,,,,',
      'ws@corp.example,Ws,User,Atlantis,,,,,',
      'model@corp.example,Mo,Del,Finance,Nowhere,Planner,,,',
      'role@corp.example,Ro,Le,Finance,Budget,Emperor,,,',
      'list@corp.example,Li,St,Finance,Budget,Planner,Colours,Red,read',
      'item@corp.example,It,Em,Finance,Budget,Planner,Regions,Mars,read',
    ].join('\n');
    const desired = await csvSource({ text: csv, name: 'access.csv' }).load();
    const p = await plan({ desired, target: tenant.target, policy: { protectedUsers: [] } });
    const kinds = new Set(p.findings.map((finding) => finding.kind));
    for (const kind of [
      'invalid-row',
      'duplicate-user',
      'conflicting-rows',
      'missing-user-details',
      'unknown-workspace',
      'unknown-model',
      'unknown-role',
      'unknown-list',
      'unknown-item',
    ])
      expect(kinds, kind).toContain(kind);
    const invalid = p.findings.find((finding) => finding.kind === 'invalid-row');
    expect(invalid?.refs?.[0]).toEqual({ source: 'access.csv', row: 3 });
    expect(invalid?.field).toBe('email');
    expect(p.operations.map((operation) => operation.userName)).toEqual([
      'ok@corp.example',
      'ok@corp.example',
    ]);
  });

  it('blocks a plan over the deletion guard, an empty and an unreadable source; allowDestructive lifts only the guard', async () => {
    const users = Array.from({ length: 30 }, (_, index) => ({
      userName: `u${index}@corp.example`,
      workspaces: [ids.finance],
    }));
    tenant = await startAccessTenant(tenantSeed(users));
    const blocked = await plan({ desired: desiredState([]), target: tenant.target });
    expect(blocked.blocked).toBe(true);
    await expect(apply(blocked, { target: tenant.target })).rejects.toSatisfy(isPlanRefusedError);
    expect(tenant.sim.state.findUserByName('u1@corp.example')?.active).toBe(true);

    const unreadable = desiredState([], [{ kind: 'source-error', severity: 'error', message: 'boom' }]);
    const stillBlocked = await plan({
      desired: unreadable,
      target: tenant.target,
      policy: { allowDestructive: true },
    });
    expect(stillBlocked.blocked).toBe(true);

    const empty = await plan({
      desired: desiredState([]),
      target: tenant.target,
      policy: { allowDestructive: true },
    });
    expect(empty.blockedReasons.map(({ code }) => code)).toEqual(['empty-source']);

    const allowed = await reconcile({
      desired: desiredState([]),
      target: tenant.target,
      policy: { allowDestructive: true, allowEmptySource: true },
    });
    expect(allowed.result?.outcome).toBe('succeeded');
    expect(tenant.sim.state.findUserByName('u1@corp.example')?.active).toBe(false);
  });

  it('refuses a saved plan when Anaplan changed since it was made, and changes nothing', async () => {
    const { seed, desired } = lifecycle();
    tenant = await startAccessTenant(seed);
    const saved = renderPlan(
      await plan({ desired, target: tenant.target, policy: { deletionGuard: { maxPercent: 100 } } }),
      { format: 'json' },
    );
    const someone = tenant.sim.state.findUserByName('stay@corp.example');
    if (someone) someone.familyName = 'Changed behind our back';
    const before = JSON.stringify([...tenant.sim.state.users.values()]);
    await expect(apply(parsePlan(saved), { target: tenant.target })).rejects.toSatisfy(
      (error: unknown) => isPlanRefusedError(error) && error.reason === 'stale',
    );
    expect(JSON.stringify([...tenant.sim.state.users.values()])).toBe(before);
  });

  it('maps a partial import failure back to its operation and applies the rest', async () => {
    tenant = await startAccessTenant(
      tenantSeed(
        [
          { userName: 'a@corp.example', givenName: 'a', familyName: 'User', workspaces: [ids.finance] },
          { userName: 'b@corp.example', givenName: 'b', familyName: 'User', workspaces: [ids.finance] },
        ],
        { budget: [{ email: 'b@corp.example', role: 'Planner' }] },
      ),
    );
    // The target's catalog allows "Viewer" in Budget; remove it from the model itself so the import rejects that row.
    const budget = tenant.sim.state.models.get(ids.budget);
    if (budget) budget.roles = budget.roles.filter((role) => role !== 'Viewer');
    const desired = desiredState([
      person('a@corp.example', { givenName: 'a', familyName: 'User', models: { Budget: planner(['EMEA']) } }),
      person('b@corp.example', {
        givenName: 'b',
        familyName: 'User',
        models: { Budget: { ...planner(), role: 'Viewer' } },
      }),
    ]);
    const p = await plan({ desired, target: tenant.target });
    const result = await apply(p, { target: tenant.target });
    const byUser = Object.fromEntries(
      result.results
        .filter((entry) => entry.kind === 'model.access.set')
        .map((entry) => [entry.userName, entry]),
    );
    expect(byUser['a@corp.example']?.status).toBe('succeeded');
    expect(byUser['b@corp.example']?.status).toBe('failed');
    expect(byUser['b@corp.example']?.error).toMatch(/role/i);
    expect(result.outcome).toBe('partial');
    expect(budget?.users.get('a@corp.example')?.role).toBe('Planner');
  });

  it('settles a create whose answer was lost by reading the user back, without creating twice', async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    tenant.sim.faults.resetNext({ route: /^POST \/scim\/1\/0\/v2\/Users$/, afterHandling: true });
    const desired = desiredState([person('lost@corp.example', { workspaces: [ids.finance, ids.sales] })]);
    const { result } = await reconcile({ desired, target: tenant.target });
    expect(result?.results[0]).toMatchObject({ kind: 'user.create', status: 'succeeded' });
    expect(
      [...tenant.sim.state.users.values()].filter((user) => user.userName === 'lost@corp.example'),
    ).toHaveLength(1);
    expect((await plan({ desired, target: tenant.target })).operations).toEqual([]);
  });

  it('imports in full and says so when a model has no Users export', async () => {
    tenant = await startAccessTenant(
      tenantSeed([
        { userName: 'a@corp.example', givenName: 'a', familyName: 'Person', workspaces: [ids.finance] },
      ]),
      { unknownAccess: true },
    );
    const desired = desiredState([person('a@corp.example', { models: { Budget: planner(['EMEA']) } })]);
    const p = await plan({ desired, target: tenant.target });
    expect(p.notes.join(' ')).toMatch(/unknown/);
    expect(p.operations).toMatchObject([{ kind: 'model.access.set', before: 'unknown' }]);
    await apply(p, { target: tenant.target });
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('a@corp.example')?.role).toBe('Planner');
  });

  it('converges after an interruption at any point', async () => {
    for (const stopAfter of [1, 3, 6, 9]) {
      const { seed, desired } = lifecycle();
      tenant = await startAccessTenant(seed);
      const policy = { protectedUsers: ['glass@corp.example'], deletionGuard: { maxPercent: 100 } };
      const controller = new AbortController();
      const first = await plan({ desired, target: tenant.target, policy });
      const interrupted = await apply(first, {
        target: tenant.target,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'operation' && event.done >= stopAfter) controller.abort();
        },
      });
      expect(interrupted.outcome, `stop after ${stopAfter}`).toBe('aborted');
      const again = await reconcile({ desired, target: tenant.target, policy });
      expect(again.result?.outcome ?? 'nothing to do').not.toBe('partial');
      expect(
        (await plan({ desired, target: tenant.target, policy })).operations,
        `stop after ${stopAfter}`,
      ).toEqual([]);
      await tenant.close();
      tenant = undefined;
    }
  });

  it('plans an e-mail change as manual work and touches neither account', async () => {
    tenant = await startAccessTenant(
      tenantSeed([
        {
          userName: 'old.name@corp.example',
          givenName: 'old',
          familyName: 'Person',
          externalId: 'HR-7',
          workspaces: [ids.finance],
        },
      ]),
    );
    const desired = desiredState([person('new.name@corp.example', { externalId: 'HR-7' })]);
    const p = await plan({ desired, target: tenant.target });
    expect(p.operations.map((operation) => operation.kind)).toEqual(['manual']);
    expect(p.findings.map((finding) => finding.kind)).toContain('unsupported-change');
    expect(renderPlan(p)).toMatch(/1 manual/);
    const result = await apply(p, { target: tenant.target });
    expect(result.results).toMatchObject([{ kind: 'manual', status: 'manual' }]);
    expect(tenant.sim.state.findUserByName('old.name@corp.example')).toMatchObject({
      active: true,
      workspaces: [ids.finance],
    });
    expect(tenant.sim.state.findUserByName('new.name@corp.example')).toBeUndefined();
  });
});
