import { z } from 'zod';
import { integerish, optional } from '../internal/lenient.js';

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
 * The envelope of a SCIM list (RFC 7644 §3.4.2), with each resource left unparsed. Tolerant of real servers:
 * `schemas` may be missing (Anaplan's `/Users` example has none), `Resources` may be absent when empty, numbers may
 * arrive as strings, and `itemsPerPage` is kept but never trusted (Anaplan answers `itemsPerPage: 10` for a single
 * resource) — page by `Resources.length` instead.
 *
 * @example
 * ```ts
 * const list = ScimListResponseSchema.parse(body);
 * const users = list.Resources.map((resource) => ScimUserSchema.parse(resource));
 * ```
 */
export const ScimListResponseSchema = listResponseOf(z.unknown());

/**
 * A {@link ScimListResponseSchema} whose `Resources` are each parsed with `resource`.
 * @internal
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

/** A SCIM list envelope (see {@link ScimListResponseSchema}). */
export type ScimListResponse = z.infer<typeof ScimListResponseSchema>;
