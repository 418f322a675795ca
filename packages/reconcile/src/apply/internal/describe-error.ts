// Tests: ./apply-run.test.ts, ./create-runner.test.ts

import { isAnaplanAccessError } from '@anaplan-access/core';

/** A credential-free, one-line description of an error (SDK errors are redacted when built). */
export function describeError(error: unknown): string {
  if (isAnaplanAccessError(error)) return `${error.name}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
