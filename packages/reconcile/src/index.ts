export type {
  AccessTarget,
  ModelAccessEntry,
  ModelAccessResult,
  TargetCallOptions,
  WorkspaceWriteResult,
} from './access-target.js';
export { anaplanTarget } from './anaplan-target.js';
export type { AnaplanTargetModel, AnaplanTargetOptions } from './anaplan-target-options.js';
export { type ApplyOptions, apply } from './apply.js';
export { ApplyFailedError, isApplyFailedError } from './apply-failed-error.js';
export type {
  ApplyEvent,
  ApplyPhase,
  ApplyResult,
  AuditEntry,
  AuditSink,
  AuditSource,
  OperationResult,
} from './apply-types.js';
export { jsonLinesAuditLog } from './audit-log.js';
export type {
  AccessRow,
  DesiredModelAccess,
  DesiredState,
  DesiredUser,
  ListAccess,
  SourceRef,
} from './desired-state.js';
export { AccessRowSchema, accessRowColumns, isEmail } from './desired-state.js';
export {
  AuditReadError,
  isAuditReadError,
  isPlanRefusedError,
  PlanRefusedError,
  type PlanRefusedReason,
  planRefusalRemedies,
} from './errors.js';
export type { Finding, FindingKind, FindingSeverity } from './findings.js';
export type { ApplyLock, ApplyLockRequest, HeldApplyLock } from './locks/apply-lock.js';
export { type FileLockOptions, fileLock } from './locks/file-lock.js';
export { type InProcessLockOptions, inProcessLock } from './locks/in-process-lock.js';
export {
  type PostgresAdvisoryLockOptions,
  type PostgresLockSession,
  postgresAdvisoryLock,
} from './locks/postgres-advisory-lock.js';
export type {
  ModelAccess,
  ModelCatalog,
  ObservedModel,
  ObservedState,
  ObservedUser,
  ObservedWorkspace,
} from './observed-state.js';
export type {
  ManualOperation,
  ModelAccessOperation,
  Operation,
  OperationKind,
  UserActivationOperation,
  UserCreateOperation,
  UserFields,
  UserUpdateOperation,
  WorkspaceOperation,
} from './operations.js';
export { type ObservableTarget, type PlanInput, plan, planFrom } from './plan.js';
export type {
  BlockedReason,
  BlockedReasonCode,
  DeletionGuardCounts,
  DeletionGuardResult,
  Plan,
  PlanSummary,
  RecordedPolicy,
} from './plan-types.js';
export { planFormatVersion } from './plan-types.js';
export type { PlanPolicy } from './policy.js';
export { type ReconcileOptions, type ReconcileResult, reconcile } from './reconcile.js';
export { parsePlan, type RenderOptions, renderPlan, summaryLine } from './render.js';
export { type AccessQueries, accessSchemaSql } from './sources/access-schema.js';
export { type AnaplanModelSourceOptions, anaplanModelSource } from './sources/anaplan-model-source.js';
export type { AccessColumn, ColumnMapping } from './sources/column-mapping.js';
export { type CsvSourceOptions, csvSource, maxCsvFieldLength } from './sources/csv-source.js';
export type { DesiredStateSource, LoadOptions } from './sources/desired-state-source.js';
export { type PostgresQueryable, postgresClient } from './sources/postgres-client.js';
export type { QueryClient, QueryResult } from './sources/query-client.js';
export { type SqlSourceOptions, sqlSource } from './sources/sql-source.js';
export { sqliteClient } from './sources/sqlite-client.js';
