import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import {
  type AnaplanTargetOptions,
  anaplanTarget,
  type Plan,
  type PlanPolicy,
  plan,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  admin,
  desiredState,
  desiredUser,
  ids,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

// Live: listing a workspace's administrators without the tenant-level privilege answers 500, which the client
// retries and then reports. The administrators are then unknown, never "none": unless the policy lists them, no
// access is taken from anyone in that workspace, and the plan says why.

const ops = { userName: 'ops@corp.example', password: 'ops-password-1' };
const leaver = 'leaver@corp.example';
const stayer = desiredUser('stayer@corp.example', { givenName: 'Stay', familyName: 'Er' });
// One of three users leaves: a shrink the guard would block, lifted here to see what is planned.
const roomy: PlanPolicy = { allowDestructive: true, allowEmptySource: true };

let tenant: AccessTenant | undefined;
let opsClient: IntegrationClient | undefined;
afterEach(async () => {
  await opsClient?.close();
  await tenant?.close();
  tenant = opsClient = undefined;
});

/** A tenant whose Integration API account administers the workspaces but has no tenant-level role. */
async function start(targetOptions: Partial<AnaplanTargetOptions> = {}) {
  const seed = tenantSeed([
    { userName: ops.userName, password: ops.password, workspaces: [ids.finance, ids.sales] },
    { userName: leaver, givenName: 'Lee', familyName: 'Ver', workspaces: [ids.finance] },
    { userName: stayer.userName, givenName: 'Stay', familyName: 'Er', workspaces: [ids.finance] },
  ]);
  for (const workspace of seed.workspaces ?? []) workspace.admins?.push(ops.userName);
  tenant = await startAccessTenant(seed);
  opsClient = new IntegrationClient({
    baseUrl: tenant.sim.apiUrl,
    authUrl: tenant.sim.authUrl,
    auth: basicAuth({ username: ops.userName, password: ops.password }),
    retry: { limit: 1, backoffLimitMs: 10 },
  });
  return anaplanTarget({
    scim: tenant.scim,
    integration: opsClient,
    workspaces: [ids.finance, ids.sales],
    models: targetModels(),
    taskWait: { intervalMs: 25 },
    ...targetOptions,
  });
}

const removalsFor = (p: Plan, userName: string) =>
  p.operations.filter((operation) => operation.userName === userName).map((operation) => operation.kind);

describe('workspace administrators that cannot be read', () => {
  it('plans no removal for anyone in the workspace and says why (500 after retries)', async () => {
    const target = await start();
    const p = await plan({ desired: desiredState([stayer]), target, policy: roomy });
    expect(p.blocked).toBe(false);
    // The real administrator (the SCIM account) and the leaver keep everything: either could administer Finance.
    expect(removalsFor(p, admin.userName)).toEqual([]);
    expect(removalsFor(p, leaver)).toEqual([]);
    const unknown = p.findings.filter((finding) => finding.kind === 'administrators-unknown');
    expect(unknown.map((finding) => finding.message)).toEqual([
      expect.stringContaining('Workspace "Finance": administrators unreadable (HTTP 500)'),
      expect.stringContaining('Workspace "Sales": administrators unreadable (HTTP 500)'),
    ]);
    expect(unknown[0]?.message).toContain('User Admin role');
    expect(p.notes.join('\n')).toMatch(/removals? of access held back/);
    const adminCalls = tenant?.sim.requests.filter((request) => request.path.endsWith('/admins')) ?? [];
    expect(adminCalls.length).toBe(4); // two workspaces, each tried twice (retry limit 1)
  });

  it('protects the administrators the policy lists and plans the other removals', async () => {
    const target = await start();
    const p = await plan({
      desired: desiredState([stayer]),
      target,
      policy: { ...roomy, workspaceAdministrators: [` ${admin.userName.toUpperCase()} `] },
    });
    expect(removalsFor(p, admin.userName)).toEqual([]);
    expect(p.scope.protectedUsers).toContain(admin.userName);
    expect(removalsFor(p, leaver)).toEqual(expect.arrayContaining(['user.deactivate', 'workspace.revoke']));
    expect(p.findings.filter((finding) => finding.kind === 'administrators-unknown')).toHaveLength(2);
  });

  it('treats readWorkspaceAdministrators: false as unknown administrators, not as none', async () => {
    const unread = await start({ readWorkspaceAdministrators: false });
    const p = await plan({ desired: desiredState([stayer]), target: unread, policy: roomy });
    expect(removalsFor(p, leaver)).toEqual([]);
    expect(removalsFor(p, ops.userName)).toEqual([]);
    expect(p.findings.find((finding) => finding.kind === 'administrators-unknown')?.message).toContain(
      'readWorkspaceAdministrators: false',
    );
  });
});
