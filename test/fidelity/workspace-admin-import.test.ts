import {
  type AnaplanTargetModel,
  anaplanTarget,
  apply,
  type Operation,
  type PlanPolicy,
  plan,
} from '@anaplan-access/reconcile';
import { integrationControls, type SimulatorSwitches, usersImportSeed } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  admin,
  desiredState,
  desiredUser,
  ids,
  importColumns,
  modelAccess,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

// Anaplan's help says a USERS import cannot set Workspace Administrator (users import as non-admins; an
// administrator ticks the checkbox in the Users pane); a community article says it can. The simulator ignores the
// column by default (switch importWorkspaceAdmin), and the engine treats the flag as read-only unless the target
// declares that its import sets it (usersImport.setsWorkspaceAdmin). Over real HTTP: an undeclared flag change is
// never imported and stays a manual operation, plan after plan; a declared one is imported and converges.

const ann = 'ann@corp.example';
const importId = '112000000771';
const fileId = '113000000771';
const adminColumn = 'Workspace Administrator';
const columnsWithAdmin = { ...importColumns, workspaceAdmin: adminColumn };
const policy: PlanPolicy = { allowDestructive: true, allowEmptySource: true };

const annWants = (role: string, workspaceAdmin: boolean) =>
  desiredUser(ann, {
    givenName: 'Ann',
    familyName: 'Lee',
    models: { Budget: { ...modelAccess(role), workspaceAdmin } },
  });

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/**
 * Ann is a Viewer of Budget and no administrator. `importMapsAdmin`: Budget's saved import and Users export map a
 * Workspace Administrator column (the import on a known file, so the test can read what was uploaded).
 */
async function start(
  importWorkspaceAdmin: SimulatorSwitches['importWorkspaceAdmin'],
  importMapsAdmin: boolean,
) {
  const seed = tenantSeed(
    [{ userName: ann, givenName: 'Ann', familyName: 'Lee', workspaces: [ids.finance] }],
    {
      budget: [{ email: ann, role: 'Viewer' }],
    },
  );
  const budget = seed.models?.find((model) => model.id === ids.budget);
  if (!budget) throw new Error('no Budget model in the seed');
  budget.imports = [
    usersImportSeed(importMapsAdmin ? columnsWithAdmin : importColumns, {
      id: importId,
      name: 'Users import',
      fileId,
      fileName: 'users.csv',
    }),
  ];
  const usersExport = budget.exports?.[0];
  if (importMapsAdmin && usersExport?.columns) usersExport.columns[adminColumn] = 'workspaceAdmin';
  tenant = await startAccessTenant(seed, { simulator: { switches: { importWorkspaceAdmin } } });
  return tenant;
}

/** The target over the tenant's clients; `declared` makes Budget's import set the flag. */
function target(started: AccessTenant, declared: boolean) {
  const models: AnaplanTargetModel[] = targetModels().map((model) =>
    declared && model.modelId === ids.budget
      ? {
          ...model,
          usersImport: { importId: 'Users import', columns: columnsWithAdmin, setsWorkspaceAdmin: true },
          usersExport: { exportId: 'Users export', columns: columnsWithAdmin },
        }
      : model,
  );
  return anaplanTarget({
    scim: started.scim,
    integration: started.integration,
    workspaces: [ids.finance, ids.sales],
    models,
    taskWait: { intervalMs: 25 },
  });
}

const annOperations = (operations: readonly Operation[]) =>
  operations.filter((operation) => operation.userName === ann);
const isAdministrator = (started: AccessTenant) => {
  const id = started.sim.state.findUserByName(ann)?.id;
  return started.sim.state.workspaces.get(ids.finance)?.admins.includes(id ?? '') ?? false;
};
const budgetImports = (started: AccessTenant) =>
  integrationControls(started.sim.state)
    .tasks(ids.budget)
    .filter((task) => task.kind === 'imports');

describe('Workspace Administrator through an import', () => {
  it.each(['ignore', 'refuse', 'apply'] as const)(
    'is not imported but planned as manual work, and the next plan says the same (simulator switch %s)',
    async (importWorkspaceAdmin) => {
      const started = await start(importWorkspaceAdmin, false);
      const engine = target(started, false);
      const desired = desiredState([annWants('Planner', true)]);

      const first = await plan({ desired, target: engine, policy });
      const planned = annOperations(first.operations);
      expect(planned.map((operation) => operation.kind)).toEqual(['model.access.set', 'manual']);
      expect(planned[0]).toMatchObject({ after: { role: 'Planner', workspaceAdmin: false } });
      expect(planned[1]).toMatchObject({
        id: `manual:${ann}:workspace-admin:${ids.finance}`,
        action: expect.stringMatching(
          /^Tick Workspace Administrator for ann@corp\.example in model "Budget" by hand/,
        ),
      });

      const result = await apply(first, { target: engine });
      expect(result.results.map((entry) => [entry.operationId, entry.status])).toEqual(
        expect.arrayContaining([
          [`model.access.set:${ann}:${ids.budget}`, 'succeeded'],
          [`manual:${ann}:workspace-admin:${ids.finance}`, 'manual'],
        ]),
      );
      // No import row writes the flag: the uploaded file has no such column, and Anaplan's flag is unchanged.
      const uploaded =
        integrationControls(started.sim.state).fileText(ids.budget, fileId, admin.userName) ?? '';
      expect(uploaded.split(/\r?\n/)[0]).toBe(
        'Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write,Regions None',
      );
      expect(uploaded).not.toContain(adminColumn);
      expect(started.sim.state.models.get(ids.budget)?.users.get(ann)).toMatchObject({
        role: 'Planner',
        workspaceAdmin: false,
      });
      expect(isAdministrator(started)).toBe(false);

      // No churn: the next plan is the same manual operation and nothing else, and applying it imports nothing.
      const imports = budgetImports(started).length;
      const next = await plan({ desired, target: engine, policy });
      expect(next.operations).toEqual([planned[1]]);
      expect(next.summary).toMatchObject({ create: 0, update: 0, revoke: 0, manual: 1 });
      await apply(next, { target: engine });
      expect(budgetImports(started)).toHaveLength(imports);
      expect((await plan({ desired, target: engine, policy })).operations).toEqual([planned[1]]);
    },
  );

  it('is imported and converges where the target declares setsWorkspaceAdmin and the tenant applies it', async () => {
    const started = await start('apply', true);
    const engine = target(started, true);
    const desired = desiredState([annWants('Viewer', true)]);
    // Ann becomes an administrator: manage administrators, so the next plan still compares her access.
    const managing: PlanPolicy = { ...policy, manageWorkspaceAdministrators: true };

    const first = await plan({ desired, target: engine, policy: managing });
    expect(annOperations(first.operations)).toEqual([
      expect.objectContaining({
        kind: 'model.access.set',
        after: expect.objectContaining({ workspaceAdmin: true }),
      }),
    ]);
    const result = await apply(first, { target: engine });
    expect(result.results.filter((entry) => entry.status !== 'succeeded')).toEqual([]);
    const uploaded =
      integrationControls(started.sim.state).fileText(ids.budget, fileId, admin.userName) ?? '';
    expect(uploaded.split(/\r?\n/)[0]).toContain(adminColumn);
    expect(isAdministrator(started)).toBe(true);

    const next = await plan({ desired, target: engine, policy: managing });
    expect(next.operations).toEqual([]);
  });

  it('re-plans the import on every run where the declaration is wrong (the default simulator ignores the column)', async () => {
    // Why the declaration is opt-in: a tenant whose import does not set the flag never converges on it.
    const started = await start('ignore', true);
    const engine = target(started, true);
    const desired = desiredState([annWants('Viewer', true)]);
    const managing: PlanPolicy = { ...policy, manageWorkspaceAdministrators: true };
    const first = await plan({ desired, target: engine, policy: managing });
    await apply(first, { target: engine });
    expect(isAdministrator(started)).toBe(false);
    const next = await plan({ desired, target: engine, policy: managing });
    expect(annOperations(next.operations).map((operation) => operation.id)).toEqual([
      `model.access.set:${ann}:${ids.budget}`,
    ]);
  });
});
