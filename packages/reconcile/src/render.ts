import type { ListAccess } from './desired-state.js';
import type { ModelAccess } from './observed-state.js';
import type { Operation } from './operations.js';
import { operationSymbol } from './plan.js';
import { type Plan, planFormatVersion } from './plan-types.js';

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
 */
export function renderPlan(plan: Plan, options: RenderOptions = {}): string {
  const format = options.format ?? 'text';
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(plan) : renderText(plan);
}

/**
 * Reads a plan saved with `renderPlan(p, { format: 'json' })`.
 *
 * @example
 * ```ts
 * await writeFile('plan.json', renderPlan(p, { format: 'json' }));
 * // … after review …
 * await apply(parsePlan(await readFile('plan.json', 'utf8')), { target }); // refused if Anaplan changed since
 * ```
 * @throws {TypeError} when the text is not a plan of a format version this release understands.
 */
export function parsePlan(text: string): Plan {
  const value = JSON.parse(text) as Partial<Plan>;
  const major = String(value?.formatVersion ?? '').split('.')[0];
  if (major !== planFormatVersion.split('.')[0] || !Array.isArray(value.operations) || !value.fingerprints)
    throw new TypeError(
      `Not a plan of format version ${planFormatVersion} (got ${String(value?.formatVersion)})`,
    );
  return value as Plan;
}

/**
 * The summary line, e.g. `Plan: 3 to create, 1 to update, 2 to revoke/deactivate.`
 *
 * @example
 * ```ts
 * console.log(summaryLine(p)); // 'No changes. Anaplan matches the desired state.' when there is nothing to do
 * ```
 */
export function summaryLine(plan: Plan): string {
  const { create, update, revoke, manual } = plan.summary;
  if (plan.operations.length === 0) return 'No changes. Anaplan matches the desired state.';
  const manualPart = manual > 0 ? `, ${manual} manual` : '';
  return `Plan: ${create} to create, ${update} to update, ${revoke} to revoke/deactivate${manualPart}.`;
}

function renderText(plan: Plan): string {
  const lines: string[] = [`Desired state from ${plan.source}; compared with Anaplan.`, ''];
  for (const [userName, operations] of groupByUser(plan.operations)) {
    lines.push(`  # ${userName}`);
    for (const operation of operations)
      lines.push(`  ${operationSymbol(operation)} ${describeOperation(operation)}`);
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
  for (const reason of plan.blockedReasons) lines.push(`BLOCKED: ${reason}`);
  if (plan.blocked) lines.push('');
  if (plan.guard.overridden)
    lines.push(
      `Deletion guard exceeded (${plan.guard.destructive} revocations/deactivations) but overridden by allowDestructive.`,
      '',
    );
  lines.push(summaryLine(plan));
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(plan: Plan): string {
  const lines: string[] = ['## Anaplan access plan', '', `**${summaryLine(plan)}**`, ''];
  for (const reason of plan.blockedReasons)
    lines.push(`> [!WARNING]\n> BLOCKED: ${escapeMarkdown(reason)}`, '');
  lines.push(
    `Source: \`${escapeMarkdown(plan.source)}\` · observed fingerprint \`${plan.fingerprints.observed.slice(0, 19)}\``,
    '',
  );
  if (plan.operations.length > 0) {
    lines.push('| | User | Change | Why |', '|---|---|---|---|');
    for (const operation of plan.operations)
      lines.push(
        `| \`${operationSymbol(operation)}\` | ${escapeMarkdown(operation.userName)} | ${escapeMarkdown(describeOperation(operation))} | ${escapeMarkdown(operation.reason)} |`,
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
