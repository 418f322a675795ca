import type { SimulatorContext } from '../internal/context.js';
import type { Router } from '../internal/router.js';

/** Registers the scim API routes. */
export function registerScimRoutes(_router: Router, _context: SimulatorContext): void {}
