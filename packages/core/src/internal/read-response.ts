// Tests: ../transport/transport.test.ts, ../transport/response-limits.test.ts

import type { ZodType } from 'zod';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { ResponseValidationError, type ValidationIssue } from '../errors/response-validation-error.js';
import type { ResponseType } from '../transport/request-options.js';
import { validationIssues } from './validation-issues.js';

/** Everything needed to read a body within its limit and to report one that does not match. */
export interface ReadContext {
  method: string;
  url: string;
  secrets: () => Iterable<string>;
  /** Largest body read into memory, in bytes. */
  maxBytes: number;
}

/**
 * Reads a 2xx body once, as `responseType` asks, never more than `context.maxBytes` bytes of it. JSON is parsed (an
 * empty body is `undefined`) and checked against `schema`. A `stream` body is handed over unread.
 *
 * @throws {@link ResponseTooLargeError} when the body is over the limit (on its `Content-Length`, before reading, or
 * as soon as the bytes read pass it), {@link ResponseValidationError} when the body is not JSON or does not match
 * the schema.
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
      return concat(await readChunks(response, context));
    case 'text':
      return decode(await readChunks(response, context));
    case 'json':
      return readJson(response, schema, context);
  }
}

/**
 * The declared length of a body that is sent as is. With a `Content-Encoding`, the length is that of the encoded
 * bytes, and only the decoded bytes are counted.
 */
function declaredLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const value = response.headers.get('content-length');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** The body's chunks, refused or stopped once it is over the limit. */
async function readChunks(response: Response, context: ReadContext): Promise<Uint8Array[]> {
  const tooLarge = (contentLength?: number) =>
    new ResponseTooLargeError({
      method: context.method,
      url: context.url,
      status: response.status,
      limitBytes: context.maxBytes,
      contentLength,
      secrets: context.secrets(),
    });
  const declared = declaredLength(response);
  if (declared !== undefined && declared > context.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (!response.body) return [];
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    total += value.byteLength;
    if (total > context.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** UTF-8, as `Response.text()` decodes (a byte order mark is dropped), chunk by chunk. */
function decode(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  const parts = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

async function readJson(
  response: Response,
  schema: ZodType | undefined,
  context: ReadContext,
): Promise<unknown> {
  const text = decode(await readChunks(response, context));
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
  throw invalid(response, context, text, validationIssues(result.error.issues));
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
