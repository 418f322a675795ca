// Tests: ./token-routes.test.ts, ./oauth-routes.test.ts, ./certificate-login.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { Router } from '../internal/router.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { registerTokenRoutes } from './token-routes.js';

/** Registers the auth service (`/token/...`) and the OAuth service (`/oauth/...`). */
export function registerAuthRoutes(router: Router, context: SimulatorContext): void {
  registerTokenRoutes(router, context);
  registerOAuthRoutes(router, context);
}
