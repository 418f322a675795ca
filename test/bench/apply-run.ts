// Measurement 3: apply a plan of SCIM changes and model changes on a simulator with 50 ms latency and a rate
// limit, then re-plan to check that the tenant converged. Usage: node test/bench/apply-run.ts [users] [rate]
import { apply, type Plan, plan } from '@anaplan-access/reconcile';
import { importStartAttempts, importsRunPerModel } from './apply-imports.ts';
import { admin, applyDesired, applySeed, applyTargetModels, applyWorkspaces } from './apply-workload.ts';
import { latencyMs, requestBreakdown, startBenchTenant } from './bench-tenant.ts';
import { report } from './child.ts';

const users = Number(process.argv[2] ?? 5_000);
const rate = Number(process.argv[3] ?? 50);

/**
 * The fewest requests a plan can be applied with: one SCIM call per user and phase, and per model import four: the
 * import's definition (the target names the import; its data file's id is not configured), the upload, the start
 * and one poll.
 */
function minimumRequests(changes: Plan): { scim: number; imports: number; models: number } {
  const groups = new Set<string>();
  let scim = 0;
  const models = new Set<string>();
  for (const operation of changes.operations) {
    if (operation.kind === 'model.access.set' || operation.kind === 'model.access.revoke')
      models.add(operation.modelId);
    else if (operation.kind === 'workspace.grant' || operation.kind === 'workspace.revoke')
      groups.add(`${operation.kind}:${operation.userName.toLowerCase()}`);
    else if (operation.kind !== 'manual') scim += 1;
  }
  return { scim: scim + groups.size, imports: 4 * models.size, models: models.size };
}

const desired = applyDesired(users);
const targetModels = applyTargetModels();
const tenant = await startBenchTenant({
  seed: applySeed(users),
  admin,
  workspaces: applyWorkspaces,
  models: targetModels,
  rateLimit: rate,
});
try {
  const changes = await plan({ desired, target: tenant.target, policy: { allowDestructive: true } });
  const minimum = minimumRequests(changes);
  const modelChanges = changes.operations.filter((operation) => operation.kind.startsWith('model.')).length;
  const scimChanges = changes.operations.length - modelChanges;
  const before = await tenant.sim.stats();
  const started = performance.now();
  const result = await apply(changes, { target: tenant.target, verifyFingerprint: false });
  const seconds = (performance.now() - started) / 1000;
  const after = await tenant.sim.stats(before.count);
  const requests = after.requests.length;
  const minimumTotal = minimum.scim + minimum.imports;
  // Read after the measured window: these requests do not count towards `requests`.
  const importsPerModel = await importsRunPerModel(tenant.integration, targetModels, changes);
  const importStarts = importStartAttempts(after.requests);
  const again = await plan({ desired, target: tenant.target, policy: { allowDestructive: true } });
  report({
    users,
    rate,
    latencyMs,
    concurrency: tenant.concurrency,
    scimChanges,
    modelChanges,
    models: minimum.models,
    outcome: result.outcome,
    counts: result.counts,
    requests,
    minimumRequests: minimumTotal,
    rateLimited: after.rateLimited - before.rateLimited,
    imports: importsPerModel.reduce((sum, count) => sum + count, 0),
    importsPerModel,
    importStartAttempts: importStarts.attempts,
    importStartsRateLimited: importStarts.rateLimited,
    seconds,
    boundSeconds: Math.max(minimumTotal / rate, (minimumTotal * latencyMs) / 1000 / tenant.concurrency),
    convergedOperations: again.operations.length,
    breakdown: requestBreakdown(after.requests),
  });
} finally {
  await tenant.close();
}
