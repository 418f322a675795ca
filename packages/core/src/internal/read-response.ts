import type { ZodType } from 'zod';
import { ResponseValidationError, type ValidationIssue } from '../errors/response-validation-error.js';
import type { ResponseType } from '../transport/request-options.js';

/** Everything needed to report a body that does not match. */
export interface ReadContext {
  method: string;
  url: string;
  secrets: () => Iterable<string>;
}

/**
 * Reads a 2xx body once, as `responseType` asks. JSON is parsed (an empty body is `undefined`) and checked against
 * `schema`.
 *
 * @throws {@link ResponseValidationError} when the body is not JSON or does not match the schema.
 */
export async function readResponse(
  response: Response,
  responseType: ResponseType,
  schema: ZodType | undefined,
  context: ReadContext,
): Promise<unknown> {
  switch (responseType) {
    case 'none':
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    case 'stream':
      return response.body;
    case 'bytes':
      return new Uint8Array(await response.arrayBuffer());
    case 'text':
      return response.text();
    case 'json':
      return readJson(response, schema, context);
  }
}

async function readJson(
  response: Response,
  schema: ZodType | undefined,
  context: ReadContext,
): Promise<unknown> {
  const text = await response.text();
  let value: unknown;
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw invalid(response, context, text, [
        { code: 'invalid_json', path: [], message: 'the body is not JSON' },
      ]);
    }
  }
  if (!schema) return value;
  const result = await schema.safeParseAsync(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
  }));
  throw invalid(response, context, text, issues);
}

function invalid(
  response: Response,
  context: ReadContext,
  rawBody: string,
  issues: ValidationIssue[],
): ResponseValidationError {
  return new ResponseValidationError({
    method: context.method,
    url: context.url,
    status: response.status,
    issues,
    rawBody,
    secrets: context.secrets(),
  });
}
