import type { SimAuditLog } from '../audit/audit-log.js';
import type { Faults } from '../faults.js';
import type { TenantState } from '../state.js';

/** What each API module of the simulator is given when it registers its routes. */
export interface SimulatorContext {
  readonly state: TenantState;
  readonly faults: Faults;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
  /** The simulator's clock in epoch ms (tests may shift it with `advanceTime`). */
  now(): number;
  /** Lifetime of auth-service tokens in ms. */
  readonly tokenTtlMs: number;
  /** The tenant's audit trail: every change records its event here. */
  readonly audit: SimAuditLog;
}
