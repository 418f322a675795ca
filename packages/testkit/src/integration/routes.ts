import type { SimulatorContext } from '../internal/context.js';
import type { Router } from '../internal/router.js';

/** Registers the integration API routes. */
export function registerIntegrationRoutes(_router: Router, _context: SimulatorContext): void {}
