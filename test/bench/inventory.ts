// Measurement (issue 17 §6): an inventory of a tenant of 20,000 users and 200 models of 500 users each (in 10
// workspaces of 2,000 members), through `inventory(anaplanTarget(...))` with 50 ms of latency on every request:
// requests against the minimum, wall time against a bound, peak RSS. The integration account is a Tenant
// Administrator too, so licences are read from the Administration API's user export. Figures are printed, nothing
// is asserted.
// Usage: node test/bench/inventory.ts [models] [usersPerModel] [tenantUsers]
import { basicAuth } from '@anaplan-access/core';
import { inventory } from '@anaplan-access/reconcile';
import type { ModelSeed, UserSeed } from '@anaplan-access/testkit';
import { usersImportColumns, usersImportSeed } from '../helpers/users-import-fixture.ts';
import { latencyMs, pollIntervalMs, requestBreakdown, startBenchTenant } from './bench-tenant.ts';
import { peakRssMb, report } from './child.ts';

const models = Number(process.argv[2] ?? 200);
const usersPerModel = Number(process.argv[3] ?? 500);
const tenantUsers = Number(process.argv[4] ?? 20_000);
const workspaceCount = 10;
const workspaceId = (index: number) => `e${String(index).padStart(31, '0')}`;
const modelId = (index: number) => `C${String(index).padStart(31, '0')}`;
const admin = { userName: 'integration@corp.example', password: 'bench-password-1' };
const membersPerWorkspace = Math.ceil(tenantUsers / workspaceCount);
const roles = ['Planner', 'Viewer', 'Reviewer'];
const regions = ['EMEA', 'APAC', 'AMER'];
const columns = usersImportColumns(['Regions']);

const users: UserSeed[] = [
  {
    userName: admin.userName,
    password: admin.password,
    roles: ['USER_ADMIN', 'TENANT_ADMIN'],
    workspaces: Array.from({ length: workspaceCount }, (_, index) => workspaceId(index)),
  },
];
const day = 86_400_000;
for (let u = 1; u < tenantUsers; u += 1)
  users.push({
    userName: `user${u}@corp.example`,
    givenName: `Given${u}`,
    workspaces: [workspaceId(u % workspaceCount)],
    licenses: [u % 4 === 0 ? 'Viewer' : 'Full Access'],
    lastLoginDate: u % 7 === 0 ? null : new Date(Date.now() - (u % 200) * day).toISOString(),
  });
const modelSeeds: ModelSeed[] = [];
for (let m = 0; m < models; m += 1) {
  const workspace = m % workspaceCount;
  const modelUsers: NonNullable<ModelSeed['users']> = [];
  // 500 of the workspace's members, a different stretch for each model of the workspace.
  const offset = (Math.floor(m / workspaceCount) * usersPerModel) % membersPerWorkspace;
  for (let k = 0; k < usersPerModel; k += 1) {
    const u = workspace + workspaceCount * ((offset + k) % membersPerWorkspace);
    if (u === 0 || u >= tenantUsers) continue;
    modelUsers.push({
      email: `user${u}@corp.example`,
      role: roles[u % roles.length] as string,
      sso: u % 3 !== 0,
      selectiveAccess: { Regions: { read: [regions[u % 3] as string] } },
    });
  }
  modelSeeds.push({
    id: modelId(m),
    name: `Model ${m}`,
    workspaceId: workspaceId(workspace),
    roles,
    lists: [{ name: 'Regions', items: regions, selectiveAccess: true }],
    users: modelUsers,
    imports: [usersImportSeed(['Regions'])],
    exports: [
      {
        name: 'Users export',
        source: 'users',
        columns: {
          Email: 'email',
          'First Name': 'firstName',
          'Last Name': 'lastName',
          Role: 'role',
          SSO: 'sso',
          'Regions Read': 'read:Regions',
          'Regions Write': 'write:Regions',
        },
      },
    ],
  });
}
const workspaces = Array.from({ length: workspaceCount }, (_, index) => workspaceId(index));
const tenant = await startBenchTenant({
  seed: {
    users,
    workspaces: workspaces.map((id, index) => ({ id, name: `Workspace ${index}`, admins: [admin.userName] })),
    models: modelSeeds,
  },
  admin,
  workspaces,
  models: modelSeeds.map((model) => ({
    workspaceId: model.workspaceId,
    modelId: model.id as string,
    name: model.name,
    usersImport: { importId: 'Users import', columns },
    usersExport: { exportId: 'Users export', columns },
  })),
});
try {
  await tenant.integration.users.me(); // the session open, as in a long-running engine
  const before = (await tenant.sim.stats()).count;
  const started = performance.now();
  const taken = await inventory(tenant.target, {
    administration: {
      auth: basicAuth({ username: admin.userName, password: admin.password }),
      authUrl: tenant.sim.authUrl,
      baseUrl: tenant.sim.adminUrl,
      concurrency: tenant.concurrency,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const { requests } = await tenant.sim.stats(before);
  const breakdown = requestBreakdown(requests);
  // Every export's task is polled until done: the first poll of each is needed, the others are waiting.
  const taskPolls = requests.filter(
    (request) => request.method === 'GET' && /\/tasks\/[^/]+$/.test(request.path),
  );
  const extraPolls = Math.max(0, taskPolls.length - models);
  const minimumRequests = requests.length - extraPolls;
  const perClient = (pattern: RegExp) => requests.filter((request) => pattern.test(request.path)).length;
  const scimRequests = perClient(/\/scim\//);
  const adminRequests = perClient(/\/admin\/1\/0\//);
  const integrationRequests = requests.length - scimRequests - adminRequests;
  // The bound: each client sends `concurrency` requests at a time, each taking the latency (the Administration API's
  // pages one after another); each export's task also runs (the simulator's 20 ms) and is polled after the poll
  // interval.
  const bound =
    (latencyMs / 1000) *
      Math.max(
        Math.ceil(scimRequests / tenant.concurrency),
        Math.ceil((integrationRequests - extraPolls) / tenant.concurrency),
        adminRequests, // the user export's pages, one after another
      ) +
    (pollIntervalMs / 1000) * Math.ceil(models / tenant.concurrency);
  report({
    models,
    usersPerModel,
    tenantUsers,
    users: taken.users.length,
    accessRows: taken.access.length,
    lastLoginsKnown: taken.lastLogins.known,
    licencesKnown: taken.licences.known,
    concurrency: tenant.concurrency,
    requests: requests.length,
    minimumRequests,
    extraTaskPolls: extraPolls,
    seconds,
    boundSeconds: bound,
    ratio: seconds / bound,
    peakRssMb: Math.round(peakRssMb()),
    breakdown,
  });
} finally {
  await tenant.close();
}
