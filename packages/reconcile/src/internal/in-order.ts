// Tests: ../plan/internal/fingerprints.test.ts, ../desired/internal/check-desired-users.test.ts

import type { ObservedUser } from '../target/observed-state.js';
import { compareText } from './compare-text.js';

/**
 * The items in the order `compare` gives: the same array when they are in that order already (the usual case for
 * states the engine's producers hand over), a stable-sorted copy otherwise.
 */
export function inOrder<T>(items: readonly T[], compare: (left: T, right: T) => number): readonly T[] {
  for (let index = 1; index < items.length; index += 1)
    if (compare(items[index - 1] as T, items[index] as T) > 0) return [...items].sort(compare);
  return items;
}

/** Users with their identity key (`userNameKey` of their userName), in order of that key, then of id. */
export function keyedByUserName<T extends { key: string; user: ObservedUser }>(
  items: readonly T[],
): readonly T[] {
  return inOrder(
    items,
    (left, right) => compareText(left.key, right.key) || compareText(left.user.id, right.user.id),
  );
}
