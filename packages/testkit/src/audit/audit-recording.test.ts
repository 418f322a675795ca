import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type IntegrationHarness,
  ids,
  integrationSeed,
  startIntegrationHarness,
  usersCsv,
} from '../test-support/integration-harness.js';
import type { SimAuditEvent } from './audit-log.js';

let harness: IntegrationHarness;
const admin = 'admin@example.com';

beforeEach(async () => {
  const seed = integrationSeed();
  seed.workspaces = seed.workspaces?.map((workspace) =>
    workspace.id === ids.workspace ? { ...workspace, ssoEnabled: true } : workspace,
  );
  harness = await startIntegrationHarness({ seed });
});
afterEach(() => harness.close());

const userId = (userName: string) => harness.sim.state.findUserByName(userName)?.id;
/** The events recorded since `from` (an index into the log), as [type, actor userName, target userName]. */
function recorded(from = 0): [string, string | undefined, unknown][] {
  const names = new Map([...harness.sim.state.users.values()].map((user) => [user.id, user.userName]));
  return harness.sim.audit.events
    .slice(from)
    .map((event: SimAuditEvent) => [
      event.eventTypeId,
      names.get(event.userId) ?? event.userId,
      event.additionalAttributes?.['targetUserName'],
    ]);
}

async function scim(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${harness.sim.scimUrl}${path}`, {
    method,
    headers: {
      authorization: `AnaplanAuthToken ${harness.token(admin)}`,
      'content-type': 'application/scim+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

describe('the audit trail of SCIM writes', () => {
  it('records create, workspace membership, names and (de)activation with the caller as actor', async () => {
    const created = await scim('POST', '/Users', {
      userName: 'new.hire@example.com',
      name: { givenName: 'New', familyName: 'Hire' },
      entitlements: [{ value: ids.workspace, type: 'WORKSPACE' }],
    });
    expect(recorded()).toEqual([
      ['USR-1', admin, 'new.hire@example.com'],
      ['USR-21', admin, 'new.hire@example.com'],
    ]);
    const mark = harness.sim.audit.events.length;
    await scim('PATCH', `/Users/${created['id']}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', path: 'name.familyName', value: 'Hired' },
        { op: 'remove', path: 'entitlements[type eq "WORKSPACE"]' },
      ],
    });
    expect(recorded(mark)).toEqual([
      ['USR-4', admin, 'new.hire@example.com'],
      ['USR-28', admin, 'new.hire@example.com'],
      ['USR-5', admin, 'new.hire@example.com'],
      ['USR-22', admin, 'new.hire@example.com'],
    ]);
    const event = harness.sim.audit.events.at(-1);
    expect(event).toMatchObject({
      objectId: created['id'],
      success: true,
      additionalAttributes: { workspaceId: ids.workspace, workspaceName: 'Finance' },
    });
  });

  it('records nothing for a write that changes nothing', async () => {
    const id = userId('planner@example.com');
    const user = await scim('GET', `/Users/${id}`);
    const mark = harness.sim.audit.events.length;
    await scim('PUT', `/Users/${id}`, user);
    expect(recorded(mark)).toEqual([]);
  });
});

describe('the audit trail of logins', () => {
  it('records USR-8 for a login and USR-9 for a refused one', async () => {
    harness.sim.state.findUserByName('planner@example.com')!.password = 'right';
    const login = (password: string) =>
      fetch(`${harness.sim.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`planner@example.com:${password}`).toString('base64')}`,
        },
      });
    expect((await login('right')).status).toBe(201);
    expect((await login('wrong')).status).toBe(401);
    expect(recorded().map(([type, actor]) => [type, actor])).toEqual([
      ['USR-8', 'planner@example.com'],
      ['USR-9', 'planner@example.com'],
    ]);
    expect(harness.sim.audit.events.map((event) => event.success)).toEqual([true, false]);
  });
});

describe('the audit trail of USERS imports', () => {
  async function importUsers(csv: string) {
    const put = await harness.call(admin, 'PUT', `${harness.modelPath}/files/${ids.usersFile}`, {
      body: csv,
    });
    expect(put.status).toBe(204);
    return harness.runTask(admin, `${harness.modelPath}/imports/${ids.usersImport}`);
  }

  it('records USR-50 per changed row, USR-1/USR-21 for new users and USR-57 for an SSO box cleared', async () => {
    const task = await importUsers(
      usersCsv(
        'planner@example.com,,,Viewer,,,,',
        'blocked@example.com,,,No Access,,,,',
        'fresh@example.com,Fresh,Face,Planner,,,,',
        'jane.doe@example.com,,,,false,,,',
      ),
    );
    expect(task.result?.successful).toBe(true);
    expect(recorded()).toEqual([
      ['USR-1', admin, 'fresh@example.com'],
      ['USR-21', admin, 'fresh@example.com'],
      ['USR-50', admin, 'planner@example.com'],
      ['USR-50', admin, 'jane.doe@example.com'],
      ['USR-50', admin, 'fresh@example.com'],
      ['USR-57', admin, 'jane.doe@example.com'],
    ]);
    expect(harness.sim.audit.events[2]?.additionalAttributes).toMatchObject({
      modelId: ids.model,
      importId: ids.usersImport,
      roleName: 'Viewer',
    });
    // The exception belongs to the workspace: the box of Jane's row in the model is cleared too.
    expect(harness.sim.state.workspaces.get(ids.workspace)?.exceptionUsers).toEqual([
      userId('jane.doe@example.com'),
    ]);
  });

  it('refuses the Single Sign-On column when exception users are assigned in Administration only', async () => {
    harness.sim.state.limitExceptionUserAssignment = true;
    const task = await importUsers(usersCsv('jane.doe@example.com,,,Planner,false,,,'));
    expect(task.result?.successful).toBe(false);
    expect(harness.sim.state.workspaces.get(ids.workspace)?.exceptionUsers).toEqual([]);
    expect(harness.sim.state.models.get(ids.model)?.users.get('jane.doe@example.com')?.role).toBe('Viewer');
    expect(recorded()).toEqual([]);
  });
});

describe('hand edits in the UI', () => {
  it('records each edit with the person who made it', () => {
    const { ui } = harness.sim;
    ui.setModelRole(admin, 'planner@example.com', 'FP&A', 'viewer');
    ui.setModelRole(admin, 'newcomer@example.com', ids.model, 'Planner');
    ui.removeFromModel(admin, 'blocked@example.com', ids.model);
    ui.setWorkspaceAdmin(admin, 'planner@example.com', 'Finance', true);
    ui.editUser(admin, 'planner@example.com', { email: 'pat.planner@example.com', givenName: 'Patricia' });
    ui.setExceptionUser(admin, 'pat.planner@example.com', ids.workspace, true);
    ui.setExceptionUser(admin, 'pat.planner@example.com', ids.workspace, false);
    expect(recorded()).toEqual([
      ['USR-23', admin, 'planner@example.com'],
      ['USR-21', admin, 'newcomer@example.com'],
      ['USR-23', admin, 'newcomer@example.com'],
      ['USR-24', admin, 'blocked@example.com'],
      ['USR-25', admin, 'planner@example.com'],
      ['USR-26', admin, 'pat.planner@example.com'],
      ['USR-27', admin, 'pat.planner@example.com'],
      ['USR-5', admin, 'pat.planner@example.com'],
      ['USR-57', admin, 'pat.planner@example.com'],
      ['USR-58', admin, 'pat.planner@example.com'],
    ]);
    expect(harness.sim.audit.events[0]?.additionalAttributes).toMatchObject({
      modelName: 'FP&A',
      roleName: 'Viewer',
      previousRoleName: 'Planner',
    });
    const model = harness.sim.state.models.get(ids.model);
    expect(model?.users.get('pat.planner@example.com')).toMatchObject({
      role: 'Viewer',
      workspaceAdmin: true,
      sso: true,
    });
    expect(model?.users.has('blocked@example.com')).toBe(false);
    expect(harness.sim.audit.events[5]?.additionalAttributes).toMatchObject({
      previousValue: 'planner@example.com',
      newValue: 'pat.planner@example.com',
    });
  });
});
