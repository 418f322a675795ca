// Tests: test/e2e/drift.e2e.test.ts

import type { DriftReport } from './drift-report.js';

/**
 * Renders a drift report as Markdown (for a ticket, a chat message or a scheduled job's artefact): a heading, one
 * table row per change, grouped by user, and the range read. The same report gives the same text.
 *
 * @example
 * ```ts
 * await writeFile('drift.md', renderDrift(report));
 * ```
 */
export function renderDrift(report: DriftReport): string {
  const lines = [
    '## Anaplan drift report',
    '',
    `Changes to managed users made by anyone other than \`${escapeCell(report.integrationUser)}\`, from ${report.from} to ${report.until}.`,
    '',
  ];
  if (report.users.length === 0) {
    lines.push('**No drift.** Nobody else changed a managed user in this range.');
    return `${lines.join('\n')}\n`;
  }
  const people = report.users.length === 1 ? 'user' : 'users';
  lines.push(
    `**${report.changes} change${report.changes === 1 ? '' : 's'} to ${report.users.length} ${people}.**`,
    '',
  );
  lines.push('| User | When (UTC) | Who | What | Event |', '|---|---|---|---|---|');
  for (const user of report.users)
    for (const change of user.changes)
      lines.push(
        `| ${escapeCell(user.userName)} | ${shortTime(change.time)} | ${escapeCell(change.actor)} | ${escapeCell(change.description)} | ${change.eventTypeId} |`,
      );
  return `${lines.join('\n')}\n`;
}

/** `2026-12-05T14:02:31.000Z` → `2026-12-05 14:02:31`. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function escapeCell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}
