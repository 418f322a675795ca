import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { anaplanTarget, apply, csvSource, plan, renderPlan } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator, usersImportSeed } from '@anaplan-access/testkit';
import { afterEach, expect, it } from 'vitest';

// Issue 15 §4: a simulator seeded with a Users export that names no columns, and the column mapping the README
// shows (SSO in a column named "SSO"), work together from the first run: the export's default headers are the ones
// that mapping names. The export used to write "Single Sign-On", and observing the model failed with a
// ConfigurationError before anything was planned.

const workspaceId = '8a81b09e5f1d4c2f9a3e7b6c5d4e3f99';
const modelId = 'D1A2B3C4D5E6F708192A3B4C5D6E7F99';
const admin = { username: 'integration@example.com', password: 'integration-password' };
/** The README's mapping, with its selective-access columns. */
const columns = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  role: 'Role',
  sso: 'SSO',
  selectiveAccess: { Regions: { read: 'Regions Read', write: 'Regions Write', none: 'Regions None' } },
};

let sim: Simulator | undefined;
const clients: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await sim?.close();
  sim = undefined;
});

it('plans, applies and re-plans "No changes" for a new user against an export with the default headers', async () => {
  sim = await startSimulator({
    seed: {
      users: [
        {
          userName: admin.username,
          password: admin.password,
          roles: ['USER_ADMIN'],
          workspaces: [workspaceId],
        },
      ],
      workspaces: [{ id: workspaceId, name: 'Finance', admins: [admin.username] }],
      models: [
        {
          id: modelId,
          name: 'Budget',
          workspaceId,
          roles: ['Planner'],
          lists: [{ name: 'Regions', items: ['EMEA', 'APAC'], selectiveAccess: true }],
          users: [{ email: admin.username, role: 'Full Access', workspaceAdmin: true }],
          imports: [usersImportSeed(columns, { name: 'Users import' })],
          // No columns: the simulator's default headers.
          exports: [{ name: 'Users export', source: 'users' }],
        },
      ],
    },
  });
  const auth = basicAuth(admin);
  const scim = new ScimClient({ auth, baseUrl: sim.scimUrl, authUrl: sim.authUrl });
  const integration = new IntegrationClient({ auth, baseUrl: sim.apiUrl, authUrl: sim.authUrl });
  clients.push(scim, integration);
  const target = anaplanTarget({
    scim,
    integration,
    workspaces: [workspaceId],
    models: [
      {
        workspaceId,
        modelId,
        usersImport: { importId: 'Users import', columns },
        usersExport: { exportId: 'Users export', columns },
        // No one holds Planner yet, so the export cannot show it: the roles the source may name.
        roles: ['Planner'],
      },
    ],
    taskWait: { intervalMs: 20 },
  });
  const source = csvSource({
    text: [
      'email,first_name,last_name,workspace,model,role,sso,list,item,access',
      `jane.doe@example.com,Jane,Doe,${workspaceId},${modelId},Planner,false,Regions,EMEA,read`,
    ].join('\n'),
  });

  const first = await plan({ desired: await source.load(), target });
  expect(first.blocked).toBe(false);
  expect(first.operations.map((operation) => operation.kind)).toContain('user.create');
  const result = await apply(first, { target });
  expect(result.outcome).toBe('succeeded');
  expect(sim.state.models.get(modelId)?.users.get('jane.doe@example.com')).toMatchObject({
    role: 'Planner',
    selectiveAccess: { Regions: { read: ['EMEA'], write: [] } },
  });

  const again = await plan({ desired: await source.load(), target });
  expect(again.operations).toEqual([]);
  expect(renderPlan(again)).toContain('No changes');
});
