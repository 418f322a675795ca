// Tests: ../model/action-resource.test.ts
import { ActionNotFoundError } from '../errors/action-not-found-error.js';
import { closeNames } from './close-names.js';

/**
 * Finds an item by an exact id, else an exact name, else a name that differs only in case (when just one does).
 * @throws {ActionNotFoundError} listing the closest names when nothing matches.
 * @internal
 */
export function matchNameOrId<Item extends { id: string; name: string }>(
  items: readonly Item[],
  nameOrId: string,
  where: { collection: string; url: string },
): Item {
  const exact = items.find((item) => item.id === nameOrId) ?? items.find((item) => item.name === nameOrId);
  if (exact) return exact;
  const folded = items.filter((item) => item.name.toLowerCase() === nameOrId.toLowerCase());
  if (folded.length === 1 && folded[0]) return folded[0];
  throw new ActionNotFoundError({
    ...where,
    nameOrId,
    closeNames: closeNames(
      nameOrId,
      items.map((item) => item.name),
    ),
  });
}
