import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  csvSource,
  type DesiredUser,
  type Finding,
  plan,
  reconcile,
  sqliteClient,
  sqlSource,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { isAccessWrite, snapshotTenant } from '../faults/invariants.js';
import {
  type AccessTenant,
  desiredState,
  ids,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';

// Bad input at the engine's level: the source-level checks (csv-source.test.ts, sql-source.test.ts) turn bad rows
// into findings; here a whole reconcile runs on them against a tenant where the people concerned already exist,
// to show that nothing is applied for the bad part, the good part is, and nobody is deprovisioned by mistake.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const roomyGuard = { deletionGuard: { maxCount: 100, maxPercent: 100 } };

/** Existing users, each in Finance with Viewer access to Budget. */
async function tenantWith(names: string[]): Promise<AccessTenant> {
  return startAccessTenant(
    tenantSeed(
      names.map((name) => ({
        userName: `${name}@corp.example`,
        givenName: name,
        familyName: 'Seeded',
        workspaces: [ids.finance],
      })),
      { budget: names.map((name) => ({ email: `${name}@corp.example`, role: 'Viewer' })) },
    ),
  );
}

const findingOf = (findings: Finding[], userName: string) =>
  findings.find((finding) => finding.userName?.toLowerCase() === userName.toLowerCase());

const writesTo = (current: AccessTenant) => current.sim.requests.filter(isAccessWrite);

describe('bad rows in a CSV source, end to end', () => {
  const bad = ['typo', 'unknownws', 'unknownrole', 'unknownlist', 'unknownitem', 'dup', 'clash', 'big'];

  it('leaves the users of bad rows exactly as they are, applies the good rows, and names every row and field', async () => {
    tenant = await tenantWith(['good', ...bad, 'quoted', 'formula']);
    const csv = [
      'email,first_name,last_name,active,workspace,model,role,list,item,access',
      'good@corp.example,good,Seeded,true,Finance,Budget,Planner,Regions,EMEA,read',
      'typo@corp.example,typo,Seeded,maybe,Finance,,,,,',
      'unknownws@corp.example,unknownws,Seeded,true,Atlantis,,,,,',
      'unknownrole@corp.example,unknownrole,Seeded,true,Finance,Budget,Emperor,,,',
      'unknownlist@corp.example,unknownlist,Seeded,true,Finance,Budget,Planner,Colours,Red,read',
      'unknownitem@corp.example,unknownitem,Seeded,true,Finance,Budget,Planner,Regions,Mars,read',
      'dup@corp.example,dup,Seeded,true,Finance,,,,,',
      'DUP@corp.example,dup,Seeded,true,Finance,,,,,',
      'clash@corp.example,clash,One,true,Finance,,,,,',
      'clash@corp.example,clash,Two,true,Finance,,,,,',
      `big@corp.example,${'b'.repeat(10 * 1024 * 1024)},Seeded,true,Finance,,,,,`,
      '"quoted@corp.example","O""Brien, ""Jr""","Multi\r\nLine",true,Finance,Budget,Viewer,,,',
      'formula@corp.example,"=HYPERLINK(""http://evil.example"")",+Smith,true,Finance,Budget,Planner,,,',
      'not-an-email,Bad,Mail,true,Finance,,,,,',
    ].join('\r\n');
    const before = snapshotTenant(tenant.sim.state);
    const { plan: made, result } = await reconcile({
      desired: csvSource({ text: `\uFEFF${csv}\r\n`, name: 'access.csv' }),
      target: tenant.target,
      policy: roomyGuard,
    });
    const after = snapshotTenant(tenant.sim.state);

    for (const name of bad) {
      const key = `${name}@corp.example`;
      expect(after.get(key), `${key} must be left as it was`).toEqual(before.get(key));
      expect(made.operations.filter((operation) => operation.userName.toLowerCase() === key)).toEqual([]);
    }
    const expected: [string, Finding['kind'], string | undefined, number[]][] = [
      ['typo@corp.example', 'invalid-row', 'active', [3]],
      ['unknownws@corp.example', 'unknown-workspace', 'workspace', [4]],
      ['unknownrole@corp.example', 'unknown-role', 'models.Budget.role', [5]],
      ['unknownlist@corp.example', 'unknown-list', 'models.Budget.selectiveAccess.Colours', [6]],
      ['unknownitem@corp.example', 'unknown-item', 'models.Budget.selectiveAccess.Regions', [7]],
      ['dup@corp.example', 'duplicate-user', 'email', [8, 9]],
      ['clash@corp.example', 'conflicting-rows', 'last_name', [10, 11]],
      ['big@corp.example', 'invalid-row', 'first_name', [12]],
      ['not-an-email', 'invalid-row', 'email', [16]],
    ];
    for (const [userName, kind, field, rows] of expected) {
      const finding = findingOf(made.findings, userName);
      expect(finding, userName).toMatchObject({ kind, severity: 'error', field });
      expect(finding?.refs?.map((ref) => ref.row)).toEqual(rows);
      expect(finding?.message.length ?? 0).toBeLessThan(1000);
    }

    // The good rows were applied, quotes, commas and line breaks included.
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('good@corp.example')).toMatchObject({
      role: 'Planner',
      selectiveAccess: { Regions: { read: ['EMEA'], write: [] } },
    });
    expect(tenant.sim.state.findUserByName('quoted@corp.example')).toMatchObject({
      givenName: 'O"Brien, "Jr"',
      familyName: 'Multi\nLine',
    });
    // Formula prefixes are data: SCIM stores them as they are; the CSV import refuses that one row only.
    expect(tenant.sim.state.findUserByName('formula@corp.example')).toMatchObject({
      givenName: '=HYPERLINK("http://evil.example")',
      familyName: '+Smith',
    });
    const formulaAccess = result?.results.find((entry) =>
      entry.operationId.startsWith('model.access.set:formula'),
    );
    expect(formulaAccess).toMatchObject({ status: 'failed', error: expect.stringMatching(/formula/) });
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('formula@corp.example')?.role).toBe('Viewer');
    expect(
      result?.results.find((entry) => entry.operationId.startsWith('model.access.set:good'))?.status,
    ).toBe('succeeded');
    // Only the refused row is left to do.
    const again = await csvSource({ text: `\uFEFF${csv}\r\n`, name: 'access.csv' }).load();
    const next = await plan({ desired: again, target: tenant.target, policy: roomyGuard });
    expect(next.operations.map((operation) => operation.id)).toEqual([
      `model.access.set:formula@corp.example:${ids.budget}`,
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\n'],
    ['wrong headers', 'mail,name\ngood@corp.example,Good\n'],
  ])('applies nothing from %s, even with allowDestructive', async (_label, text) => {
    tenant = await tenantWith(['good', 'other']);
    const { plan: made, result } = await reconcile({
      desired: csvSource({ text, name: 'access.csv' }),
      target: tenant.target,
      policy: { allowDestructive: true },
    });
    expect(made.blocked).toBe(true);
    expect(made.findings.map((finding) => finding.kind)).toContain('source-error');
    expect(result).toBeUndefined();
    expect(writesTo(tenant)).toEqual([]);
  });

  it('applies nothing from a file with bytes that are not UTF-8, and names the line', async () => {
    tenant = await tenantWith(['good']);
    const path = join(mkdtempSync(join(tmpdir(), 'bad-input-')), 'latin1.csv');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('email,first_name,last_name,workspace\ngood@corp.example,good,Seeded,Finance\n'),
        Buffer.from('ren\xe9@corp.example,Ren\xe9,Latin,Finance\n', 'latin1'),
      ]),
    );
    const { plan: made } = await reconcile({
      desired: csvSource({ path }),
      target: tenant.target,
      policy: { allowDestructive: true },
    });
    expect(made.blocked).toBe(true);
    expect(made.findings.find((finding) => finding.kind === 'source-error')?.message).toMatch(
      /UTF-8[\s\S]*line 3/,
    );
    expect(writesTo(tenant)).toEqual([]);
  });

  it('blocks a header-only file (nobody should have access?) with the deletion guard', async () => {
    tenant = await tenantWith(['a', 'b', 'c']);
    const { plan: made } = await reconcile({
      desired: csvSource({ text: 'email,first_name,last_name\n' }),
      target: tenant.target,
    });
    expect(made.blocked).toBe(true);
    expect(made.blockedReasons.join(' ')).toMatch(/Deletion guard/);
    expect(writesTo(tenant)).toEqual([]);
  });
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
      name: 'NotFoundError',
      status: 404,
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
