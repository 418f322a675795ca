// Tests: ../render.test.ts, ../plan.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Finding } from '../../findings.js';
import { isNoAccess } from '../../internal/model-access.js';
import type { Operation } from '../operations.js';
import type { PlanSummary } from '../plan-types.js';

/** The symbol an operation has in the rendered plan: `+` adds, `~` changes, `-` removes, `!` manual. */
export function operationSymbol(operation: Operation): '+' | '~' | '-' | '!' {
  switch (operation.kind) {
    case 'user.create':
    case 'workspace.grant':
    case 'sso.exception.assign':
      return '+';
    case 'model.access.set':
      return operation.before === null ||
        (operation.before !== 'unknown' && isNoAccess(operation.before.role))
        ? '+'
        : '~';
    case 'user.update':
    case 'user.reactivate':
      return '~';
    case 'manual':
      return '!';
    default:
      return '-';
  }
}

/** The counts of a plan's summary line; `leftOut` counts the users named by error findings. */
export function summarise(operations: readonly Operation[], findings: readonly Finding[]): PlanSummary {
  const summary: PlanSummary = {
    create: 0,
    update: 0,
    revoke: 0,
    manual: 0,
    findings: { error: 0, warning: 0, info: 0 },
    leftOut: 0,
  };
  for (const operation of operations) {
    const symbol = operationSymbol(operation);
    if (symbol === '+') summary.create += 1;
    else if (symbol === '~') summary.update += 1;
    else if (symbol === '-') summary.revoke += 1;
    else summary.manual += 1;
  }
  const leftOut = new Set<string>();
  for (const finding of findings) {
    summary.findings[finding.severity] += 1;
    if (finding.severity === 'error' && finding.userName !== undefined)
      leftOut.add(userNameKey(String(finding.userName)));
  }
  summary.leftOut = leftOut.size;
  return summary;
}
