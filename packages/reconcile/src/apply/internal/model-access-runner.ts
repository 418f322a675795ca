import type { ModelAccessOperation } from '../../plan/operations.js';
import type { ModelAccessResult } from '../../target/access-target.js';
import type { ApplyRun, Outcome } from './apply-run.js';
import { groupBy } from './group-by.js';
import { modelAccessEntry } from './model-access-entry.js';

/**
 * Phase `model-access`: sets and revokes model access with one import per model, models in parallel; the row
 * failures of an import's dump are mapped back to their operations. A target that imports several models in one go
 * (`importModelsAccess`: a CloudWorks integration flow) gets every model in one call. With `only: 'scim'` the phase
 * sends nothing: its operations are skipped, left for the Anaplan Connect bundle.
 */
export async function runModelAccess(run: ApplyRun): Promise<void> {
  const operations = run.phaseOperations('model-access', ['model.access.set', 'model.access.revoke']);
  if (run.only === 'scim') {
    const error = "left out: apply ran with only: 'scim' (the Anaplan Connect bundle sets model access)";
    for (const operation of operations)
      await run.guarded(() => run.finish(operation, { status: 'skipped', error }));
    return;
  }
  const { target } = run;
  if (target.importModelsAccess) {
    await run.eachBatch(
      [operations],
      async (ready) => {
        const batches = [...groupBy(ready, (operation) => operation.modelId)].map(([modelId, batch]) => ({
          modelId,
          entries: batch.map(modelAccessEntry),
        }));
        const results = await target.importModelsAccess?.(batches, { signal: run.signal });
        return outcomesOf(ready, (operation) => results?.get(operation.modelId));
      },
      { limited: false },
    );
    return;
  }
  await run.eachBatch(
    groupBy(operations, (operation) => operation.modelId).values(),
    async (ready) => {
      const modelId = (ready[0] as ModelAccessOperation).modelId;
      const result = await target.importModelAccess(modelId, ready.map(modelAccessEntry), {
        signal: run.signal,
      });
      return outcomesOf(ready, () => result);
    },
    { limited: false },
  );
}

/** Each operation's outcome from its model's import: failed with the messages of its user's rows, else succeeded. */
function outcomesOf(
  ready: readonly ModelAccessOperation[],
  resultOf: (operation: ModelAccessOperation) => ModelAccessResult | undefined,
): Map<ModelAccessOperation, Outcome> {
  const outcomes = new Map<ModelAccessOperation, Outcome>();
  for (const operation of ready) {
    const result = resultOf(operation);
    const key = operation.userName.toLowerCase();
    const messages = result ? result.failed.get(key) : ['the target reported nothing for this model'];
    outcomes.set(
      operation,
      messages
        ? { status: 'failed', error: messages.join('; ') }
        : { status: 'succeeded', warnings: result?.warnings.get(key) },
    );
  }
  return outcomes;
}
