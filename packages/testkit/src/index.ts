export type { SimAuditEvent, SimAuditEventType, SimAuditLog, SimAuditRecord } from './audit/audit-log.js';
export type { SimUserRef, SimulatorUi } from './audit/simulator-ui.js';
export type { DeviceDecision } from './auth/device-authorizations.js';
export type { TestCertificate, TestCertificateOptions } from './auth/test-certificate.js';
export { createTestCertificate } from './auth/test-certificate.js';
export type { CloudWorksOptions } from './cloudworks/routes.js';
export type { CloudWorksStorageEndpoints } from './cloudworks/storage-client.js';
export { type DemoTenant, type DemoTenantModel, type DemoTenantOptions, demoTenant } from './demo-tenant.js';
export type {
  ForcedStatusFault,
  LatencyFault,
  RateLimitFault,
  RequestRecord,
  ResetFault,
  RouteMatcher,
} from './faults.js';
export { Faults } from './faults.js';
export type { IntegrationControls, IntegrationTaskSnapshot } from './integration/controls.js';
export { integrationControls } from './integration/controls.js';
export type { SimTaskKind, SimTaskState } from './integration/store.js';
export type {
  ActionSeed,
  ApiKeySeed,
  ExportSeed,
  FileSeed,
  ImportColumnTarget,
  ImportSeed,
  ListSeed,
  ModelSeed,
  ModelUserSeed,
  OAuthClientSeed,
  ProcessSeed,
  TenantSeed,
  TenantSettingsSeed,
  UserSeed,
  WorkspaceSeed,
} from './seed.js';
export type { Simulator, SimulatorOptions } from './simulator.js';
export { startSimulator } from './simulator.js';
export type {
  SimDeviceAuthorization,
  SimList,
  SimModel,
  SimModelUser,
  SimSession,
  SimUser,
  SimulatorSwitches,
  SimWorkspace,
  TenantState,
} from './state.js';
export { type UsersExportDefinition, usersExportSeed } from './users-export-seed.js';
export { type UsersImportLayout, usersImportSeed } from './users-import-seed.js';
