export type {
  AccessRow,
  DesiredModelAccess,
  DesiredState,
  DesiredUser,
  ListAccess,
  SourceRef,
} from './desired-state.js';
export { AccessRowSchema, accessRowColumns, isEmail } from './desired-state.js';
export type { Finding, FindingKind, FindingSeverity } from './findings.js';
