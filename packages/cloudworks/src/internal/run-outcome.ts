// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import type {
  CloudWorksRunOutcome,
  CloudWorksRunOutcomeKind,
  CloudWorksRunStatus,
} from '../runs/run-types.js';

/** The `executionErrorCode` of a partial success: some rows loaded, some rejected. @internal */
export const partialSuccessCode = 38;

/** Whether a polled run has stopped: CloudWorks sets `endDate` then. @internal */
export function hasStopped(run: CloudWorksRunStatus): boolean {
  return run.endDate !== undefined && run.endDate !== '';
}

/**
 * What a stopped run means. Code 38 is a partial success even when `success` is `true` (the live notes saw both);
 * a message saying it was cancelled is a cancellation whatever else it says; `success: true` with no error code is
 * a success; anything else is a failure. @internal
 */
export function outcomeKind(run: CloudWorksRunStatus): CloudWorksRunOutcomeKind {
  if (run.executionErrorCode === partialSuccessCode) return 'partial-success';
  if (/cancel/i.test(run.message ?? '')) return 'cancelled';
  if (run.success === true && run.executionErrorCode === undefined) return 'success';
  return 'failed';
}

/**
 * Row counts in a run message, such as `Users: 3 (2/1) rows successful, 1 failed, 0 ignored` or
 * `2 rows failed, 5 successful`: each `<number> [rows] <word>` becomes `counts[word]` (lower-case, `rows` left out,
 * `warning` and `warnings` both `warnings`). Text without counts gives `{}`. @internal
 */
export function countsIn(message: string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!message) return counts;
  for (const match of message.matchAll(/(\d+)(?:\s*\([^)]*\))?\s+(?:rows?\s+)?([A-Za-z]+)/g)) {
    const word = (match[2] ?? '').toLowerCase();
    if (word === '' || word === 'rows' || word === 'row') continue;
    const key = word === 'warning' ? 'warnings' : word;
    counts[key] ??= Number(match[1]);
  }
  return counts;
}

/** A stopped run with its meaning. @internal */
export function outcomeOf(run: CloudWorksRunStatus): CloudWorksRunOutcome {
  return { ...run, outcome: outcomeKind(run), counts: countsIn(run.message) };
}
