// Measurement 4: the naive peer (naive-peer.ts) on a tenth of measurement 3's workload, on the same simulator
// settings. Usage: node test/bench/naive-run.ts [users] [rate]
import { plan } from '@anaplan-access/reconcile';
import { admin, applyDesired, applySeed, applyTargetModels, applyWorkspaces } from './apply-workload.ts';
import { pollIntervalMs, startBenchTenant } from './bench-tenant.ts';
import { report } from './child.ts';
import { runNaivePeer } from './naive-peer.ts';

const users = Number(process.argv[2] ?? 500);
const rate = Number(process.argv[3] ?? 50);
const desired = applyDesired(users);
const models = applyTargetModels();
const tenant = await startBenchTenant({
  seed: applySeed(users),
  admin,
  workspaces: applyWorkspaces,
  models,
  rateLimit: rate,
});
try {
  const changes = await plan({ desired, target: tenant.target, policy: { allowDestructive: true } });
  const before = await tenant.sim.stats();
  const started = performance.now();
  const done = await runNaivePeer(changes, tenant, models, pollIntervalMs);
  const seconds = (performance.now() - started) / 1000;
  const after = await tenant.sim.stats(before.count);
  const again = await plan({ desired, target: tenant.target, policy: { allowDestructive: true } });
  report({
    users,
    changes: done,
    requests: after.requests.length,
    rateLimited: after.rateLimited - before.rateLimited,
    seconds,
    convergedOperations: again.operations.length,
  });
} finally {
  await tenant.close();
}
