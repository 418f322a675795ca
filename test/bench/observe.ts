// Measurement 2: observe a tenant of N SCIM users (default 20,000) through `anaplanTarget(...).observe()` with
// 50 ms of latency on every request.
// Usage: node test/bench/observe.ts [users]
import type { UserSeed } from '@anaplan-access/testkit';
import { latencyMs, requestBreakdown, startBenchTenant } from './bench-tenant.ts';
import { report } from './child.ts';

const users = Number(process.argv[2] ?? 20_000);
const workspaceId = 'a0000000000000000000000000000001';
const admin = { userName: 'integration@corp.example', password: 'bench-password-1' };
const seeds: UserSeed[] = [
  { userName: admin.userName, password: admin.password, roles: ['USER_ADMIN'], workspaces: [workspaceId] },
];
for (let u = 1; u < users; u += 1)
  seeds.push({ userName: `user${u}@corp.example`, givenName: `Given${u}`, workspaces: [workspaceId] });

const tenant = await startBenchTenant({
  seed: { users: seeds, workspaces: [{ id: workspaceId, name: 'Workspace', admins: [admin.userName] }] },
  admin,
  workspaces: [workspaceId],
});
try {
  // Sessions open, and both processes warmed up on a first stretch of the listing, as in a long-running engine.
  await Promise.all([tenant.scim.users.list().toArray({ limit: 2_000 }), tenant.integration.users.me()]);
  const before = (await tenant.sim.stats()).count;
  const started = performance.now();
  const observed = await tenant.target.observe();
  const seconds = (performance.now() - started) / 1000;
  const { requests } = await tenant.sim.stats(before);
  const scimPages = requests.filter((request) => request.method === 'GET' && /\/Users$/.test(request.path));
  const pages = Math.ceil(users / 100);
  const boundSeconds = (latencyMs / 1000) * (1 + Math.ceil((pages - 1) / tenant.concurrency));
  report({
    users: observed.users.length,
    concurrency: tenant.concurrency,
    scimRequests: scimPages.length,
    minimumRequests: pages,
    otherRequests: requests.length - scimPages.length,
    seconds,
    boundSeconds,
    breakdown: requestBreakdown(requests),
  });
} finally {
  await tenant.close();
}
