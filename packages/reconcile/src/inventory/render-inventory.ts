import { writeCsv } from '@anaplan-access/bulk';
import { ConfigurationError } from '@anaplan-access/core';
import { compareInventories, type InventoryChanges } from './compare-inventories.js';
import { accessLine, htmlReport, selectiveAccessText } from './internal/html-report.js';
import { dormancy, type InventorySummary, summarizeInventory } from './internal/inventory-summary.js';
import { inventoryRows } from './inventory-rows.js';
import type { Inventory, InventoryRow, InventoryUser } from './inventory-types.js';

/**
 * Options of {@link renderInventory}.
 *
 * @example
 * ```ts
 * const options: RenderInventoryOptions = { format: 'html', since: lastMonth, dormantAfterDays: 60 };
 * ```
 */
export interface RenderInventoryOptions {
  /**
   * `csv` (one row per user × model, for a spreadsheet; formula-like cells neutralised), `json` (the inventory, its
   * summary and changes, for tools), `markdown` (a review to read or paste into a ticket), or `html` (one
   * self-contained file that opens from disk with no network access: summary, charts, a sortable and filterable
   * table, changes).
   */
  format: 'csv' | 'json' | 'markdown' | 'html';
  /** An earlier inventory: the report gets a "changes since" section (not in CSV). @default none */
  since?: Inventory | undefined;
  /** Days without a login after which an active user counts as dormant in the summary. @default 90 */
  dormantAfterDays?: number | undefined;
  /**
   * Days before `dormantAfterDays` from which an active user is listed as "dormant soon" (as the inactivity
   * policy's `noticeDays` lists them in a plan's notes). @default 0 (no such list)
   */
  noticeDays?: number | undefined;
  /** The report's title (Markdown and HTML). @default 'Anaplan access review' */
  title?: string | undefined;
  /** The time dormancy is judged at. @default the inventory's `takenAt` */
  now?: Date | undefined;
}

const optionKeys = new Set(['format', 'since', 'dormantAfterDays', 'noticeDays', 'title', 'now']);

/** The CSV columns of the access review. */
const csvColumns = [
  'user',
  'first_name',
  'last_name',
  'active',
  'created',
  'last_login',
  'dormant',
  'licences',
  'workspaces',
  'workspace',
  'model',
  'role',
  'sso',
  'workspace_admin',
  'selective_access',
];

/**
 * Renders an {@link Inventory} as an access review: CSV, JSON, Markdown, or a self-contained HTML page.
 *
 * @example
 * ```ts
 * const taken = await inventory(target);
 * await writeFile('access-review.html', renderInventory(taken, { format: 'html', since: lastMonth }));
 * await writeFile('access-review.csv', renderInventory(taken, { format: 'csv' }));
 * ```
 * @throws {ConfigurationError} for an unknown option or format, or a `dormantAfterDays` that is not a positive
 *   integer.
 * @group Inventory
 */
export function renderInventory(inventory: Inventory, options: RenderInventoryOptions): string {
  for (const key of Object.keys(options ?? {}))
    if (!optionKeys.has(key)) throw new ConfigurationError(key, `renderInventory: unknown option "${key}"`);
  const dormantAfterDays = options.dormantAfterDays ?? 90;
  if (!Number.isInteger(dormantAfterDays) || dormantAfterDays <= 0)
    throw new ConfigurationError(
      'dormantAfterDays',
      'renderInventory: dormantAfterDays must be a positive integer',
    );
  const noticeDays = options.noticeDays ?? 0;
  if (!Number.isInteger(noticeDays) || noticeDays < 0)
    throw new ConfigurationError(
      'noticeDays',
      'renderInventory: noticeDays must be a whole number of days, 0 or more',
    );
  const now = options.now ?? new Date(inventory.takenAt);
  const rows = inventoryRows(inventory);
  const summary = summarizeInventory(inventory, now, dormantAfterDays, noticeDays);
  const changes = options.since ? compareInventories(options.since, inventory) : undefined;
  const dormant = (row: Pick<InventoryUser, 'active' | 'lastLogin' | 'created'>) =>
    row.active && dormancy(row as InventoryUser, now, dormantAfterDays) === true;
  const title = options.title ?? 'Anaplan access review';
  switch (options.format) {
    case 'csv':
      return writeCsv(
        rows.map((row) => csvRow(row, dormant(row))),
        { columns: csvColumns },
      );
    case 'json':
      return `${JSON.stringify({ summary, ...(changes ? { changes } : {}), inventory }, null, 2)}\n`;
    case 'markdown':
      return markdown(inventory, rows, summary, changes, dormant, title);
    case 'html':
      return htmlReport(inventory, rows, summary, dormant, changes, title);
    default:
      throw new ConfigurationError(
        'format',
        `renderInventory: format must be csv, json, markdown or html, not ${JSON.stringify(options.format)}`,
      );
  }
}

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

function csvRow(row: InventoryRow, dormant: boolean): Record<string, string> {
  return {
    user: row.userName,
    first_name: row.givenName,
    last_name: row.familyName,
    active: yesNo(row.active),
    created: row.created,
    last_login: row.lastLogin,
    dormant: yesNo(dormant),
    licences: row.licences === 'unknown' ? 'unknown' : row.licences.join(', '),
    workspaces: row.workspaces.join(', '),
    workspace: row.workspaceName ?? '',
    model: row.modelName ?? '',
    role: row.role ?? '',
    sso: yesNo(row.sso),
    workspace_admin: yesNo(row.workspaceAdministrator),
    selective_access: selectiveAccessText(row),
  };
}

/** A Markdown table cell: pipes and line breaks escaped. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function markdown(
  inventory: Inventory,
  rows: readonly InventoryRow[],
  summary: InventorySummary,
  changes: InventoryChanges | undefined,
  dormant: (row: InventoryRow) => boolean,
  title: string,
): string {
  const lines = [
    `# ${title}`,
    '',
    `Taken ${inventory.takenAt}${inventory.integrationUser ? ` by ${inventory.integrationUser}` : ''}.`,
    '',
    '## Summary',
    '',
    '| | |',
    '|---|---:|',
    `| Users | ${summary.users} |`,
    `| Active | ${summary.active} |`,
    `| Dormant (${summary.dormantAfterDays}+ days) | ${summary.dormant} |`,
    `| Never logged in | ${summary.neverLoggedIn} |`,
    `| Workspace Administrators | ${summary.workspaceAdministrators} |`,
    `| Without SSO in a model | ${summary.ssoExceptions} |`,
    `| In no model | ${summary.inNoModel} |`,
    '',
  ];
  for (const model of summary.rolesPerModel)
    lines.push(
      `**${cell(model.model)}**: ${model.roles.map((role) => `${role.role} ${role.users}`).join(', ') || 'no users'}`,
      '',
    );
  const unknown = [
    inventory.lastLogins.known ? undefined : `last logins: ${inventory.lastLogins.reason ?? ''}`,
    inventory.licences.known ? undefined : `licences: ${inventory.licences.reason ?? ''}`,
    ...inventory.models
      .filter((model) => model.access === 'unknown')
      .map((model) => `access to ${model.name}: ${model.unknownReason ?? ''}`),
  ].filter((line): line is string => line !== undefined);
  if (unknown.length > 0) lines.push('Not known:', '', ...unknown.map((line) => `- ${line}`), '');
  if (summary.dormantSoon.length > 0)
    lines.push(
      `Dormant soon (${summary.dormantAfterDays} days without a login):`,
      '',
      ...summary.dormantSoon.map(
        (user) => `- ${user.userName} in ${user.inDays} day${user.inDays === 1 ? '' : 's'}`,
      ),
      '',
    );
  if (changes) {
    lines.push(`## Changes since ${changes.from}`, '');
    const items = [
      ...changes.usersAdded.map((user) => `- New user ${user}`),
      ...changes.usersRemoved.map((user) => `- User ${user} is gone`),
      ...changes.usersChanged.map((user) => `- ${user.userName}: ${user.changes.join('; ')}`),
      ...changes.accessAdded.map(
        (access) =>
          `- ${access.userName}: now ${accessLine(access)} in ${modelName(inventory, access.modelId)}`,
      ),
      ...changes.accessRemoved.map(
        (access) =>
          `- ${access.userName}: no longer ${accessLine(access)} in ${modelName(inventory, access.modelId)}`,
      ),
      ...changes.accessChanged.map(
        ({ before, after }) =>
          `- ${after.userName} in ${modelName(inventory, after.modelId)}: ${accessLine(before)} → ${accessLine(after)}`,
      ),
    ];
    lines.push(...(items.length > 0 ? items : ['No changes.']), '');
  }
  lines.push(
    '## Access',
    '',
    '| User | Active | Last login | Licences | Workspace | Model | Role | SSO | WS admin | Selective access |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of rows)
    lines.push(
      `| ${[
        row.userName,
        yesNo(row.active),
        `${row.lastLogin === 'never' || row.lastLogin === 'unknown' ? row.lastLogin : row.lastLogin.slice(0, 10)}${dormant(row) ? ' (dormant)' : ''}`,
        row.licences === 'unknown' ? 'unknown' : row.licences.join(', '),
        row.workspaceName ?? '',
        row.modelName ?? '(no model)',
        row.role ?? '',
        yesNo(row.sso),
        yesNo(row.workspaceAdministrator),
        selectiveAccessText(row),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

function modelName(inventory: Inventory, modelId: string): string {
  return inventory.models.find((model) => model.modelId === modelId)?.name ?? modelId;
}
