import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvSource, type Finding, plan, reconcile } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotTenant } from '../faults/invariants.js';
import { auditFile } from '../faults/run-scenario.js';
import { type AccessTenant, ids } from '../helpers/access-tenant.js';
import { findingOf, roomyGuard, tenantWith, writesTo } from './bad-input-tenant.js';

// Bad input at the engine's level: the source-level checks (csv-source.test.ts, sql-source.test.ts) turn bad rows
// into findings; here a whole reconcile runs on them against a tenant where the people concerned already exist,
// to show that nothing is applied for the bad part, the good part is, and nobody is deprovisioned by mistake.
// SQL sources and configuration: engine-sql-and-configuration.test.ts.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

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
    // Formula prefixes are data: SCIM stores them as they are. The import row of a user already in the model
    // carries no names, so such names never stop a change of access (test/trust/import-rows-and-preflight.test.ts
    // shows the row refused when the names must be written).
    expect(tenant.sim.state.findUserByName('formula@corp.example')).toMatchObject({
      givenName: '=HYPERLINK("http://evil.example")',
      familyName: '+Smith',
    });
    const formulaAccess = result?.results.find((entry) =>
      entry.operationId.startsWith('model.access.set:formula'),
    );
    expect(formulaAccess).toMatchObject({ status: 'succeeded' });
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('formula@corp.example')?.role).toBe('Planner');
    expect(
      result?.results.find((entry) => entry.operationId.startsWith('model.access.set:good'))?.status,
    ).toBe('succeeded');
    // Nothing is left to do.
    const again = await csvSource({ text: `\uFEFF${csv}\r\n`, name: 'access.csv' }).load();
    const next = await plan({ desired: again, target: tenant.target, policy: roomyGuard });
    expect(next.operations.map((operation) => operation.id)).toEqual([]);
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
    const path = join(dirname(auditFile('bad-input')), 'latin1.csv');
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

  it('blocks a header-only file (nobody should have access?) as an empty source, and with the deletion guard', async () => {
    tenant = await tenantWith(['a', 'b', 'c']);
    const { plan: made } = await reconcile({
      desired: csvSource({ text: 'email,first_name,last_name\n' }),
      target: tenant.target,
    });
    expect(made.blocked).toBe(true);
    expect(made.blockedReasons.map(({ code }) => code)).toEqual(['empty-source', 'guard']);
    expect(writesTo(tenant)).toEqual([]);
  });
});
