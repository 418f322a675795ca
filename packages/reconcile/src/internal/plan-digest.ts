import { createHash } from 'node:crypto';
import type { Plan } from '../plan-types.js';
import { canonicalJson } from './fingerprint.js';

/**
 * `sha256:<hex>` over the canonical JSON (keys sorted at every level, undefined fields left out) of every field of
 * the plan but `digest` itself. The same for a plan in memory and for that plan read back from its JSON rendering.
 */
export function planDigest(plan: Omit<Plan, 'digest'> | Plan): string {
  const { digest: _digest, ...content } = plan as Plan;
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
