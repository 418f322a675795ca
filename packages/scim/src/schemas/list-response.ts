// Tests: ./schemas.test.ts

import { z } from 'zod';
import { listResponseOf } from '../internal/list-response-of.js';

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

/** A SCIM list envelope (see {@link ScimListResponseSchema}). */
export type ScimListResponse = z.infer<typeof ScimListResponseSchema>;
