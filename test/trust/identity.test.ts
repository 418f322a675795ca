import { bearerToken, isAnaplanAccessError } from '@anaplan-access/core';
import { apply, csvSource, type Plan, plan } from '@anaplan-access/reconcile';
import { ScimClient, type UnresolvedConflictError } from '@anaplan-access/scim';
import { afterEach, describe, expect, it } from 'vitest';
import { findingOf, roomyGuard, tenantWith } from '../bad-input/bad-input-tenant.js';
import { startScimmyServer } from '../conformance/scimmy-server.js';
import { snapshotTenant } from '../faults/invariants.js';
import { type AccessTenant, admin, ids } from '../helpers/access-tenant.js';

// Identity is compared the way people are (issue 12, §3 and the protectedUsers part of §5): over HTTP against the
// simulator, through plan() and apply() with anaplanTarget. A login spelled in another Unicode form is the same
// person; one holding an invisible character is refused; one that only looks like another is reported and nothing
// is done to either; a protectedUsers entry with a stray space still protects; and a create answered 409 that
// nobody can be read back for removes nobody's access.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** Lets every plan through (deletion guard and shrinking source), so that a wrong deprovisioning shows. */
const letThrough = { ...roomyGuard, allowEmptySource: true };
const header = 'email,first_name,last_name,workspace,model,role';
/** A CSV source where each person is in Finance with Viewer access to Budget (as `tenantWith` seeds them). */
const viewers = (...emails: [email: string, firstName: string][]) =>
  csvSource({
    text: [header, ...emails.map(([email, first]) => `${email},${first},Seeded,Finance,Budget,Viewer`)].join(
      '\n',
    ),
    name: 'access.csv',
  }).load();
const summaryOf = (made: Plan) =>
  made.operations.map((operation) => `${operation.kind} ${operation.userName}`);
/** The findings, less the warning that the integration account (in no source) is protected. */
const findingsOf = (made: Plan) => made.findings.filter((finding) => finding.userName !== admin.userName);
/** Answers the next SCIM create with 409 uniqueness (with `detail` when given), as for a user that already exists. */
const conflictOnNextCreate = (started: AccessTenant, detail?: string) =>
  started.sim.faults.failNext({
    status: 409,
    route: /^POST \/scim\/1\/0\/v2\/Users$/,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      ...(detail === undefined ? {} : { detail }),
    },
  });

describe('identity over HTTP', () => {
  it('matches an NFD e-mail with the NFC account Anaplan has: no second account, nobody deprovisioned', async () => {
    const composed = 'jos\u00e9';
    tenant = await tenantWith([composed, 'stay']);
    const before = snapshotTenant(tenant.sim.state);
    const desired = await viewers(['JOSE\u0301@corp.example', composed], ['stay@corp.example', 'stay']);
    expect(desired.users.map((user) => user.userName)).toContain('JOSE\u0301@corp.example');

    const made = await plan({ desired, target: tenant.target, policy: letThrough });
    expect(summaryOf(made)).toEqual([]);
    expect(findingsOf(made)).toEqual([]);
    const result = await apply(made, { target: tenant.target });
    expect(result.outcome).toBe('succeeded');
    expect(snapshotTenant(tenant.sim.state)).toEqual(before);
    expect(
      [...tenant.sim.state.users.values()].filter((user) => user.userName.startsWith('jos')),
    ).toHaveLength(1);
  });

  it('makes a change for a user the source spells in NFD on the account Anaplan has, named as Anaplan spells it', async () => {
    tenant = await tenantWith(['jos\u00e9']);
    const desired = await csvSource({
      text: `${header}\nJOSE\u0301@corp.example,jos\u00e9,Seeded,Finance,Budget,Planner\n`,
      name: 'access.csv',
    }).load();
    const made = await plan({ desired, target: tenant.target, policy: letThrough });
    expect(summaryOf(made)).toEqual(['model.access.set jos\u00e9@corp.example']);
    const result = await apply(made, { target: tenant.target });
    expect(result.outcome).toBe('succeeded');
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('jos\u00e9@corp.example')).toMatchObject({
      role: 'Planner',
    });
  });

  it('refuses an e-mail holding U+200B as an invalid row, and leaves the account it was meant for alone', async () => {
    tenant = await tenantWith(['jane', 'stay']);
    const before = snapshotTenant(tenant.sim.state);
    const desired = await viewers(['jane\u200b@corp.example', 'jane'], ['stay@corp.example', 'stay']);

    const made = await plan({ desired, target: tenant.target, policy: letThrough });
    expect(summaryOf(made)).toEqual([]);
    expect(findingOf(made.findings, 'jane@corp.example')).toMatchObject({
      kind: 'invalid-row',
      severity: 'error',
      field: 'email',
      message: expect.stringContaining('jane<U+200B>@corp.example'),
      refs: [{ source: 'access.csv', row: 2 }],
    });
    await apply(made, { target: tenant.target });
    expect(snapshotTenant(tenant.sim.state)).toEqual(before);
  });

  it('reports a Cyrillic look-alike of an existing user and plans nothing for either of them', async () => {
    const lookalike = '\u0430dmin@corp.example'; // Cyrillic а
    tenant = await tenantWith(['admin', 'stay']);
    const before = snapshotTenant(tenant.sim.state);
    const desired = await viewers([lookalike, 'admin'], ['stay@corp.example', 'stay']);

    const made = await plan({ desired, target: tenant.target, policy: letThrough });
    expect(summaryOf(made)).toEqual([]);
    expect(findingsOf(made)).toEqual([
      expect.objectContaining({ kind: 'lookalike-user', severity: 'error', userName: lookalike }),
    ]);
    expect(findingsOf(made)[0]?.message).toContain('admin@corp.example, who exists in Anaplan');
    await apply(made, { target: tenant.target });
    expect(snapshotTenant(tenant.sim.state)).toEqual(before);
  });

  it('still protects an account whose protectedUsers entry has a trailing space, and warns about one that matches nobody', async () => {
    tenant = await tenantWith(['glass', 'stay']);
    const desired = await viewers(['stay@corp.example', 'stay']);
    const made = await plan({
      desired,
      target: tenant.target,
      policy: { ...letThrough, protectedUsers: ['Glass@corp.example ', 'nobody@corp.example'] },
    });
    expect(summaryOf(made)).toEqual([]);
    expect(
      findingsOf(made).map((finding) => `${finding.kind} ${finding.severity} ${finding.userName}`),
    ).toEqual(['protected-user warning glass@corp.example', 'protected-user warning nobody@corp.example']);
    expect(findingOf(made.findings, 'nobody@corp.example')?.message).toContain('matches no user in Anaplan');
    expect(findingOf(made.findings, 'glass@corp.example')?.message).toContain('is protected');
  });

  it('fails a create answered 409 that nobody can be read back for, and removes nobody’s access in that run', async () => {
    tenant = await tenantWith(['leaver', 'stay']);
    const desired = await viewers(['new@corp.example', 'new'], ['stay@corp.example', 'stay']);
    const made = await plan({ desired, target: tenant.target, policy: letThrough });
    expect(summaryOf(made)).toEqual([
      'model.access.revoke leaver@corp.example',
      'user.deactivate leaver@corp.example',
      'workspace.revoke leaver@corp.example',
      'user.create new@corp.example',
      'model.access.set new@corp.example',
    ]);
    const before = snapshotTenant(tenant.sim.state);
    conflictOnNextCreate(tenant, 'A user with userName new@corp.example already exists');

    const result = await apply(made, { target: tenant.target });
    const status = (id: string) => result.results.find((each) => each.operationId === id);
    expect(status('user.create:new@corp.example')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /409 Conflict.*no user new@corp\.example can be read back.*no access is removed/,
      ),
    });
    const leaver = made.operations.filter((each) => each.userName === 'leaver@corp.example');
    for (const operation of leaver)
      expect(status(operation.id), operation.id).toMatchObject({ status: 'skipped' });
    expect(status('model.access.revoke:leaver@corp.example:' + ids.budget)?.error).toContain(
      'held back: the create of new@corp.example was answered 409 Conflict',
    );
    expect(result.outcome).toBe('partial');
    expect(snapshotTenant(tenant.sim.state)).toEqual(before);
  });
});

describe('SCIM look-ups of a login in another Unicode form', () => {
  it('findByUserName finds the NFC account for an NFD userName, against the simulator', async () => {
    tenant = await tenantWith(['jos\u00e9']);
    const found = await tenant.scim.users.findByUserName('JOSE\u0301@corp.example');
    expect(found?.userName).toBe('jos\u00e9@corp.example');
  });

  it('findByUserName asks a server that does not normalize for the NFC form too', async () => {
    const token = 'identity-test-token';
    const server = await startScimmyServer({ token });
    const client = new ScimClient({ baseUrl: server.url, auth: bearerToken(token), anaplan: false });
    try {
      server.seed([
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'jos\u00e9@corp.example' },
      ]);
      const found = await client.users.findByUserName('jose\u0301@corp.example', { fallback: 'none' });
      expect(found?.userName).toBe('jos\u00e9@corp.example');
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('ensure() refuses to adopt anyone when a create is answered 409 and nobody can be read back', async () => {
    tenant = await tenantWith([]);
    conflictOnNextCreate(tenant);
    const error = await tenant.scim.users
      .ensure({
        userName: 'new@corp.example',
        name: { givenName: 'New', familyName: 'User' },
        entitlements: [{ value: ids.finance, type: 'WORKSPACE' }],
      })
      .catch((caught: unknown) => caught);
    expect(isAnaplanAccessError(error, 'scim-unresolved-conflict')).toBe(true);
    expect((error as UnresolvedConflictError).userName).toBe('new@corp.example');
    expect((error as Error).message).toContain('no user new@corp.example can be read back');
    expect(tenant.sim.state.findUserByName('new@corp.example')).toBeUndefined();
  });
});
