import { DatabaseSync } from 'node:sqlite';
import { type DesiredUser, plan, reconcile, sqliteClient, sqlSource } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotTenant } from '../faults/invariants.js';
import { type AccessTenant, desiredState, ids } from '../helpers/access-tenant.js';
import { findingOf, roomyGuard, tenantWith, writesTo } from './bad-input-tenant.js';

// SQL returning NULLs and wrong types, desired states built in code, and wrong configuration, through the whole
// engine: typed errors or findings naming the row or field, and nothing applied for the bad part.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe('SQL returning NULLs and wrong types, end to end', () => {
  it('leaves users with bad values as they are and applies the others', async () => {
    tenant = await tenantWith(['ok', 'nullname', 'wrongactive', 'blobname', 'objectrole']);
    const database = new DatabaseSync(':memory:');
    // Loosely typed columns, as a view over other data may have them.
    database.exec(`CREATE TABLE access_users (user_name, given_name, family_name, active, external_id);
      INSERT INTO access_users VALUES
        ('ok@corp.example', 'ok', 'Renamed', 1, NULL),
        ('nullname@corp.example', NULL, 'Seeded', 1, NULL),
        ('wrongactive@corp.example', 'wrongactive', 'Seeded', 'perhaps', NULL),
        ('blobname@corp.example', X'DEADBEEF', 'Seeded', 1, NULL),
        ('objectrole@corp.example', 'objectrole', 'Seeded', 1, NULL),
        (42, 'Number', 'Mail', 1, NULL);
      CREATE TABLE access_workspace_members (user_name, workspace);
      INSERT INTO access_workspace_members VALUES
        ('ok@corp.example', 'Finance'), ('nullname@corp.example', 'Finance'), ('wrongactive@corp.example', 'Finance'),
        ('blobname@corp.example', 'Finance'), ('objectrole@corp.example', 'Finance'), ('ok@corp.example', NULL);
      CREATE TABLE access_model_roles (user_name, model, role, sso, workspace_admin);
      INSERT INTO access_model_roles VALUES
        ('ok@corp.example', 'Budget', 'Planner', NULL, NULL),
        ('objectrole@corp.example', 'Budget', X'00', 0, 0);
      CREATE TABLE access_selective_access (user_name, model, list_name, item, access);`);
    const before = snapshotTenant(tenant.sim.state);
    const { plan: made, result } = await reconcile({
      desired: sqlSource({ client: sqliteClient(database) }),
      target: tenant.target,
      policy: roomyGuard,
    });
    const after = snapshotTenant(tenant.sim.state);
    for (const name of ['nullname', 'wrongactive', 'blobname', 'objectrole'])
      expect(after.get(`${name}@corp.example`), name).toEqual(before.get(`${name}@corp.example`));
    expect(result?.outcome).toBe('succeeded');
    expect(tenant.sim.state.findUserByName('ok@corp.example')?.familyName).toBe('Renamed');
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('ok@corp.example')?.role).toBe('Planner');
    const where = made.findings
      .map((finding) => `${finding.kind} ${finding.field ?? ''} ${finding.message}`)
      .join('\n');
    // Rows are numbered in the query's order (by user_name): 42, blobname, nullname, objectrole, ok, wrongactive.
    expect(where).toMatch(/sql:access_users row 1: email: "42" is not an e-mail address/);
    expect(where).toMatch(/sql:access_users row 2: column "given_name": expected text, got binary data/);
    expect(where).toMatch(/sql:access_model_roles row 1: column "role": expected text, got binary data/);
    expect(where).toMatch(/sql:access_users row 6: column "active": expected a boolean/);
    expect(findingOf(made.findings, 'nullname@corp.example')).toMatchObject({
      kind: 'missing-user-details',
      field: 'first_name',
    });
  });
});

describe('desired states built in code and wrong configuration', () => {
  const person = (userName: string): DesiredUser => ({
    userName,
    givenName: 'A',
    familyName: 'Person',
    active: true,
    workspaces: [ids.finance],
    models: {},
    refs: [],
  });

  it('refuses user names that are not e-mails or appear twice, without deprovisioning the existing one', async () => {
    tenant = await tenantWith(['twice']);
    const made = await plan({
      desired: desiredState([
        person('not-an-email'),
        person('twice@corp.example'),
        person('TWICE@corp.example'),
        person('new@corp.example'),
      ]),
      target: tenant.target,
      policy: roomyGuard,
    });
    expect(made.operations.map((operation) => operation.id)).toEqual(['user.create:new@corp.example']);
    expect(findingOf(made.findings, 'not-an-email')).toMatchObject({ kind: 'invalid-row', field: 'email' });
    expect(findingOf(made.findings, 'twice@corp.example')).toMatchObject({
      kind: 'duplicate-user',
      field: 'email',
    });
  });

  it('refuses to read a Users export that lacks a mapped column, and applies nothing', async () => {
    tenant = await tenantWith(['ok']);
    const budget = tenant.sim.state.models.get(ids.budget);
    const usersExport = budget?.exports[0];
    if (!usersExport?.columns) throw new Error('the fixture has no Users export columns');
    const { SSO: _sso, ...withoutSso } = usersExport.columns;
    usersExport.columns = withoutSso;
    const error = await reconcile({
      desired: desiredState([
        {
          ...person('ok@corp.example'),
          models: { Budget: { role: 'Planner', sso: true, workspaceAdmin: false, selectiveAccess: {} } },
        },
      ]),
      target: tenant.target,
      policy: roomyGuard,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ConfigurationError', key: 'models.usersExport.columns' });
    expect(String((error as Error).message)).toMatch(/"SSO"/);
    expect(writesTo(tenant)).toEqual([]);
  });

  it('fails with a typed error, before any write, for a workspace or model the tenant does not have', async () => {
    tenant = await tenantWith(['ok']);
    const { anaplanTarget } = await import('@anaplan-access/reconcile');
    const unknownWorkspace = anaplanTarget({
      scim: tenant.scim,
      integration: tenant.integration,
      workspaces: ['f1000000000000000000000000000099'],
    });
    await expect(plan({ desired: desiredState([]), target: unknownWorkspace })).rejects.toMatchObject({
      name: 'ConfigurationError',
      key: 'workspaces[0]',
    });
    expect(() =>
      anaplanTarget({
        scim: tenant?.scim,
        integration: tenant?.integration,
        workspaces: [],
        colour: 'blue',
      } as never),
    ).toThrow(/colour/);
    await expect(
      plan({ desired: desiredState([]), target: tenant.target, policy: { guard: 1 } as never }),
    ).rejects.toThrow(/guard/);
    expect(writesTo(tenant)).toEqual([]);
  });
});
