// Tests: ../plan/internal/deletion-guard.test.ts, test/trust/import-rows-and-preflight.test.ts

import type { ListAccess } from '../desired/desired-state.js';
import type { ModelAccess } from '../target/observed-state.js';
import { isNoAccess } from './model-access.js';

/**
 * The selective-access items a user had and should no longer have, per list. A USERS import only adds items, so
 * these must be sent as "None". Nothing is derived when the previous access is unknown or the new role is
 * `No Access` (which clears every item by itself).
 */
export function removedItems(
  previous: ModelAccess | 'unknown' | null,
  next: ModelAccess,
): Record<string, string[]> {
  if (previous === null || previous === 'unknown' || isNoAccess(next.role)) return {};
  const removed: Record<string, string[]> = {};
  for (const [list, access] of Object.entries(previous.selectiveAccess)) {
    const kept = next.selectiveAccess[list] as ListAccess | undefined;
    const keep = new Set([...(kept?.read ?? []), ...(kept?.write ?? [])]);
    const gone = [...(access as ListAccess).read, ...(access as ListAccess).write].filter(
      (item) => !keep.has(item),
    );
    if (gone.length > 0) removed[list] = gone;
  }
  return removed;
}
