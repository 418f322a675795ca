// Tests: ./model-access-runner.test.ts, test/connect/connect-bundle.test.ts
import type { ModelAccessOperation } from '../../plan/operations.js';
import type { ModelAccessEntry } from '../../target/access-target.js';

/** The row of a model-access operation, as every delivery channel (an import, CloudWorks, Anaplan Connect) writes it. */
export function modelAccessEntry(operation: ModelAccessOperation): ModelAccessEntry {
  return {
    userName: operation.userName,
    givenName: operation.givenName,
    familyName: operation.familyName,
    access: operation.after,
    previous: operation.before,
  };
}
