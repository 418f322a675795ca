// Tests: ../schemas/schemas.test.ts

import { z } from 'zod';
import { integerish, optional } from './lenient.js';

/** Moves a lower-case `resources` key (seen on some servers) to the RFC's `Resources`. */
function normalizeResourcesKey(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (record['Resources'] === undefined && Array.isArray(record['resources'])) {
    const { resources, ...rest } = record;
    return { ...rest, Resources: resources };
  }
  return value;
}

/**
 * The schema of a SCIM list envelope (see `ScimListResponseSchema`) whose `Resources` are each parsed with
 * `resource`.
 */
export function listResponseOf<T extends z.ZodType>(resource: T) {
  return z.preprocess(
    normalizeResourcesKey,
    z.looseObject({
      schemas: optional(z.array(z.string())),
      totalResults: integerish,
      startIndex: optional(integerish),
      itemsPerPage: optional(integerish),
      Resources: z.preprocess((value) => value ?? [], z.array(resource)),
    }),
  );
}
