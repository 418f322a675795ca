// Tests: ./schemas.test.ts

import { z } from 'zod';
import { integerish, optional } from '../internal/lenient.js';

/**
 * A SCIM error body (RFC 7644 §3.12). `status` is a string in the RFC and on Anaplan (`"404"`) but a number on
 * some servers; both parse to a number.
 *
 * @example
 * ```ts
 * ScimErrorSchema.parse({ schemas: [scimUrns.error], status: '409', scimType: 'uniqueness' }).status; // 409
 * ```
 */
export const ScimErrorSchema = z.looseObject({
  schemas: optional(z.array(z.string())),
  status: optional(integerish),
  scimType: optional(z.string()),
  detail: optional(z.string()),
});

/** A parsed SCIM error body. */
export type ScimErrorBody = z.infer<typeof ScimErrorSchema>;
