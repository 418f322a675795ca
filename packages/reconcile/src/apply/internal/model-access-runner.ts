import type { ModelAccessOperation } from '../../plan/operations.js';
import type { ModelAccessEntry } from '../../target/access-target.js';
import type { ApplyRun, Outcome } from './apply-run.js';
import { groupBy } from './group-by.js';

/**
 * Phase `model-access`: sets and revokes model access with one import per model, models in parallel; the row
 * failures of an import's dump are mapped back to their operations.
 */
export async function runModelAccess(run: ApplyRun): Promise<void> {
  const operations = run.phaseOperations('model-access', ['model.access.set', 'model.access.revoke']);
  const byModel = groupBy(operations, (operation) => operation.modelId);
  await run.eachBatch(
    byModel.values(),
    async (ready) => {
      const entries: ModelAccessEntry[] = ready.map((operation) => ({
        userName: operation.userName,
        givenName: operation.givenName,
        familyName: operation.familyName,
        access: operation.after,
        previous: operation.before,
      }));
      const modelId = (ready[0] as ModelAccessOperation).modelId;
      const result = await run.target.importModelAccess(modelId, entries, { signal: run.signal });
      const outcomes = new Map<ModelAccessOperation, Outcome>();
      for (const operation of ready) {
        const key = operation.userName.toLowerCase();
        const messages = result.failed.get(key);
        const warnings = result.warnings.get(key);
        outcomes.set(
          operation,
          messages ? { status: 'failed', error: messages.join('; ') } : { status: 'succeeded', warnings },
        );
      }
      return outcomes;
    },
    { limited: false },
  );
}
