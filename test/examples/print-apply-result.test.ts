import type { ApplyResult } from '@anaplan-access/reconcile';
import { describe, expect, it } from 'vitest';
import { printApplyResult } from '../../examples/csv-source/src/print-apply-result.ts';

describe('printApplyResult (the copy every reconcile example carries)', () => {
  it('prints the counts, every failure with what to fix, and every warning', () => {
    const result: ApplyResult = {
      outcome: 'partial',
      counts: { succeeded: 1, failed: 1, skipped: 0, aborted: 0, manual: 0 },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      results: [
        {
          operationId: 'model.access.set:jo@example.com:M',
          kind: 'model.access.set',
          userName: 'jo@example.com',
          status: 'failed',
          error:
            "loaded with a warning …: Invalid role: Approver. To fix: use a role on the model's Roles tab",
        },
        {
          operationId: 'user.create:al@example.com',
          kind: 'user.create',
          userName: 'al@example.com',
          status: 'succeeded',
          warnings: ['settled by reading the user back'],
        },
      ],
    } as ApplyResult;
    const lines: string[] = [];
    printApplyResult(result, (line) => lines.push(line));
    expect(lines).toEqual([
      'Applied: partial (1 succeeded, 1 failed, 0 skipped).',
      "  failed model.access.set:jo@example.com:M: loaded with a warning …: Invalid role: Approver. To fix: use a role on the model's Roles tab",
      '  warning user.create:al@example.com: settled by reading the user back',
    ]);
  });
});
