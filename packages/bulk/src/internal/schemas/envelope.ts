// Tests: ../../integration-client.test.ts, ../../model/run-export.test.ts
import { z } from 'zod';
import type { Paging } from '../../list-page.js';

/** @internal */
export const pagingSchema = z.looseObject({
  currentPageSize: z.number(),
  totalSize: z.number(),
  offset: z.number(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

/** The Integration API's `status` object (the Anaplan code, not the HTTP status). @internal */
export const statusSchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional(),
});

/** @internal */
export const metaSchema = z.looseObject({
  schema: z.string().optional(),
  paging: pagingSchema.optional(),
});

/** The envelope fields every Integration API body may carry. @internal */
export interface Envelope {
  meta?: { schema?: string | undefined; paging?: Paging | undefined } | undefined;
  status?: { code?: number | undefined; message?: string | undefined } | undefined;
}

/**
 * The standard envelope `{ meta?, status?, [key]: payload }`. `meta` and `status` are optional because several
 * documented examples leave them out. A collection key may be missing altogether when the collection is empty
 * (live-probed), so list payloads are optional too. @internal
 */
export function envelopeSchema<const Key extends string, Payload extends z.ZodType>(
  key: Key,
  payload: Payload,
): z.ZodType<Envelope & { [K in Key]: z.output<Payload> }> {
  return z.looseObject({
    meta: metaSchema.optional(),
    status: statusSchema.optional(),
    [key]: payload,
  }) as never;
}
