// Tests: ./tenant-routes.test.ts, ./model-routes.test.ts, ./action-routes.test.ts, ./file-routes.test.ts, ./task-routes.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { Router } from '../internal/router.js';
import { registerActionRoutes } from './action-routes.js';
import { IntegrationApi } from './api.js';
import { registerFileRoutes } from './file-routes.js';
import { registerModelRoutes } from './model-routes.js';
import { registerTaskRoutes } from './task-routes.js';
import { registerTenantRoutes } from './tenant-routes.js';

/**
 * Registers the Integration API v2 (`/2/0/...`): tenant users, workspaces and their admins, models (status, open,
 * close), action definitions, files (single and chunked upload, gzip chunks, chunked download), tasks with the model
 * lock, the USERS import and exports, and failure dumps. Every response uses the documented envelope.
 */
export function registerIntegrationRoutes(router: Router, context: SimulatorContext): void {
  const api = new IntegrationApi(router, context);
  registerTenantRoutes(api);
  registerModelRoutes(api);
  registerActionRoutes(api);
  registerFileRoutes(api);
  registerTaskRoutes(api);
}
