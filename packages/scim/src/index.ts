export { applyPatch } from './apply-patch.js';
export {
  entitlementTypes,
  type HasEntitlements,
  workspaceEntitlements,
  workspaceIdsOf,
} from './entitlements.js';
export type { ScimErrorKind } from './error-kinds.js';
export {
  type ComparisonFilter,
  type ComparisonOperator,
  type Filter,
  type FilterValue,
  filter,
  type LogicalFilter,
  type NotFilter,
  type PresentFilter,
} from './filter.js';
export { type PatchOperation, patch, valuePath } from './patch.js';
export {
  type FilterViolation,
  InvalidPatchError,
  isInvalidPatchError,
  isScimRequestRefusedError,
  isUnsupportedFilterError,
  type RefusalReason,
  ScimRequestRefusedError,
  UnsupportedFilterError,
} from './refused-errors.js';
export {
  type ResourceType,
  ResourceTypeSchema,
  type Schema,
  type SchemaAttribute,
  SchemaSchema,
  type ServiceProviderConfig,
  ServiceProviderConfigSchema,
} from './schemas/discovery.js';
export { type ScimErrorBody, ScimErrorSchema } from './schemas/error.js';
export { type ScimListResponse, ScimListResponseSchema } from './schemas/list-response.js';
export {
  type EnterpriseUser,
  type ScimEntitlement,
  type ScimMeta,
  type ScimMultiValue,
  type ScimName,
  type ScimUser,
  type ScimUserInput,
  ScimUserSchema,
} from './schemas/user.js';
export { ScimClient } from './scim-client.js';
export type { ScimClientOptions } from './scim-client-options.js';
export {
  isScimConflictError,
  isScimError,
  type ScimApiError,
  ScimConflictError,
  ScimError,
} from './scim-error.js';
export type { ScimErrorFields } from './scim-error-fields.js';
export type { ScimPage } from './scim-page.js';
export { isUnresolvedConflictError, UnresolvedConflictError } from './unresolved-conflict-error.js';
export { scimUrns } from './urns.js';
export type { ScimUsersResource } from './users.js';
export type { ScimListOptions, WorkspaceChangeOptions } from './users-options.js';
export {
  isWorkspaceChangeError,
  WorkspaceChangeError,
  type WorkspaceChangeResult,
  type WorkspaceFailure,
} from './workspace-change.js';
