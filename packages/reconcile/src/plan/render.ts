import type { ListAccess } from '../desired/desired-state.js';
import type { Finding } from '../findings.js';
import type { ModelAccess } from '../target/observed-state.js';
import { operationSymbol } from './internal/summary.js';
import type { Operation } from './operations.js';
import type { Plan } from './plan-types.js';

/** Options of {@link renderPlan}. */
export interface RenderOptions {
  /** `text` (Terraform-like, for terminals), `markdown` (tickets, pull requests) or `json` (machines). @default 'text' */
  format?: 'text' | 'markdown' | 'json';
}

/**
 * Renders a plan for people or machines. The output is deterministic: the same plan gives the same text.
 *
 * @example
 * ```ts
 * console.log(renderPlan(p));                          // + create, ~ update, - revoke, one line per change
 * await writeFile('plan.md', renderPlan(p, { format: 'markdown' }));
 * await writeFile('plan.json', renderPlan(p, { format: 'json' })); // parsePlan() reads it back
 * ```
 * @group Plan and apply
 */
export function renderPlan(plan: Plan, options: RenderOptions = {}): string {
  const format = options.format ?? 'text';
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(plan) : renderText(plan);
}

/**
 * The summary line, e.g. `Plan: 3 to create, 1 to update, 2 to revoke/deactivate.` It says "No changes" only when
 * no error finding left anyone out; otherwise it says how many users were left out and why.
 *
 * @example
 * ```ts
 * console.log(summaryLine(p)); // 'No changes. Anaplan matches the desired state.' when there is nothing to do
 * // 'No changes planned, but Anaplan may not match the desired state: 2 users left out by error findings (invalid-row 1, unknown-role 1).'
 * ```
 */
export function summaryLine(plan: Plan): string {
  const { create, update, revoke, manual } = plan.summary;
  const leftOut = describeLeftOut(plan.findings);
  if (plan.operations.length === 0)
    return leftOut
      ? `No changes planned, but Anaplan may not match the desired state: ${leftOut}.`
      : 'No changes. Anaplan matches the desired state.';
  const manualPart = manual > 0 ? `, ${manual} manual` : '';
  const leftOutPart = leftOut ? ` Not planned: ${leftOut}.` : '';
  return `Plan: ${create} to create, ${update} to update, ${revoke} to revoke/deactivate${manualPart}.${leftOutPart}`;
}

/**
 * Who the error findings left out, and why: `2 users left out by error findings (invalid-row 1, unknown-role 1)`,
 * plus any error not about one user (`the source could not be read in full`); empty when there is none.
 */
function describeLeftOut(findings: readonly Finding[]): string {
  const users = new Set<string>();
  const usersByKind = new Map<string, Set<string>>();
  const general = new Map<string, number>();
  for (const finding of findings) {
    if (finding.severity !== 'error') continue;
    if (finding.userName === undefined) {
      general.set(finding.kind, (general.get(finding.kind) ?? 0) + 1);
      continue;
    }
    const key = String(finding.userName).toLowerCase();
    users.add(key);
    const named = usersByKind.get(finding.kind) ?? new Set<string>();
    named.add(key);
    usersByKind.set(finding.kind, named);
  }
  const parts: string[] = [];
  if (users.size > 0) {
    const kinds = [...usersByKind]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([kind, named]) => `${kind} ${named.size}`);
    parts.push(
      `${users.size} user${users.size === 1 ? '' : 's'} left out by error findings (${kinds.join(', ')})`,
    );
  }
  for (const [kind, count] of [...general].sort(([left], [right]) => (left < right ? -1 : 1)))
    parts.push(
      kind === 'source-error'
        ? 'the source could not be read in full (source-error)'
        : kind === 'target-error'
          ? 'the target configuration does not match Anaplan (target-error)'
          : `${count} ${kind} error${count === 1 ? '' : 's'}`,
    );
  return parts.join('; ');
}

function renderText(plan: Plan): string {
  const lines: string[] = [`Desired state from ${plan.source}; compared with Anaplan.`, ''];
  for (const [userName, operations] of groupByUser(plan.operations)) {
    lines.push(`  # ${userName}`);
    for (const operation of operations) {
      lines.push(`  ${operationSymbol(operation)} ${describeOperation(operation)}`);
      if (operation.drift !== undefined) lines.push(`      drift: ${operation.drift}`);
    }
    lines.push('');
  }
  if (plan.findings.length > 0) {
    lines.push('Findings (the users concerned are left out of the plan when the severity is error):');
    for (const finding of plan.findings)
      lines.push(`  ${finding.severity.padEnd(7)} ${finding.kind}: ${finding.message}`);
    lines.push('');
  }
  for (const note of plan.notes) lines.push(`Note: ${note}`);
  if (plan.notes.length > 0) lines.push('');
  for (const reason of plan.blockedReasons) lines.push(`BLOCKED (${reason.code}): ${reason.message}`);
  if (plan.blocked) lines.push('');
  if (plan.guard.overridden)
    lines.push(
      `Deletion guard exceeded (${plan.guard.destructive} removals of access) but overridden by allowDestructive.`,
      '',
    );
  lines.push(summaryLine(plan));
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(plan: Plan): string {
  const lines: string[] = ['## Anaplan access plan', '', `**${summaryLine(plan)}**`, ''];
  for (const reason of plan.blockedReasons)
    lines.push(`> [!WARNING]\n> BLOCKED (${reason.code}): ${escapeMarkdown(reason.message)}`, '');
  lines.push(
    `Source: \`${escapeMarkdown(plan.source)}\` · observed fingerprint \`${plan.fingerprints.observed.slice(0, 19)}\``,
    '',
  );
  if (plan.operations.length > 0) {
    lines.push('| | User | Change | Why |', '|---|---|---|---|');
    for (const operation of plan.operations)
      lines.push(
        `| \`${operationSymbol(operation)}\` | ${escapeMarkdown(operation.userName)} | ${escapeMarkdown(describeOperation(operation))} | ${escapeMarkdown(operation.drift === undefined ? operation.reason : `${operation.reason}; ${operation.drift}`)} |`,
      );
    lines.push('');
  }
  if (plan.findings.length > 0) {
    lines.push('### Findings', '', '| Severity | Kind | Message |', '|---|---|---|');
    for (const finding of plan.findings)
      lines.push(`| ${finding.severity} | ${finding.kind} | ${escapeMarkdown(finding.message)} |`);
    lines.push('');
  }
  for (const note of plan.notes) lines.push(`- ${escapeMarkdown(note)}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function groupByUser(operations: Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const operation of operations) {
    const group = groups.get(operation.userName) ?? [];
    group.push(operation);
    groups.set(operation.userName, group);
  }
  return groups;
}

/** One line describing an operation, without its symbol. */
export function describeOperation(operation: Operation): string {
  switch (operation.kind) {
    case 'user.create': {
      const { givenName, familyName, active, workspaces } = operation.after;
      return `create user ${operation.userName} "${givenName} ${familyName}"${active ? '' : ' (inactive)'} in ${workspaces.length} workspace(s)`;
    }
    case 'user.update':
      return `update user: ${Object.keys(operation.after)
        .map(
          (field) =>
            `${field} ${quote(operation.before[field as keyof typeof operation.before])} → ${quote(operation.after[field as keyof typeof operation.after])}`,
        )
        .join(', ')}`;
    case 'user.reactivate':
      return 'reactivate user';
    case 'user.deactivate':
      return 'deactivate user';
    case 'workspace.grant':
      return `grant workspace "${operation.workspaceName}"`;
    case 'workspace.revoke':
      return `revoke workspace "${operation.workspaceName}"`;
    case 'model.access.set':
      return `model "${operation.modelName}": ${operation.before === 'unknown' ? '(current unknown) ' : operation.before ? `${describeAccess(operation.before)} → ` : ''}${describeAccess(operation.after)}`;
    case 'model.access.revoke':
      return `model "${operation.modelName}": revoke access${operation.before === 'unknown' || operation.before === null ? '' : ` (was ${describeAccess(operation.before)})`}`;
    case 'sso.exception.assign':
    case 'sso.exception.unassign':
      return `SSO exception in "${operation.workspaceName}": ${operation.after.exception ? 'assign' : 'unassign'}${operation.via.kind === 'import' ? ` (through the import of "${operation.via.modelName}")` : ''}`;
    case 'manual':
      return `manual: ${operation.action}`;
  }
}

function describeAccess(access: ModelAccess): string {
  const parts = [`role ${access.role}`];
  if (access.sso) parts.push('SSO');
  if (access.workspaceAdmin) parts.push('workspace admin');
  for (const [list, items] of Object.entries(access.selectiveAccess)) {
    const { read, write } = items as ListAccess;
    const levels = [
      write.length ? `write ${write.join('|')}` : '',
      read.length ? `read ${read.join('|')}` : '',
    ].filter(Boolean);
    if (levels.length) parts.push(`${list}: ${levels.join(', ')}`);
  }
  return parts.join(', ');
}

function quote(value: unknown): string {
  return value === undefined ? '(none)' : `"${String(value)}"`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}
