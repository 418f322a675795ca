// Tests: ./parse-response.test.ts

import type { ZodType } from 'zod';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { validationIssues } from './internal/validation-issues.js';

/** Where a response body came from, for the {@link ResponseValidationError} that {@link parseResponse} throws. */
export interface ParseResponseContext {
  method: string;
  url: string;
  /** HTTP status of the (2xx) response. */
  status: number;
  /** The raw body text. @default the value serialized as JSON */
  rawBody?: string | undefined;
  /** Known secret values to scrub from the error. */
  secrets?: Iterable<string> | undefined;
}

/**
 * Parses a response body with `schema`: its data when it matches, otherwise a {@link ResponseValidationError}
 * naming every issue, with the body (redacted, cut) and the request.
 *
 * @throws {@link ResponseValidationError} when the body does not match.
 * @example
 * ```ts
 * const user = await parseResponse(UserSchema, data, { method: 'GET', url, status });
 * ```
 */
export async function parseResponse<Schema extends ZodType>(
  schema: Schema,
  data: unknown,
  context: ParseResponseContext,
): Promise<Schema['_zod']['output']> {
  const parsed = await schema.safeParseAsync(data);
  if (parsed.success) return parsed.data;
  throw new ResponseValidationError({
    method: context.method,
    url: context.url,
    status: context.status,
    issues: validationIssues(parsed.error.issues),
    rawBody: context.rawBody ?? JSON.stringify(data) ?? '',
    ...(context.secrets === undefined ? {} : { secrets: context.secrets }),
  });
}
