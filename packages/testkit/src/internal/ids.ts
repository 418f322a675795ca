// Tests: ../auth/token-routes.test.ts, ../integration/task-routes.test.ts

import { randomBytes } from 'node:crypto';

/** 32 lower-case hex characters: the shape of Anaplan user and workspace ids. */
export function lowerHexId(): string {
  return randomBytes(16).toString('hex');
}

/** 32 upper-case hex characters: the shape of Anaplan model and task ids. */
export function upperHexId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
