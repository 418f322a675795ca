// Tests: ../../integration-client.test.ts
import { z } from 'zod';
import type { IntegrationUser, Model, Workspace, WorkspaceAdmin } from '../../tenant/tenant-types.js';
import { idSchema, openEnum } from './primitives.js';

/** @internal */
export const userSchema: z.ZodType<IntegrationUser> = z.looseObject({
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
