// Tests: ../parse-response.test.ts

import type { ValidationIssue } from '../errors/response-validation-error.js';

/** The issues of a failed parse, in the error's terms (symbol keys as their text). */
export function validationIssues(
  issues: readonly { code: string; path: readonly PropertyKey[]; message: string }[],
): ValidationIssue[] {
  return issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
  }));
}
