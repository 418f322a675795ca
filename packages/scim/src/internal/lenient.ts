// Tests: ../schemas/schemas.test.ts

import { z } from 'zod';

/**
 * An optional attribute that also accepts `null` (several SCIM servers send `null` for "not set"); `null` is read
 * as absent so that callers only ever see `undefined`.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

/**
 * A boolean that also accepts the strings `"True"`/`"False"` (any case). Anaplan's documentation examples show
 * `"active": "True"`, and Entra-era servers echo string booleans.
 */
export const booleanish = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return value;
}, z.boolean());

/** An integer that also accepts its decimal string form (`"404"`, `"20"`). */
export const integerish = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int(),
);

/** An array that also accepts a single object where a list was expected. */
export function arrayOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
    z.array(item),
  );
}
