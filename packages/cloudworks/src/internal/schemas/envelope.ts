// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { z } from 'zod';

/** The CloudWorks `status` object (the API's code, not always the HTTP status). @internal */
export const statusSchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional(),
});

/** `meta.paging`: every field optional, a number may come as a numeric string. @internal */
export const pagingSchema = z.looseObject({
  currentPageSize: z.coerce.number().optional(),
  totalSize: z.coerce.number().optional(),
  offset: z.coerce.number().optional(),
});

/** `meta` of a list answer. @internal */
export const metaSchema = z.looseObject({
  schema: z.string().optional(),
  paging: pagingSchema.optional(),
  tenantCurrentCount: z.coerce.number().optional(),
  tenantMaxAllowed: z.coerce.number().optional(),
});

/** `{ status?, meta?, [key]: payload }`. @internal */
export function envelopeSchema<const Key extends string, Payload extends z.ZodType>(
  key: Key,
  payload: Payload,
) {
  return z.looseObject({
    status: statusSchema.optional(),
    meta: z.union([metaSchema, z.null()]).optional(),
    [key]: payload,
  }) as unknown as z.ZodType<
    {
      status?: { code?: number; message?: string } | undefined;
      meta?: z.output<typeof metaSchema> | null | undefined;
    } & { [K in Key]: z.output<Payload> }
  >;
}

/** A success answer with nothing else worth reading (`SuccessStatus`): anything, or nothing, will do. @internal */
export const anyBodySchema = z.unknown();

/** A string the server may send as a number (ids are compared as text). @internal */
export const idSchema = z.union([z.string(), z.number()]).transform((value) => String(value));

/** A string that may also be absent or `null` (read as `undefined`). @internal */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => value ?? undefined);

/** A number that may be absent, `null` or a numeric string (read as `undefined` when not a number). @internal */
export const optionalNumber = z
  .unknown()
  .optional()
  .transform((value) => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    return undefined;
  });

/** A boolean that may be absent or `null` (read as `undefined`). @internal */
export const optionalBoolean = z
  .union([z.boolean(), z.null()])
  .optional()
  .transform((value) => value ?? undefined);
