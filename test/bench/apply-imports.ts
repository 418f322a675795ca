// How many imports measurement 3 ran per model. The tenant's task list is the truth: the request log counts start
// attempts, and a start answered 429 was refused before the simulator handled it (no task), then sent again by the
// transport, so counting POSTs would count two imports where one ran.
import type { IntegrationClient } from '@anaplan-access/bulk';
import type { AnaplanTargetModel, Plan } from '@anaplan-access/reconcile';
import type { RequestRecord } from '@anaplan-access/testkit';

const importStart = /\/imports\/\d+\/tasks$/;

/** The tasks each changed model's Users import has on the tenant, in the order of `models` (read after apply). */
export async function importsRunPerModel(
  integration: IntegrationClient,
  models: readonly AnaplanTargetModel[],
  changes: Plan,
): Promise<number[]> {
  const changed = new Set(
    changes.operations.flatMap((operation) =>
      operation.kind === 'model.access.set' || operation.kind === 'model.access.revoke'
        ? [operation.modelId]
        : [],
    ),
  );
  const counts: number[] = [];
  for (const target of models) {
    if (!changed.has(target.modelId)) continue;
    const model = integration.model(target.workspaceId, target.modelId);
    const importId = await model.imports.resolve(target.usersImport.importId);
    counts.push((await model.imports.tasks(importId).toArray({ limit: Number.POSITIVE_INFINITY })).length);
  }
  return counts;
}

/** Import start requests in the log: all attempts, and those the rate limiter refused (429, nothing started). */
export function importStartAttempts(requests: readonly Pick<RequestRecord, 'method' | 'path' | 'status'>[]): {
  attempts: number;
  rateLimited: number;
} {
  const starts = requests.filter((request) => request.method === 'POST' && importStart.test(request.path));
  return { attempts: starts.length, rateLimited: starts.filter((request) => request.status === 429).length };
}
