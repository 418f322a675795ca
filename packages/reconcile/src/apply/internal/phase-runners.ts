import type { ApplyRun } from './apply-run.js';
import { runCreates } from './create-runner.js';
import { runDeactivations } from './deactivate-runner.js';
import { runGrants } from './grant-runner.js';
import { runModelAccess } from './model-access-runner.js';
import { runRevocations } from './revoke-runner.js';
import { runSsoExceptions } from './sso-exception-runner.js';
import { runUpdates } from './update-runner.js';

/**
 * The phase runners in dependency order: create → update → grant workspaces → model access → SSO exceptions →
 * deactivate → revoke workspaces. Deactivation comes before the workspace revocations, so an interrupted leaver is
 * never left active outside every managed workspace.
 */
export const phaseRunners: readonly ((run: ApplyRun) => Promise<void>)[] = [
  runCreates,
  runUpdates,
  runGrants,
  runModelAccess,
  runSsoExceptions,
  runDeactivations,
  runRevocations,
];

/**
 * Runs every phase, then reports the `manual` operations as left for a person. Never rejects, and resolves only
 * once nothing is in flight (see {@link ApplyRun}).
 */
export async function runPhases(run: ApplyRun): Promise<void> {
  for (const runPhase of phaseRunners) await runPhase(run);
  for (const operation of run.plan.operations)
    if (operation.kind === 'manual')
      await run.guarded(() => run.finish(operation, { status: 'manual', error: operation.action }));
}
