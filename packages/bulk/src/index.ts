export { type CsvReadOptions, type CsvTable, readCsv, readCsvRows } from './csv/csv-reader.js';
export {
  type CsvCell,
  type CsvWriteOptions,
  type FormulaPolicy,
  isFormulaLike,
  writeCsv,
} from './csv/csv-writer.js';
export type { DumpFailure } from './dump/dump-failure.js';
export { parseDump, readDumpRows } from './dump/parse-dump.js';
export {
  ActionNotFoundError,
  type ActionNotFoundErrorInit,
  isActionNotFoundError,
} from './errors/action-not-found-error.js';
export { CsvFormulaError, type CsvFormulaErrorInit, isCsvFormulaError } from './errors/csv-formula-error.js';
export {
  CsvReadError,
  type CsvReadErrorInit,
  type CsvReadProblem,
  isCsvReadError,
} from './errors/csv-read-error.js';
export {
  DownloadReadError,
  type DownloadReadErrorInit,
  type DownloadReadProblem,
  isDownloadReadError,
} from './errors/download-read-error.js';
export {
  DownloadTooLargeError,
  type DownloadTooLargeErrorInit,
  isDownloadTooLargeError,
} from './errors/download-too-large-error.js';
export type { BulkErrorKind, BulkErrorKinds } from './errors/error-kinds.js';
export { isRecordTooLargeError, RecordTooLargeError } from './errors/record-too-large-error.js';
export { isTaskFailedError, TaskFailedError } from './errors/task-failed-error.js';
export {
  isTaskTimeoutError,
  TaskTimeoutError,
  type TaskTimeoutErrorInit,
} from './errors/task-timeout-error.js';
export {
  isUploadSourceChangedError,
  UploadSourceChangedError,
} from './errors/upload-source-changed-error.js';
export {
  isUsersImportRowError,
  UsersImportRowError,
  type UsersImportRowErrorInit,
} from './errors/users-import-row-error.js';
export { IntegrationClient } from './integration-client.js';
export type { IntegrationClientOptions } from './integration-client-options.js';
export type { IntegrationListOptions } from './list-options.js';
export type { IntegrationPage, Paging } from './list-page.js';
export { ActionResource } from './model/action-resource.js';
export {
  ActionsResource,
  ExportsResource,
  ImportsResource,
  ProcessesResource,
} from './model/action-resources.js';
export { FilesResource } from './model/files-resource.js';
export { ModelClient } from './model/model-client.js';
export type {
  ActionDefinition,
  ExportDefinition,
  ExportMetadata,
  FileChunk,
  ImportDefinition,
  ImportMetadata,
  ImportType,
  ModelFile,
  ModelStatus,
  ProcessDefinition,
  ProcessMetadata,
} from './model/model-object-types.js';
export {
  type DumpReadOptions,
  defaultDumpKeepRows,
  defaultDumpMaxBytes,
  defaultExportMaxBytes,
  type RunActionOptions,
  type RunExportOptions,
  type RunImportOptions,
  type RunOptions,
  type RunProcessOptions,
} from './model/run-options.js';
export type {
  ExportResult,
  FailureCounts,
  ImportCounts,
  ImportResult,
  ProcessActionResult,
  ProcessResult,
} from './model/run-results.js';
export { TaskHandle } from './tasks/task-handle.js';
export type {
  ActionKind,
  FinishedTask,
  MappingParameter,
  Task,
  TaskDetail,
  TaskListEntry,
  TaskResult,
  TaskState,
} from './tasks/task-types.js';
export { defaultPollIntervalMs, defaultWaitTimeoutMs, type WaitOptions } from './tasks/wait-options.js';
export { type ModelListOptions, ModelsResource } from './tenant/models-resource.js';
export type {
  IntegrationUser,
  Model,
  ModelActiveState,
  Workspace,
  WorkspaceAdmin,
} from './tenant/tenant-types.js';
export { IntegrationUsersResource } from './tenant/users-resource.js';
export { WorkspacesResource } from './tenant/workspaces-resource.js';
export { chunkOnRecordBoundaries } from './upload/record-chunker.js';
export type { RecordChunkerOptions } from './upload/record-chunker-options.js';
export type { UploadOptions, UploadProgress, UploadResult } from './upload/upload-options.js';
export type { UploadSource } from './upload/upload-source.js';
export { type UsersImportReader, usersImport } from './users-import/users-import.js';
export type {
  SelectiveAccessItems,
  UsersImportColumns,
  UsersImportCsvBatch,
  UsersImportCsvOptions,
  UsersImportRejectedRow,
  UsersImportRow,
} from './users-import/users-import-types.js';
