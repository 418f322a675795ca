// The public API of @anaplan-access/reconcile, by the folder of each pipeline stage: desired/ (row format, sources),
// target/ (the AccessTarget port, anaplanTarget, observed state), plan/ (planner, policy, operations, render, parse)
// and apply/ (runner, results, audit log, locks); findings, the sharing of equal access (AccessInterner) and
// reconcile() belong to every stage.

export { AccessInterner } from './access-interner.js';
export { type ApplyOptions, apply } from './apply/apply.js';
export { ApplyFailedError, isApplyFailedError } from './apply/apply-failed-error.js';
export type { ApplyEvent, ApplyPhase, ApplyResult, OperationResult } from './apply/apply-result.js';
export type { AuditEntry, AuditSink, AuditSource } from './apply/audit-entry.js';
export { jsonLinesAuditLog } from './apply/audit-log.js';
export { AuditReadError, isAuditReadError } from './apply/audit-read-error.js';
export {
  type ConnectBundle,
  type ConnectBundleModel,
  type ConnectBundleOptions,
  exportConnectBundle,
} from './apply/connect-bundle.js';
export type { ApplyLock, ApplyLockRequest, HeldApplyLock } from './apply/locks/apply-lock.js';
export { type FileLockOptions, fileLock } from './apply/locks/file-lock.js';
export { type InProcessLockOptions, inProcessLock } from './apply/locks/in-process-lock.js';
export {
  type PostgresAdvisoryLockOptions,
  type PostgresLockSession,
  postgresAdvisoryLock,
} from './apply/locks/postgres-advisory-lock.js';
export type { AccessRow } from './desired/access-row.js';
export { AccessRowSchema, accessRowColumns } from './desired/access-row.js';
export type { DesiredModelAccess, DesiredState, DesiredUser, ListAccess } from './desired/desired-state.js';
export type { SourceRef } from './desired/source-ref.js';
export { type AccessQueries, accessSchemaSql } from './desired/sources/access-schema.js';
export {
  type AnaplanModelSourceOptions,
  anaplanModelSource,
} from './desired/sources/anaplan-model-source.js';
export type { AccessColumn, ColumnMapping } from './desired/sources/column-mapping.js';
export { type CsvSourceOptions, csvSource, maxCsvFieldLength } from './desired/sources/csv-source.js';
export type { DesiredStateSource, LoadOptions } from './desired/sources/desired-state-source.js';
export { type PostgresQueryable, postgresClient } from './desired/sources/postgres-client.js';
export type { QueryClient, QueryResult } from './desired/sources/query-client.js';
export { type SqlSourceOptions, sqlSource } from './desired/sources/sql-source.js';
export { sqliteClient } from './desired/sources/sqlite-client.js';
export { type DetectDriftOptions, detectDrift } from './drift/detect-drift.js';
export type { DriftChange, DriftReport, DriftScope, DriftUser } from './drift/drift-report.js';
export { renderDrift } from './drift/render-drift.js';
// Across the stages: findings, and observe → plan → apply in one call.
export type { Finding, FindingKind, FindingSeverity } from './findings.js';
export {
  type AdoptedAccess,
  type AdoptOptions,
  adoptCurrentAccess,
} from './inventory/adopt-current-access.js';
export {
  compareInventories,
  type InventoryAccessChange,
  type InventoryChanges,
  type InventoryUserChange,
} from './inventory/compare-inventories.js';
export { type InventoryOptions, type InventoryTarget, inventory } from './inventory/inventory.js';
export { inventoryRows } from './inventory/inventory-rows.js';
export {
  type Inventory,
  type InventoryAccess,
  type InventoryColumnStatus,
  type InventoryModel,
  type InventoryRow,
  type InventoryUser,
  type InventoryWorkspace,
  inventoryFormatVersion,
} from './inventory/inventory-types.js';
export { type RenderInventoryOptions, renderInventory } from './inventory/render-inventory.js';
export type {
  ManualOperation,
  ModelAccessOperation,
  Operation,
  OperationBase,
  OperationKind,
  SsoExceptionOperation,
  UserActivationOperation,
  UserCreateOperation,
  UserUpdateOperation,
  WorkspaceOperation,
} from './plan/operations.js';
export { parsePlan } from './plan/parse-plan.js';
export { type ObservableTarget, type PlanInput, plan, planFrom } from './plan/plan.js';
export {
  isPlanRefusedError,
  PlanRefusedError,
  type PlanRefusedReason,
  planRefusalRemedies,
} from './plan/plan-refused-error.js';
export type {
  BlockedReason,
  BlockedReasonCode,
  DeletionGuardCounts,
  DeletionGuardResult,
  Plan,
  PlanSummary,
  RecordedPolicy,
} from './plan/plan-types.js';
export { planFormatVersion } from './plan/plan-types.js';
export type { InactivityPolicy, PlanPolicy } from './plan/policy.js';
export { type RenderOptions, renderPlan, summaryLine } from './plan/render.js';
export { type ReconcileOptions, type ReconcileResult, reconcile } from './reconcile.js';
export type {
  AccessTarget,
  ModelAccessBatch,
  ModelAccessEntry,
  ModelAccessResult,
  ObserveOptions,
  SsoExceptionChange,
  TargetCallOptions,
  UserFields,
  WorkspaceWriteResult,
} from './target/access-target.js';
export { anaplanTarget } from './target/anaplan-target.js';
export type {
  AnaplanTargetCloudWorks,
  AnaplanTargetModel,
  AnaplanTargetOptions,
  AnaplanTargetSsoExceptions,
} from './target/anaplan-target-options.js';
export type {
  ModelAccess,
  ModelCatalog,
  ObservedModel,
  ObservedSsoExceptions,
  ObservedState,
  ObservedUser,
  ObservedWorkspace,
} from './target/observed-state.js';
