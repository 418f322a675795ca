// Tests: ../audit-client.test.ts

import { z } from 'zod';

const optionalText = z.string().optional();

/** One event; unknown fields are kept. */
export const auditEventSchema = z.looseObject({
  id: z.number().int(),
  eventTypeId: z.string(),
  userId: optionalText,
  tenantId: optionalText,
  objectId: optionalText,
  objectTypeId: optionalText,
  objectTenantId: optionalText,
  additionalAttributes: z.record(z.string(), z.unknown()).nullable().optional(),
  message: optionalText,
  success: z.boolean().optional(),
  errorNumber: optionalText,
  ipAddress: optionalText,
  userAgent: optionalText,
  sessionId: optionalText,
  hostName: optionalText,
  serviceVersion: optionalText,
  eventDate: z.number(),
  eventTimeZone: optionalText,
  createdDate: z.number().optional(),
  createdTimeZone: optionalText,
  checksum: optionalText,
});

/** `meta.paging`, with Anaplan's spelling. */
export const auditPagingSchema = z.object({
  currentPageSize: z.number().int(),
  totalSize: z.number().int(),
  offSet: z.number().int(),
  nextOffset: z.number().int().optional(),
  nextUrl: optionalText,
  previousUrl: optionalText,
});

/** The answer of `GET /events`. */
export const auditEventsResponseSchema = z.object({
  meta: z.object({ paging: auditPagingSchema.optional() }).optional(),
  response: z.array(auditEventSchema),
});
