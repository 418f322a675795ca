import { AuditClient } from '@anaplan-access/audit';
import { basicAuth } from '@anaplan-access/core';
import { ExceptionUsersClient } from '@anaplan-access/exception-users';
import {
  type AccessTarget,
  type AnaplanTargetModel,
  anaplanTarget,
  apply,
  detectDrift,
  type PlanPolicy,
  parsePlan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  admin,
  desiredState,
  ids,
  desiredUser as person,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

let tenant: AccessTenant | undefined;
let exceptions: ExceptionUsersClient | undefined;
afterEach(async () => {
  await exceptions?.close();
  await tenant?.close();
  tenant = exceptions = undefined;
});

const member = (name: string) => ({
  userName: `${name}@corp.example`,
  givenName: name,
  familyName: 'Person',
  workspaces: [ids.finance],
});

/**
 * Finance enforces SSO; glass (a protected break-glass account) and contractor are its exception users; jane and bob
 * sign in through SSO. The integration account is a Tenant Security Admin. `limit` is the tenant's setting "Limit
 * exception user assignment to Administration only", and the target is told the same unless `targetLimit` says
 * otherwise.
 */
async function start(limit: boolean, targetLimit = limit): Promise<AccessTarget> {
  const seed = tenantSeed([member('glass'), member('contractor'), member('jane'), member('bob')]);
  seed.tenant = { limitExceptionUserAssignmentToAdministration: limit };
  seed.users?.[0]?.roles?.push('TENANT_SECURITY_ADMIN', 'TENANT_AUDITOR');
  const finance = seed.workspaces?.find((workspace) => workspace.id === ids.finance);
  Object.assign(finance ?? {}, {
    ssoEnabled: true,
    exceptionUsers: ['glass@corp.example', 'contractor@corp.example'],
  });
  tenant = await startAccessTenant(seed);
  exceptions = new ExceptionUsersClient({
    auth: basicAuth({ username: admin.userName, password: admin.password }),
    authUrl: tenant.sim.authUrl,
    baseUrl: tenant.sim.adminUrl,
  });
  return anaplanTarget({
    scim: tenant.scim,
    integration: tenant.integration,
    workspaces: [ids.finance, ids.sales],
    // Through the Exception Users API, the tenant refuses an import's Single Sign-On column: Finance's models
    // then leave it out of their import (anaplanTarget refuses the mapping).
    models: targetModels().map((model) =>
      targetLimit && model.workspaceId === ids.finance ? withoutSsoColumn(model) : model,
    ),
    taskWait: { intervalMs: 25 },
    ssoExceptions: {
      client: exceptions,
      workspaces: [ids.finance],
      limitExceptionUserAssignment: targetLimit,
    },
  });
}

function withoutSsoColumn(model: AnaplanTargetModel): AnaplanTargetModel {
  const { sso: _sso, ...columns } = model.usersImport.columns;
  return { ...model, usersImport: { ...model.usersImport, columns } };
}

const desired = desiredState(
  ['glass', 'contractor', 'jane', 'bob'].map((name) => person(`${name}@corp.example`)),
);
const policy: PlanPolicy = {
  protectedUsers: ['glass@corp.example'],
  ssoExceptions: { workspaces: { Finance: ['JANE@corp.example'] } },
  // One removal of six accesses: over the default 10%, which the guard's own test below shows.
  deletionGuard: { maxPercent: 100 },
};

function exceptionUsers(): string[] {
  const state = tenant?.sim.state;
  const workspace = state?.workspaces.get(ids.finance);
  return (workspace?.exceptionUsers ?? []).map((id) => state?.users.get(id)?.userName ?? id).sort();
}

describe('SSO exception users per workspace, against the simulator', () => {
  for (const [limit, path] of [
    [true, 'the Exception Users API'],
    [false, "the model's USERS import"],
  ] as const)
    it(`plans them as their own operations and converges through ${path}, never removing a protected account's exception`, async () => {
      const target = await start(limit);
      const first = await plan({ desired, target, policy });
      const sso = first.operations.filter((operation) => operation.kind.startsWith('sso.'));
      expect(sso.map((operation) => [operation.kind, operation.userName])).toEqual([
        ['sso.exception.unassign', 'contractor@corp.example'],
        ['sso.exception.assign', 'jane@corp.example'],
      ]);
      expect(sso.map((operation) => 'via' in operation && operation.via.kind)).toEqual(
        Array(2).fill(limit ? 'api' : 'import'),
      );
      expect(first.operations.some((operation) => operation.userName.startsWith('glass'))).toBe(false);
      expect(first.notes).toContain(
        'SSO exception of glass@corp.example in "Finance" kept: the user is protected.',
      );
      expect(first.guard.counted.ssoExceptionRemovals).toBe(1);
      expect(first.guard.destructive).toBe(1);
      expect(renderPlan(first)).toContain('- SSO exception in "Finance": unassign');

      const before = tenant?.sim.audit.events.length ?? 0;
      // Saved and read back, the plan is the same (its guard weighed again from the operations).
      const result = await apply(parsePlan(renderPlan(first, { format: 'json' })), { target });
      expect(result.results.filter((entry) => entry.status !== 'succeeded')).toEqual([]);
      expect(exceptionUsers()).toEqual(['glass@corp.example', 'jane@corp.example']);
      const recorded = tenant?.sim.audit.events.slice(before) ?? [];
      expect(
        recorded
          .filter((event) => ['USR-57', 'USR-58'].includes(event.eventTypeId))
          .map((event) => [event.eventTypeId, event.additionalAttributes?.['targetUserName']]),
      ).toEqual([
        ['USR-58', 'contractor@corp.example'],
        ['USR-57', 'jane@corp.example'],
      ]);
      if (!limit) expect(recorded.some((event) => event.eventTypeId === 'USR-50')).toBe(true);

      const again = await plan({ desired, target, policy });
      expect(again.operations).toEqual([]);
    });

  it('fails the operations, changing nothing, when the target takes the import path on a tenant that refuses it', async () => {
    const target = await start(true, false);
    const first = await plan({ desired, target, policy });
    const result = await apply(first, { target });
    const failed = result.results.filter((entry) => entry.status === 'failed');
    expect(failed.map((entry) => entry.kind)).toEqual(['sso.exception.unassign', 'sso.exception.assign']);
    expect(failed[0]?.error).toMatch(/Single Sign-On cannot be set by import/);
    expect(exceptionUsers()).toEqual(['contractor@corp.example', 'glass@corp.example']);
  });

  it('refuses a model of a workspace managed through the API that maps the Single Sign-On column, naming it', async () => {
    await start(true);
    const options = {
      scim: tenant?.scim as AccessTenant['scim'],
      integration: tenant?.integration as AccessTenant['integration'],
      workspaces: [ids.finance, ids.sales],
      ssoExceptions: { client: exceptions as ExceptionUsersClient, workspaces: [ids.finance] },
    };
    // Every model access import of such a model would fail: the tenant refuses an import's SSO column.
    const models = targetModels();
    const index = models.findIndex((model) => model.workspaceId === ids.finance);
    expect(() =>
      anaplanTarget({
        ...options,
        models,
        ssoExceptions: { ...options.ssoExceptions, limitExceptionUserAssignment: true },
      }),
    ).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', key: `models.${index}.usersImport.columns.sso` }),
    );
    // A model of a workspace whose exceptions are not managed may keep it.
    const salesOnly = models.filter((model) => model.workspaceId === ids.sales);
    expect(salesOnly.length).toBeGreaterThan(0);
    expect(() =>
      anaplanTarget({
        ...options,
        models: salesOnly,
        ssoExceptions: { ...options.ssoExceptions, limitExceptionUserAssignment: true },
      }),
    ).not.toThrow();
  });

  it('plans nothing where the exception users cannot be read, and nothing without the policy', async () => {
    const target = await start(true);
    const unchanged = await plan({ desired, target });
    expect(unchanged.operations.filter((operation) => operation.kind.startsWith('sso.'))).toEqual([]);
    expect(unchanged.guard.counted).not.toHaveProperty('ssoExceptionRemovals');

    const refused = anaplanTarget({
      scim: tenant?.scim as AccessTenant['scim'],
      integration: tenant?.integration as AccessTenant['integration'],
      workspaces: [ids.finance],
      ssoExceptions: {
        client: new ExceptionUsersClient({
          auth: basicAuth({ username: 'nobody@corp.example', password: 'wrong' }),
          authUrl: tenant?.sim.authUrl as string,
          baseUrl: tenant?.sim.adminUrl as string,
          retry: 0,
        }),
        workspaces: [ids.finance],
        limitExceptionUserAssignment: true,
      },
    });
    const unknown = await plan({ desired, target: refused, policy });
    expect(unknown.operations.filter((operation) => operation.kind.startsWith('sso.'))).toEqual([]);
    expect(unknown.notes).toContain(
      'SSO exceptions in "Finance" are unknown (the Exception Users API answered 401 to the search): none assigned or removed there.',
    );
  });

  it('takes everywhere from the policy, skips who cannot be assigned, and explains the removal of a hand-granted exception', async () => {
    const target = await start(true);
    const sim = tenant?.sim;
    const t0 = Date.parse('2026-12-04T14:00:00.000Z');
    sim?.audit.setEventTime(t0);
    sim?.ui.setExceptionUser('jane@corp.example', 'bob@corp.example', ids.finance, true); // by hand: USR-57
    sim?.audit.setEventTime(undefined);
    const observed = await target.observe();
    const audit = new AuditClient({
      auth: basicAuth({ username: admin.userName, password: admin.password }),
      authUrl: sim?.authUrl,
      baseUrl: sim?.auditUrl as string,
    });
    const drift = await detectDrift({
      audit,
      since: t0 - 1000,
      integrationUser: admin.userName,
      scope: observed,
    });
    await audit.close();
    const everywhere: PlanPolicy = {
      protectedUsers: ['glass@corp.example'],
      deletionGuard: { maxPercent: 100 },
      ssoExceptions: {
        everywhere: ['jane@corp.example', 'integration@corp.example', 'nobody@corp.example'],
        workspaces: { [ids.finance]: ['outsider@corp.example'] },
      },
    };
    const explained = await plan({ desired, observed, policy: everywhere, drift });
    const sso = explained.operations.filter((operation) => operation.kind.startsWith('sso.'));
    expect(sso.map((operation) => [operation.kind, operation.userName])).toEqual([
      ['sso.exception.unassign', 'bob@corp.example'],
      ['sso.exception.unassign', 'contractor@corp.example'],
      ['sso.exception.assign', 'jane@corp.example'],
    ]);
    expect(sso[0]?.drift).toBe(
      'removes the SSO exception in "Finance", changed by jane@corp.example at 2026-12-04 14:00:00 UTC (USR-57: SSO exception granted in "Finance")',
    );
    expect(sso[1]?.drift).toBeUndefined(); // seeded, not changed by hand in the range read
    expect(explained.notes).toEqual(
      expect.arrayContaining([
        'SSO exception for integration@corp.example in "Finance" not assigned: the user is the integration account, whose own status Anaplan does not let it change.',
        'SSO exception for nobody@corp.example in "Finance" not assigned: the user is not a user of the tenant.',
        'SSO exception for outsider@corp.example in "Finance" not assigned: the user is not a user of the tenant.',
      ]),
    );
  });

  it('counts exception removals in the deletion guard', async () => {
    const target = await start(true);
    const guarded = await plan({ desired, target, policy: { ...policy, deletionGuard: { maxCount: 0 } } });
    expect(guarded.blocked).toBe(true);
    expect(guarded.blockedReasons[0]?.message).toContain('1 SSO exception removals');
  });
});
