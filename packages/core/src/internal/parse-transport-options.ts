// Tests: ../transport/transport-options.test.ts

import { z } from 'zod';
import { type AuthProvider, isAuthProvider } from '../auth/auth-provider.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { type Logger, silentLogger } from '../logger.js';
import { type BaseUrls, type RegionCode, regions, resolveBaseUrls } from '../regions.js';
import type { TransportOptions } from '../transport/transport-options.js';
import { VERSION } from '../version.js';

/** Largest timer delay Node accepts. */
const maxTimeoutMs = 2_147_483_647;

/** Default of `maxResponseBytes`: 64 MiB. */
export const defaultMaxResponseBytes = 64 * 1024 * 1024;

/**
 * Ceiling of `maxResponseBytes`: the longest string V8 can hold (2^29 − 24 UTF-16 units). A UTF-8 body of at most
 * this many bytes always decodes into a string, so reading it can never fail with "Cannot create a string longer…".
 */
export const maxResponseBytesCeiling = 2 ** 29 - 24;

const nonNegativeInteger = z.number().int().min(0);

const retrySchema = z.union([
  nonNegativeInteger,
  z.strictObject({
    limit: nonNegativeInteger.optional(),
    maxRetryAfterMs: z.number().min(0).max(maxTimeoutMs).optional(),
    backoffLimitMs: z.number().min(0).max(maxTimeoutMs).optional(),
  }),
]);

const baseUrlsSchema = z.strictObject({
  api: z.string().optional(),
  auth: z.string().optional(),
  scim: z.string().optional(),
  oauth: z.string().optional(),
});

const optionsSchema = z.strictObject({
  auth: z.custom<AuthProvider>(isAuthProvider, {
    message: 'must be an AuthProvider such as basicAuth(…), certificateAuth(…) or staticToken(…)',
  }),
  region: z.enum(Object.keys(regions) as [RegionCode, ...RegionCode[]]).optional(),
  baseUrls: baseUrlsSchema.optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  timeoutMs: z.number().int().positive().max(maxTimeoutMs).optional(),
  maxResponseBytes: z.number().int().positive().max(maxResponseBytesCeiling).optional(),
  userAgent: z.string().min(1).optional(),
  concurrency: z.number().int().min(1).optional(),
  retry: retrySchema.optional(),
  logger: z.custom<Logger>(isLogger, 'must have debug, info, warn and error methods').optional(),
});

/** Transport options with every default filled in. */
export interface ResolvedTransportOptions {
  auth: AuthProvider;
  baseUrls: BaseUrls;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  concurrency: number;
  retry: { limit: number; maxRetryAfterMs: number; backoffLimitMs: number };
  logger: Logger;
}

/**
 * Validates transport options and fills in defaults.
 *
 * @throws {@link ConfigurationError} naming the first bad key; an unknown key lists the valid ones.
 */
export function parseTransportOptions(options: TransportOptions): ResolvedTransportOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw toConfigurationError(parsed.error.issues);
  const value = parsed.data;
  const retry = typeof value.retry === 'number' ? { limit: value.retry } : (value.retry ?? {});
  return {
    auth: value.auth,
    baseUrls: resolveBaseUrls(value.region, value.baseUrls),
    fetch: value.fetch,
    timeoutMs: value.timeoutMs ?? 30_000,
    maxResponseBytes: value.maxResponseBytes ?? defaultMaxResponseBytes,
    userAgent: value.userAgent ?? `anaplan-access/${VERSION}`,
    concurrency: value.concurrency ?? 4,
    retry: {
      limit: retry.limit ?? 3,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 60_000,
      backoffLimitMs: retry.backoffLimitMs ?? 8_000,
    },
    logger: value.logger ?? silentLogger,
  };
}

function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every((level) => typeof candidate[level] === 'function');
}

const validKeys: Record<string, readonly string[]> = {
  '': optionsSchema.keyof().options,
  baseUrls: baseUrlsSchema.keyof().options,
  retry: ['limit', 'maxRetryAfterMs', 'backoffLimitMs'],
};

/** Builds the error from zod issues without ever quoting the offending values (they may be secrets). */
function toConfigurationError(issues: readonly z.core.$ZodIssue[]): ConfigurationError {
  const nested = issues.flatMap((issue) =>
    issue.code === 'invalid_union'
      ? issue.errors.flat().map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))
      : [],
  );
  const unknown = [...issues, ...nested].find((issue) => issue.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    const parent = unknown.path.map(String).join('.');
    const key = unknown.keys[0] ?? '';
    const fullKey = parent ? `${parent}.${key}` : key;
    const valid = validKeys[parent] ?? [];
    return new ConfigurationError(fullKey, `Unknown option "${fullKey}". Valid options: ${valid.join(', ')}`);
  }
  const first = issues[0];
  const key = first ? first.path.map(String).join('.') : '';
  if (first?.code === 'invalid_union' && key === 'retry') {
    return new ConfigurationError(
      key,
      'Invalid option "retry": expected a non-negative integer or { limit, maxRetryAfterMs, backoffLimitMs }',
    );
  }
  return new ConfigurationError(key, `Invalid option "${key}": ${first?.message ?? 'invalid value'}`);
}
