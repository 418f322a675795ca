import type { Finding } from '../../findings.js';
import type { ResolvedPolicy } from '../policy.js';
import type { ObservedIndex } from './observed-index.js';
import type { TargetIndex } from './resolve-desired.js';

/** What the planner's walk over users shares, built once per plan. */
export interface UserPlanContext {
  policy: ResolvedPolicy;
  /** The target's workspaces and models. */
  index: TargetIndex;
  /** Anaplan's users and their access. */
  observed: ObservedIndex;
  /** Identity keys of the users the plan may not change. */
  protectedUsers: Set<string>;
  /** Where the walk adds its findings (a protected user's skipped changes). */
  findings: Finding[];
}
