import { setModelSso } from '../exception-users/exception-access.js';
import { lowerHexId } from '../internal/ids.js';
import type { ImportColumnTarget } from '../seed.js';
import type { SimModel, SimModelUser, TenantState } from '../state.js';
import { type CsvRecord, parseCsv } from './csv.js';
import {
  type DumpRow,
  failedOutcome,
  formatDump,
  type ImportOutcome,
  problemDetails,
  type RowProblem,
} from './import-outcome.js';
import {
  type AccessChange,
  applyAccess,
  isEmail,
  parseBoolean,
  resolveItem,
  resolveList,
  resolveRole,
  setWorkspaceAdmin,
} from './model-users.js';

type SimImport = SimModel['imports'][number];

interface BoundColumn {
  index: number;
  target: ImportColumnTarget;
}

/** What one valid row changes. */
interface RowPlan {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  role: string | undefined;
  sso: boolean | undefined;
  workspaceAdmin: boolean | undefined;
  access: AccessChange[];
}

const noAccess = 'No Access';

/** Binds the definition's columns to the file's header; `undefined` names the mapped columns the file lacks. */
function bindColumns(definition: SimImport, header: string[]): { columns: BoundColumn[]; missing: string[] } {
  const names = header.map((name) => name.trim());
  const columns: BoundColumn[] = [];
  const missing: string[] = [];
  for (const [name, target] of Object.entries(definition.columns)) {
    let index = names.indexOf(name);
    if (index < 0) index = names.findIndex((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (index < 0) missing.push(name);
    else columns.push({ index, target });
  }
  return { columns, missing };
}

function cell(record: CsvRecord, columns: BoundColumn[], target: string): string {
  const column = columns.find((candidate) => candidate.target === target);
  return column ? (record.fields[column.index] ?? '').trim() : '';
}

/**
 * Checks one row against the model; returns the problems and, when there is no error, the plan to apply.
 * `roles` holds the role each e-mail got earlier in this import (to detect conflicting roles).
 */
function checkRow(
  state: TenantState,
  model: SimModel,
  record: CsvRecord,
  columns: BoundColumn[],
  roles: Map<string, string>,
): { problems: RowProblem[]; plan: RowPlan | undefined } {
  const problems: RowProblem[] = [];
  const error = (code: string, message: string) => problems.push({ severity: 'E', code, message });
  const email = cell(record, columns, 'email');
  if (!isEmail(email)) {
    error(
      'usersImportInvalidEmail',
      email === '' ? 'Email address is missing' : `Invalid email address: ${email}`,
    );
    return { problems, plan: undefined };
  }
  const key = email.toLowerCase();
  const existing = model.users.get(key);
  const plan: RowPlan = {
    key,
    email,
    firstName: cell(record, columns, 'firstName'),
    lastName: cell(record, columns, 'lastName'),
    role: undefined,
    sso: undefined,
    workspaceAdmin: undefined,
    access: [],
  };
  if (!existing) {
    if (!state.allowNewUsersFromImport)
      error(
        'usersImportNewUserNotAllowed',
        `${email} is not a user of this model, and users cannot be added by import`,
      );
    else if (!state.findUserByName(email) && (plan.firstName === '' || plan.lastName === ''))
      error('usersImportMissingName', `First Name and Last Name are required to add the new user ${email}`);
  }
  const roleText = cell(record, columns, 'role');
  if (roleText !== '') {
    plan.role = resolveRole(model, roleText);
    if (plan.role === undefined && existing) error('usersImportInvalidRole', `Invalid role: ${roleText}`);
    if (plan.role === undefined && !existing) {
      problems.push({
        severity: 'W',
        code: 'usersImportInvalidRole',
        message: `Invalid role: ${roleText}; the new user gets No Access`,
      });
      plan.role = noAccess;
    }
    const earlier = roles.get(key);
    if (plan.role !== undefined && earlier !== undefined && earlier !== plan.role)
      error('usersImportConflictingRoles', `Conflicting roles for ${email}: ${earlier} and ${plan.role}`);
  }
  for (const [target, label] of [
    ['sso', 'Single Sign-On'],
    ['workspaceAdmin', 'Workspace Administrator'],
  ] as const) {
    const text = cell(record, columns, target);
    if (text === '') continue;
    if (target === 'sso' && state.limitExceptionUserAssignment) {
      // The tenant setting "Limit exception user assignment to Administration only" takes the column away.
      error(
        'usersImportSsoNotImportable',
        `Single Sign-On cannot be set by import (${text}): exception users are assigned in Administration`,
      );
      continue;
    }
    if (target === 'workspaceAdmin' && state.switches.importWorkspaceAdmin !== 'apply') {
      // Anaplan's help: an import cannot set Workspace Administrator (switch importWorkspaceAdmin).
      if (state.switches.importWorkspaceAdmin === 'refuse')
        error(
          'usersImportWorkspaceAdminNotImportable',
          `Workspace Administrator cannot be set by import (${text}); tick it in the model's Users pane`,
        );
      continue;
    }
    const value = parseBoolean(text);
    if (value === undefined)
      error('usersImportInvalidBoolean', `Invalid ${label} value: ${text} (use true or false)`);
    else plan[target] = value;
  }
  for (const column of columns) {
    if (typeof column.target !== 'object') continue;
    const text = (record.fields[column.index] ?? '').trim();
    const [kind, listName] = Object.entries(column.target)[0] as [string, string];
    if (text === '' || !['readAccess', 'writeAccess', 'noAccess'].includes(kind)) continue;
    const list = resolveList(model, listName);
    if (!list) {
      error('usersImportUnknownList', `Unknown list: ${listName}`);
      continue;
    }
    if (!list.selectiveAccess) {
      error(
        'usersImportListWithoutSelectiveAccess',
        `Selective Access is not enabled on the list ${list.name}`,
      );
      continue;
    }
    const item = resolveItem(list, text);
    if (item === undefined)
      error('usersImportInvalidListItem', `Unknown item "${text}" in list ${list.name}`);
    else
      plan.access.push({
        list: list.name,
        item,
        level: kind === 'readAccess' ? 'read' : kind === 'writeAccess' ? 'write' : 'none',
      });
  }
  const failed = problems.some((problem) => problem.severity === 'E');
  return { problems, plan: failed ? undefined : plan };
}

/** Applies a checked row; returns whether it added the user to the model. */
function applyRow(state: TenantState, model: SimModel, plan: RowPlan): boolean {
  let user = model.users.get(plan.key);
  const created = user === undefined;
  if (!user) {
    let tenantUser = state.findUserByName(plan.email);
    if (!tenantUser) {
      tenantUser = state.addUser({
        id: lowerHexId(),
        userName: plan.email,
        givenName: plan.firstName,
        familyName: plan.lastName,
        active: true,
        externalId: undefined,
        password: undefined,
        roles: [],
        workspaces: [model.workspaceId],
        certificate: undefined,
      });
    } else if (!tenantUser.workspaces.includes(model.workspaceId)) {
      tenantUser.workspaces.push(model.workspaceId);
      state.touchUser(tenantUser);
    }
    user = {
      email: tenantUser.userName,
      firstName: tenantUser.givenName,
      lastName: tenantUser.familyName,
      role: noAccess,
      sso: false,
      workspaceAdmin: false,
      selectiveAccess: {},
    } satisfies SimModelUser;
    model.users.set(plan.key, user);
  }
  if (plan.role !== undefined) user.role = plan.role;
  if (plan.sso !== undefined) setModelSso(state, model, user, plan.sso);
  if (plan.workspaceAdmin !== undefined) setWorkspaceAdmin(state, model, user, plan.workspaceAdmin);
  // Role "No Access" removes every selective-access assignment (community UAM guide, part 3).
  if (user.role === noAccess) user.selectiveAccess = {};
  else applyAccess(user, plan.access);
  return created;
}

/**
 * Runs a USERS import over delimited text. Rows are keyed by e-mail (case-insensitive); rows for the same user
 * accumulate (one selective-access item per row); a blank cell leaves the value unchanged; a row with any error is
 * rejected whole; names of users already in the model are never changed. See the testkit README for every rule.
 */
export function runUsersImport(
  state: TenantState,
  model: SimModel,
  definition: SimImport,
  text: string,
): ImportOutcome {
  const headerRow = definition.headerRow ?? 1;
  const records = parseCsv(text, definition.separator ?? ',');
  const header = records[headerRow - 1]?.fields;
  if (!header) return failedOutcome('importFailedGeneralError', 'The file has no header row');
  const { columns, missing } = bindColumns(definition, header);
  if (missing.length > 0)
    return failedOutcome('missingFields', `Columns missing from the file: ${missing.join(', ')}`, missing);
  if (!columns.some((column) => column.target === 'email'))
    return failedOutcome('importFailedGeneralError', 'The import does not map an Email column');

  const roles = new Map<string, string>();
  const dumpRows: DumpRow[] = [];
  const counts = { success: 0, successCreate: 0, warnings: 0, warningsCreate: 0, failed: 0, ignored: 0 };
  for (const record of records.slice(headerRow)) {
    if (record.fields.every((field) => field.trim() === '')) {
      counts.ignored += 1;
      continue;
    }
    const { problems, plan } = checkRow(state, model, record, columns, roles);
    if (problems.length > 0) dumpRows.push({ record, problems });
    if (!plan) {
      counts.failed += 1;
      continue;
    }
    const created = applyRow(state, model, plan);
    if (plan.role !== undefined) roles.set(plan.key, plan.role);
    if (problems.length > 0) {
      counts.warnings += 1;
      if (created) counts.warningsCreate += 1;
    } else {
      counts.success += 1;
      if (created) counts.successCreate += 1;
    }
  }
  const succeeded = counts.success + counts.warnings;
  const created = counts.successCreate + counts.warningsCreate;
  const total = succeeded + counts.failed + counts.ignored;
  const summary = {
    type: 'usersRowsProcessed',
    occurrences: 0,
    localMessageText: `Users: ${succeeded} (${created}/${succeeded - created}) rows successful, ${counts.failed} failed, ${counts.ignored} ignored`,
    values: [
      ['hierarchyName', 'Users'],
      ['successRowCount', counts.success],
      ['successCreateCount', counts.successCreate],
      ['successUpdateCount', counts.success - counts.successCreate],
      ['warningsRowCount', counts.warnings],
      ['warningsCreateCount', counts.warningsCreate],
      ['warningsUpdateCount', counts.warnings - counts.warningsCreate],
      ['failedCount', counts.failed],
      ['ignoredCount', counts.ignored],
      ['totalRowCount', total],
      ['totalCreateCount', created],
      ['totalUpdateCount', succeeded - created],
      ['createdCount', created],
      ['updatedCount', succeeded - created],
    ].flatMap(([name, value]) => [String(name), String(value)]),
  };
  return {
    successful: counts.failed === 0 || succeeded > 0,
    details: [summary, ...problemDetails(dumpRows)],
    dump: formatDump(header, dumpRows),
  };
}
