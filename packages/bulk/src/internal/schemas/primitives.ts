// Tests: ../../integration-client.test.ts
import { z } from 'zod';

/**
 * An Anaplan id. The API sends ids as JSON strings; a number is turned into its decimal string so ids are always
 * compared as text. @internal
 */
export const idSchema = z.union([z.string(), z.number()]).transform((value) => String(value));

/**
 * A string field with known values that tolerates values the server adds later: it is typed as the known union
 * plus `string`, and any string passes validation. @internal
 */
export function openEnum<const Values extends readonly string[]>(
  _values: Values,
): z.ZodType<Values[number] | (string & {}), unknown> {
  return z.string() as z.ZodType<Values[number] | (string & {}), unknown>;
}

/** A number the server may also send as a numeric string (`"474900"`). @internal */
export const looseNumberSchema = z.union([z.number(), z.string().transform(Number)]);
