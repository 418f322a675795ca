import {
  type AnaplanTargetModel,
  anaplanTarget,
  apply,
  type DesiredUser,
  isPlanRefusedError,
  plan,
  reconcile,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { roomyGuard, writesTo } from '../bad-input/bad-input-tenant.js';
import {
  type AccessTenant,
  modelAccess as access,
  desiredState,
  desiredUser,
  ids,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

// Issue 12 §4 and §10: a revocation never depends on a user's names; an import row Anaplan loads with a warning is
// not a success; the target's imports, exports, roles, workspaces and models are checked before anything is written.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const person = (userName: string, overrides: Partial<DesiredUser> = {}) =>
  desiredUser(userName, { givenName: 'Given', familyName: 'Family', ...overrides });
const seeded = (userName: string, givenName: string, familyName: string) => ({
  userName,
  givenName,
  familyName,
  workspaces: [ids.finance],
});

/** A target over the tenant's clients with the given models (the helper's own target has both models). */
function targetWith(models: AnaplanTargetModel[], workspaces: string[] = [ids.finance, ids.sales]) {
  const { scim, integration } = tenant as AccessTenant;
  return anaplanTarget({ scim, integration, workspaces, models, taskWait: { intervalMs: 25 } });
}

describe('revocations never depend on names (§4)', () => {
  it('revokes model access and removes selective access of users whose names start with = or are -', async () => {
    tenant = await startAccessTenant(
      tenantSeed(
        [
          seeded('formula@corp.example', 'Ann', '=SUM(1)'),
          seeded('dash@corp.example', '-', '-'),
          seeded('at@corp.example', '@x', '+1'),
        ],
        {
          budget: [
            { email: 'formula@corp.example', role: 'Planner' },
            { email: 'dash@corp.example', role: 'Viewer' },
            {
              email: 'at@corp.example',
              role: 'Planner',
              selectiveAccess: { Regions: { read: ['EMEA', 'APAC'] } },
            },
          ],
        },
      ),
    );
    // Each stays in Finance; two lose Budget, one keeps Planner with EMEA only (APAC is taken away, a "None" item).
    const desired = desiredState([
      person('formula@corp.example', { givenName: 'Ann', familyName: '=SUM(1)' }),
      person('dash@corp.example', { givenName: '-', familyName: '-' }),
      person('at@corp.example', {
        givenName: '@x',
        familyName: '+1',
        models: { Budget: access('Planner', ['EMEA']) },
      }),
    ]);
    const policy = { ...roomyGuard, allowDestructive: true };
    const first = await plan({ desired, target: tenant.target, policy });
    expect(first.operations.map((operation) => `${operation.kind} ${operation.userName}`).sort()).toEqual([
      'model.access.revoke dash@corp.example',
      'model.access.revoke formula@corp.example',
      'model.access.set at@corp.example',
    ]);
    const result = await apply(first, { target: tenant.target });
    expect(result.results.filter((entry) => entry.status !== 'succeeded')).toEqual([]);
    expect(result.outcome).toBe('succeeded');
    const budget = tenant.sim.state.models.get(ids.budget);
    expect(budget?.users.get('formula@corp.example')?.role).toBe('No Access');
    expect(budget?.users.get('dash@corp.example')?.role).toBe('No Access');
    expect(budget?.users.get('at@corp.example')?.selectiveAccess).toEqual({
      Regions: { read: ['EMEA'], write: [] },
    });
    expect((await plan({ desired, target: tenant.target, policy })).operations).toEqual([]);
  });

  it('still refuses a formula-like name from the source when it must be written (a user new to the model)', async () => {
    tenant = await startAccessTenant(tenantSeed([seeded('new@corp.example', 'New', '=HYPERLINK("x")')]));
    const desired = desiredState([
      person('new@corp.example', {
        givenName: 'New',
        familyName: '=HYPERLINK("x")',
        models: { Budget: access('Viewer') },
      }),
    ]);
    const first = await plan({ desired, target: tenant.target });
    const result = await apply(first, { target: tenant.target });
    const set = result.results.find((entry) => entry.kind === 'model.access.set');
    expect(set).toMatchObject({ status: 'failed', error: expect.stringMatching(/lastName.*formula/) });
    expect(tenant.sim.state.models.get(ids.budget)?.users.has('new@corp.example')).toBe(false);
  });
});

describe('an import row loaded with a warning is not a success (§10)', () => {
  it('reports the operation failed, the outcome partial, and what to fix', async () => {
    tenant = await startAccessTenant(
      tenantSeed([
        seeded('joiner@corp.example', 'Given', 'Family'),
        seeded('fine@corp.example', 'Given', 'Family'),
      ]),
    );
    // Neither configured roles nor a Users export: the role cannot be checked before the import.
    const [budget] = targetModels({ unknownAccess: true }) as [AnaplanTargetModel];
    const target = targetWith([{ ...budget, roles: undefined }]);
    const desired = desiredState([
      person('joiner@corp.example', { models: { Budget: access('Approver') } }),
      person('fine@corp.example', { models: { Budget: access('Viewer') } }),
    ]);
    const first = await plan({ desired, target });
    expect(first.blocked).toBe(false);
    const result = await apply(first, { target });
    const joiner = result.results.find((entry) => entry.userName === 'joiner@corp.example');
    expect(first.operations.map((operation) => operation.kind)).toEqual([
      'model.access.set',
      'model.access.set',
    ]);
    expect(joiner).toMatchObject({ kind: 'model.access.set', status: 'failed' });
    expect(joiner?.error).toMatch(/Invalid role: Approver/);
    expect(joiner?.error).toMatch(/Roles tab/);
    expect(result.results.find((entry) => entry.userName === 'fine@corp.example')).toMatchObject({
      status: 'succeeded',
    });
    expect(result.outcome).toBe('partial');
    // What Anaplan did: the new user is in the model with No Access, which is not what was asked for.
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('joiner@corp.example')?.role).toBe('No Access');
  });
});

describe('preflight: the configuration is checked before anything is written (§10)', () => {
  it('blocks the plan with a finding naming a misspelled import, and writes nothing', async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    const [budget, forecast] = targetModels() as [AnaplanTargetModel, AnaplanTargetModel];
    const target = targetWith([
      budget,
      { ...forecast, usersImport: { ...forecast.usersImport, importId: 'Users imprt' } },
    ]);
    const desired = desiredState([
      person('joiner@corp.example', { models: { Budget: access('Planner') } }),
      person('seller@corp.example', { workspaces: [ids.sales], models: { Forecast: access('Viewer') } }),
    ]);
    const made = await plan({ desired, target });
    expect(made.blocked).toBe(true);
    const finding = made.findings.find((entry) => entry.kind === 'target-error');
    expect(finding).toMatchObject({ severity: 'error', field: 'models[1].usersImport.importId' });
    expect(finding?.message).toMatch(/"Users imprt".*close names: "Users import"/);
    const refused = await apply(made, { target }).catch((error: unknown) => error);
    expect(isPlanRefusedError(refused)).toBe(true);
    expect((await reconcile({ desired, target })).result).toBeUndefined();
    expect(writesTo(tenant)).toEqual([]);
    expect(tenant.sim.state.findUserByName('joiner@corp.example')).toBeUndefined();
  });

  it('blocks the plan with a finding naming a misspelled export, instead of failing the observation', async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    const [budget] = targetModels() as [AnaplanTargetModel];
    const target = targetWith([
      { ...budget, usersExport: { exportId: 'Users exprt', columns: budget.usersImport.columns } },
    ]);
    const made = await plan({ desired: desiredState([person('joiner@corp.example')]), target });
    expect(made.blocked).toBe(true);
    expect(made.findings.find((entry) => entry.kind === 'target-error')).toMatchObject({
      field: 'models[0].usersExport.exportId',
    });
  });

  it('validates desired roles against the roles seen in the export plus the configured roles', async () => {
    tenant = await startAccessTenant(
      tenantSeed([seeded('viewer@corp.example', 'Vi', 'Ewer')], {
        budget: [{ email: 'viewer@corp.example', role: 'Viewer' }],
      }),
    );
    const [budget] = targetModels() as [AnaplanTargetModel];
    // No `roles` configured: Viewer is known from the export; Planner from nothing; Approver exists nowhere.
    const unconfigured = targetWith([{ ...budget, roles: undefined }]);
    const desired = desiredState([
      person('viewer@corp.example', {
        givenName: 'Vi',
        familyName: 'Ewer',
        models: { Budget: access('Viewer') },
      }),
      person('approver@corp.example', { models: { Budget: access('Approver') } }),
      person('planner@corp.example', { models: { Budget: access('Planner') } }),
    ]);
    const made = await plan({ desired, target: unconfigured });
    const unknown = made.findings.filter((finding) => finding.kind === 'unknown-role');
    expect(unknown.map((finding) => finding.userName).sort()).toEqual([
      'approver@corp.example',
      'planner@corp.example',
    ]);
    expect(unknown[0]).toMatchObject({ severity: 'error', refs: [{ source: 'test', row: 2 }] });
    expect(made.operations.some((operation) => operation.userName !== 'viewer@corp.example')).toBe(false);
    // A role configured in `roles` is known even when no one holds it yet.
    const configured = targetWith([{ ...budget, roles: ['Planner'] }]);
    const again = await plan({ desired, target: configured });
    expect(
      again.findings.filter((finding) => finding.kind === 'unknown-role').map((finding) => finding.userName),
    ).toEqual(['approver@corp.example']);
    expect(again.operations.some((operation) => operation.userName === 'planner@corp.example')).toBe(true);
  });

  it('names the configuration entry of a workspace or model that cannot be read', async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    const missing = 'f1000000000000000000000000000099';
    await expect(
      plan({ desired: desiredState([]), target: targetWith([], [missing]) }),
    ).rejects.toMatchObject({
      name: 'ConfigurationError',
      key: 'workspaces[0]',
      message: expect.stringContaining(
        `workspace \`${missing}\` (in \`workspaces[0]\`): not found, or the integration account is not its Workspace Administrator`,
      ),
    });
    // A workspace the integration account is a member of but does not administer answers the same 404.
    await expect(
      plan({ desired: desiredState([]), target: targetWith([], [ids.finance, ids.other]) }),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'workspaces[1]' });
    const [budget, forecast] = targetModels() as [AnaplanTargetModel, AnaplanTargetModel];
    await expect(
      plan({
        desired: desiredState([]),
        target: targetWith([budget, forecast, { ...budget, modelId: 'B0000000000000000000000000000099' }]),
      }),
    ).rejects.toMatchObject({
      name: 'ConfigurationError',
      key: 'models[2].modelId',
      message: expect.stringContaining('(in `models[2]`): not found'),
    });
    await expect(
      plan({ desired: desiredState([]), target: targetWith([{ ...budget, workspaceId: ids.sales }]) }),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'models[0].workspaceId' });
    expect(writesTo(tenant)).toEqual([]);
  });
});
