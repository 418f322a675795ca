import type { SimulatorContext } from '../internal/context.js';
import type { Router } from '../internal/router.js';

/** Registers the auth API routes. */
export function registerAuthRoutes(_router: Router, _context: SimulatorContext): void {}
