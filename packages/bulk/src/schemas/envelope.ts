import { z } from 'zod';

/** The `meta.paging` block of a paged Integration API list. */
export interface Paging {
  /** Items in this page. */
  currentPageSize: number;
  /** Items across all pages. */
  totalSize: number;
  /** 0-based index of this page's first item. */
  offset: number;
  /** Absolute URL of the next page, when there is one. */
  next?: string | undefined;
  /** Absolute URL of the previous page, past the first one. */
  previous?: string | undefined;
}

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
