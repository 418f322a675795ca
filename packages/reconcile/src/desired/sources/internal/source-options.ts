// Tests: ../csv-source.test.ts, ../sql-source.test.ts, ../anaplan-model-source.test.ts

import { ConfigurationError } from '@anaplan-access/core';
import { z } from 'zod';

/**
 * Validates the options of a source factory with a strict zod schema, so that a typo fails at once.
 *
 * @throws ConfigurationError naming every problem and, for an unknown key, the valid ones; its `key` is the first
 * option at fault (`refine` names its own).
 */
export function parseSourceOptions<Schema extends z.ZodObject>(
  factory: string,
  schema: Schema,
  options: unknown,
  refine?: (options: z.output<Schema>) => { key: string; problem: string } | undefined,
): z.output<Schema> {
  const result = schema.safeParse(options ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown option${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}` +
          ` (valid options: ${Object.keys(schema.shape).join(', ')})`
        : `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
    );
    const [first] = result.error.issues;
    const key =
      first?.code === 'unrecognized_keys' ? first.keys[0] : first?.path.map(String).join('.') || undefined;
    throw new ConfigurationError(key ?? 'options', `${factory}: ${problems.join('; ')}`);
  }
  const refined = refine?.(result.data);
  if (refined !== undefined) throw new ConfigurationError(refined.key, `${factory}: ${refined.problem}`);
  return result.data;
}

/** Accepts any async iterable (a Node `Readable`, a web `ReadableStream`, an async generator …). */
export function asyncIterableOf<T>() {
  return z.custom<AsyncIterable<T>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function',
    'must be an async iterable (a Node Readable, a web ReadableStream, an async generator …)',
  );
}

/** A mapping from access columns to other names; checked in detail by `checkColumnMapping`. */
export const columnMappingSchema = z.record(z.string(), z.string()).optional();
