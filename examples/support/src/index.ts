export { type Connection, connect, type SimulatedTenant } from './connection.ts';
export { printApplyResult } from './print-apply-result.ts';
export { type ReconcileOutcome, runReconcileFlow } from './reconcile-flow.ts';
export { policyOf, readTargetConfig, type TargetConfig } from './target-config.ts';
export { integrationAccount, simulatedTarget, simulatedTenant } from './tenant.ts';
