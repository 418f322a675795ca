import { AuditClient, isAuditRoleRequiredError } from '@anaplan-access/audit';
import { basicAuth } from '@anaplan-access/core';
import { detectDrift, plan, renderDrift, renderPlan } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  admin,
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';

let tenant: AccessTenant | undefined;
let audit: AuditClient | undefined;
afterEach(async () => {
  await audit?.close();
  await tenant?.close();
  tenant = undefined;
  audit = undefined;
});

const t0 = Date.parse('2026-12-05T14:00:00.000Z');
const minute = 60_000;

/** Jane is a Planner in Budget (Finance); Kim administers Finance by hand; the auditor reads the Audit API. */
async function start(): Promise<AccessTenant> {
  tenant = await startAccessTenant(
    tenantSeed(
      [
        { userName: 'jane@corp.example', givenName: 'jane', familyName: 'Person', workspaces: [ids.finance] },
        {
          userName: 'kim.admin@corp.example',
          givenName: 'Kim',
          familyName: 'Admin',
          workspaces: [ids.finance],
        },
        { userName: 'olaf@corp.example', givenName: 'olaf', familyName: 'Person', workspaces: [ids.other] },
        { userName: 'auditor@corp.example', password: 'auditor-password', roles: ['TENANT_AUDITOR'] },
      ],
      { budget: [{ email: 'jane@corp.example', role: 'Planner' }] },
    ),
  );
  audit = new AuditClient({
    auth: basicAuth({ username: 'auditor@corp.example', password: 'auditor-password' }),
    authUrl: tenant.sim.authUrl,
    baseUrl: tenant.sim.auditUrl,
  });
  return tenant;
}

describe('drift detection against the simulator', () => {
  it('reports a hand edit with its actor and time, leaves out the integration account and unmanaged places, and explains the plan that re-asserts it', async () => {
    const { sim, scim, target } = await start();
    const jane = sim.state.findUserByName('jane@corp.example');
    // The managed process's own change: not drift.
    sim.audit.setEventTime(t0);
    await scim.users.patch(jane?.id ?? '', [{ op: 'replace', path: 'name.familyName', value: 'Person' }]);
    await scim.users.patch(jane?.id ?? '', [{ op: 'replace', path: 'name.givenName', value: 'Janet' }]);
    // Kim sets Jane's role by hand at 14:02, and changes a user outside the managed workspaces.
    sim.audit.setEventTime(t0 + 2 * minute);
    sim.ui.setModelRole('kim.admin@corp.example', 'jane@corp.example', 'Budget', 'Viewer');
    sim.ui.editUser('kim.admin@corp.example', 'olaf@corp.example', { givenName: 'Olaf' });
    sim.audit.setEventTime(undefined);

    const scope = await target.observe();
    const report = await detectDrift({
      audit: audit as AuditClient,
      since: t0 - minute,
      until: t0 + 10 * minute,
      integrationUser: admin.userName,
      scope,
    });
    expect(report.changes).toBe(1);
    expect(report.users).toEqual([
      {
        userId: jane?.id,
        userName: 'jane@corp.example',
        changes: [
          expect.objectContaining({
            eventTypeId: 'USR-23',
            actor: 'kim.admin@corp.example',
            actorId: sim.state.findUserByName('kim.admin@corp.example')?.id,
            time: '2026-12-05T14:02:00.000Z',
            description: 'model role Viewer in "Budget" (was Planner)',
            workspaceId: ids.finance,
            modelId: ids.budget,
          }),
        ],
      },
    ]);
    const markdown = renderDrift(report);
    expect(markdown).toContain(
      '| jane@corp.example | 2026-12-05 14:02:00 | kim.admin@corp.example | model role Viewer in "Budget" (was Planner) | USR-23 |',
    );

    const desired = desiredState([
      person('jane@corp.example', { givenName: 'Janet', models: { Budget: modelAccess('Planner') } }),
      person('kim.admin@corp.example', { givenName: 'Kim', familyName: 'Admin' }),
    ]);
    const now = () => new Date(t0 + 20 * minute);
    const explained = await plan({ desired, observed: scope, drift: report, now });
    const plain = await plan({ desired, observed: scope, now });
    const reassert = explained.operations.find((operation) => operation.kind === 'model.access.set');
    expect(reassert?.drift).toBe(
      're-asserts Planner in "Budget", changed by kim.admin@corp.example at 2026-12-05 14:02:00 UTC (USR-23: model role Viewer in "Budget" (was Planner))',
    );
    expect(renderPlan(explained)).toContain(
      '      drift: re-asserts Planner in "Budget", changed by kim.admin',
    );
    // Without drift the plan is the one made before drift detection existed: no `drift` field anywhere.
    expect(plain.operations.some((operation) => 'drift' in operation)).toBe(false);
    expect({ ...explained, digest: '', operations: [] }).toEqual({ ...plain, digest: '', operations: [] });
    expect(explained.digest).not.toBe(plain.digest);
  });

  it('continues from the watermark: nothing is reported twice, a later edit is reported once', async () => {
    const { sim, target } = await start();
    const scope = await target.observe();
    sim.audit.setEventTime(t0);
    sim.ui.setWorkspaceMember('kim.admin@corp.example', 'jane@corp.example', ids.sales, true);
    sim.audit.setEventTime(undefined);
    const options = { audit: audit as AuditClient, integrationUser: admin.userName, scope };
    const first = await detectDrift({ ...options, since: t0 - minute, until: t0 + minute });
    expect(first.users.map((user) => user.changes.map((change) => change.eventTypeId))).toEqual([['USR-21']]);
    const again = await detectDrift({ ...options, since: first.watermark, until: t0 + minute });
    expect(again.users).toEqual([]);
    sim.audit.setEventTime(t0 + minute); // on the last millisecond of the previous range, recorded after it was read
    sim.ui.setActive('kim.admin@corp.example', 'jane@corp.example', false);
    sim.audit.setEventTime(undefined);
    const later = await detectDrift({ ...options, since: again.watermark, until: t0 + 2 * minute });
    expect(later.users[0]?.changes.map((change) => [change.eventTypeId, change.description])).toEqual([
      ['USR-4', 'user disabled'],
    ]);
    expect(renderDrift(again)).toContain('**No drift.**');
  });

  it('throws, never reports "no drift", when the Audit API refuses the account', async () => {
    const { sim, target } = await start();
    const planner = new AuditClient({
      auth: basicAuth({ username: admin.userName, password: admin.password }), // no Tenant Auditor role
      authUrl: sim.authUrl,
      baseUrl: sim.auditUrl,
    });
    const scope = await target.observe();
    const refused = await detectDrift({
      audit: planner,
      since: Date.now() - minute,
      integrationUser: admin.userName,
      scope,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await planner.close();
    expect(isAuditRoleRequiredError(refused)).toBe(true);
  });

  it('refuses an integration account it cannot find, naming the option', async () => {
    const { target } = await start();
    await expect(
      detectDrift({
        audit: audit as AuditClient,
        since: t0,
        integrationUser: 'nobody@corp.example',
        scope: await target.observe(),
      }),
    ).rejects.toMatchObject({ kind: 'configuration', key: 'integrationUser' });
    await expect(
      detectDrift({
        audit: audit as AuditClient,
        since: t0,
        integrationUser: admin.userName,
        scope: await target.observe(),
        extra: 1,
      } as never),
    ).rejects.toMatchObject({ kind: 'configuration', key: 'extra' });
  });
});
