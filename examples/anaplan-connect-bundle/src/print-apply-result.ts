import type { ApplyResult } from '@anaplan-access/reconcile';

/**
 * Prints what applying a plan did: the counts, then each operation that did not succeed (with what to fix) and each
 * warning the server gave. A USERS import row Anaplan loads with a warning that leaves the user other than planned
 * (an invalid role gives a new user No Access) is a failed operation, so it shows among the failures.
 */
export function printApplyResult(result: ApplyResult, print: (line: string) => void): void {
  const { counts } = result;
  print(
    `Applied: ${result.outcome} (${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped).`,
  );
  for (const entry of result.results) {
    if (entry.status === 'failed' || entry.status === 'skipped')
      print(`  ${entry.status} ${entry.operationId}: ${entry.error}`);
    for (const warning of entry.warnings ?? []) print(`  warning ${entry.operationId}: ${warning}`);
  }
}
