import { z } from 'zod';
import { idSchema, openEnum } from './primitives.js';

/** A tenant user record from `GET /users`, `/users/{id}` or `/users/me` (no model roles or access here). */
export interface User {
  /** 32 lower-case hex characters. */
  id: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  emailOptIn?: boolean | undefined;
  customerId?: string | undefined;
  /**
   * Date-time of the last login as Anaplan writes it (`2017-09-07T08:05:37.000+0000`); `null` or absent when the
   * user never logged in (tenants are not known to agree on which). `GET /users?sort=-lastLoginDate` sorts by it.
   */
  lastLoginDate?: string | null | undefined;
  /** Fields the server sends that this type does not name. */
  [field: string]: unknown;
}

/** A workspace from `GET /workspaces`. */
export interface Workspace {
  /** 32 lower-case hex characters. */
  id: string;
  name: string;
  active?: boolean | undefined;
  /** Bytes allowed. */
  sizeAllowance?: number | undefined;
  /** Bytes used (only with `tenantDetails=true`). */
  currentSize?: number | undefined;
  [field: string]: unknown;
}

/** A workspace administrator from `GET /workspaces/{id}/admins`. */
export interface WorkspaceAdmin {
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  active?: boolean | undefined;
  /** Names of other workspaces this person administers. */
  otherWorkspaces?: string[] | undefined;
  [field: string]: unknown;
}

/** Known `activeState` values of a model; others the server adds later are passed through. */
export type ModelActiveState =
  | 'ARCHIVED'
  | 'UNLOCKED'
  | 'ACTIVE'
  | 'PRODUCTION'
  | 'MAINTENANCE'
  | 'PRODUCTION_MAINTENANCE'
  | 'LOCKED'
  | (string & {});

/** A model from `GET /models` or `GET /models/{id}`. */
export interface Model {
  /** 32 upper-case hex characters. */
  id: string;
  name: string;
  activeState?: ModelActiveState | undefined;
  currentWorkspaceId?: string | undefined;
  currentWorkspaceName?: string | undefined;
  modelUrl?: string | undefined;
  memoryUsage?: number | undefined;
  isoCreationDate?: string | undefined;
  lastModified?: string | undefined;
  [field: string]: unknown;
}

/** @internal */
export const userSchema: z.ZodType<User> = z.looseObject({
  id: idSchema,
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  active: z.boolean().optional(),
  emailOptIn: z.boolean().optional(),
  customerId: z.string().optional(),
  lastLoginDate: z.string().nullable().optional(),
});

/** @internal */
export const workspaceSchema: z.ZodType<Workspace> = z.looseObject({
  id: idSchema,
  name: z.string(),
  active: z.boolean().optional(),
  sizeAllowance: z.number().optional(),
  currentSize: z.number().optional(),
});

/** @internal */
export const workspaceAdminSchema: z.ZodType<WorkspaceAdmin> = z.looseObject({
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  active: z.boolean().optional(),
  otherWorkspaces: z.array(z.string()).optional(),
});

/** @internal */
export const modelSchema: z.ZodType<Model> = z.looseObject({
  id: idSchema,
  name: z.string(),
  activeState: openEnum([
    'ARCHIVED',
    'UNLOCKED',
    'ACTIVE',
    'PRODUCTION',
    'MAINTENANCE',
    'PRODUCTION_MAINTENANCE',
    'LOCKED',
  ]).optional(),
  currentWorkspaceId: idSchema.optional(),
  currentWorkspaceName: z.string().optional(),
  modelUrl: z.string().optional(),
  memoryUsage: z.number().optional(),
  isoCreationDate: z.string().optional(),
  lastModified: z.string().optional(),
});
