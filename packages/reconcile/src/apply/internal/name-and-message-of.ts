// Tests: ./apply-run.test.ts, ./create-runner.test.ts

import { isAnaplanAccessError } from '@anaplan-access/core';

/**
 * `Name: message` of an error, for an apply result or a halt reason; credential-free, since SDK errors are redacted
 * when built. Anything that is not an error is turned into a string.
 */
export function nameAndMessageOf(error: unknown): string {
  if (isAnaplanAccessError(error)) return `${error.name}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
