import type { ListAccess } from './desired-state.js';
import { refusePlan } from './errors.js';
import type { Finding } from './findings.js';
import { verifyPlan } from './internal/plan-check.js';
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
 * Reads a plan saved with `renderPlan(p, { format: 'json' })` and checks it: the format version, the digest of its
 * content, and that its guard, `blocked` flag and counts follow from its operations and recorded policy.
 *
 * @example
 * ```ts
 * await writeFile('plan.json', renderPlan(p, { format: 'json' }));
 * // … after review …
 * await apply(parsePlan(await readFile('plan.json', 'utf8')), { target }); // refused if Anaplan changed since
 * ```
 * @throws {PlanRefusedError} `format` when the text is not JSON or not a plan of a format version this release
 * reads (plans of format 1.0 included: make a new plan); `tampered` when its content was changed after it was made.
 */
export function parsePlan(text: string): Plan {
  let value: Partial<Plan> | null;
  try {
    value = JSON.parse(text) as Partial<Plan> | null;
  } catch (error) {
    throw refusePlan('format', `parsePlan: the text is not JSON (${(error as Error).message}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refusePlan('format', 'parsePlan: the text is not a plan (a JSON object is expected).');
  const version = value.formatVersion;
  const [major, minor] = String(version ?? '').split('.');
  const [ownMajor, ownMinor] = planFormatVersion.split('.');
  if (version === undefined || major !== ownMajor)
    throw refusePlan(
      'format',
      `parsePlan: the plan is of format version ${version === undefined ? '(none)' : String(version)}; this release reads ${planFormatVersion} (${Number(major) < Number(ownMajor) ? 'an older plan: its deletion guard and digest cannot be checked' : 'not a plan this release understands'}).`,
    );
  if (Number(minor) > Number(ownMinor))
    throw refusePlan(
      'format',
      `parsePlan: the plan is of format version ${String(version)}, newer than this release reads (${planFormatVersion}).`,
    );
  if (
    !Array.isArray(value.operations) ||
    typeof value.fingerprints !== 'object' ||
    typeof value.digest !== 'string'
  )
    throw refusePlan(
      'tampered',
      'parsePlan: the plan lacks its operations, fingerprints or digest: it was changed after it was made.',
    );
  verifyPlan(value as Plan);
  return value as Plan;
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
