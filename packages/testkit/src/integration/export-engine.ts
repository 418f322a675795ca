// Tests: ./action-routes.test.ts, ./task-routes.test.ts

import type { SimModel, SimModelUser } from '../state.js';
import { formatCsv } from './csv.js';

type SimExport = SimModel['exports'][number];

/** An export's output as a table, with the metadata `GET .../exports/{id}` reports. */
export interface ExportTable {
  header: string[];
  rows: string[][];
  dataTypes: string[];
  listNames: string[];
}

/**
 * The columns of a `users` export that names none: the user fields, then read and write per SA-enabled list. The
 * headers are the ones the usual client mapping names (`Email`, `First Name`, `Last Name`, `Role`, `SSO`,
 * `<List> Read`, `<List> Write`), so that a default export reads back what an import in that mapping wrote.
 */
export function defaultUserColumns(model: SimModel): Record<string, string> {
  const columns: Record<string, string> = {
    Email: 'email',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Role: 'role',
    SSO: 'sso',
    'Workspace Administrator': 'workspaceAdmin',
  };
  for (const list of model.lists.filter((candidate) => candidate.selectiveAccess)) {
    columns[`${list.name} Read`] = `read:${list.name}`;
    columns[`${list.name} Write`] = `write:${list.name}`;
  }
  return columns;
}

function accessItems(user: SimModelUser, field: string): string[] | undefined {
  const match = /^(read|write):(.+)$/.exec(field);
  if (!match) return undefined;
  const access = user.selectiveAccess[match[2] as string];
  return [...((match[1] === 'read' ? access?.read : access?.write) ?? [])];
}

function userValue(user: SimModelUser, field: string): string {
  switch (field) {
    case 'email':
    case 'firstName':
    case 'lastName':
    case 'role':
      return user[field];
    case 'sso':
    case 'workspaceAdmin':
      return String(user[field]);
    default:
      return '';
  }
}

function userRows(model: SimModel, definition: SimExport, fields: string[]): string[][] {
  const users = [...model.users.values()].sort((left, right) =>
    left.email.toLowerCase().localeCompare(right.email.toLowerCase()),
  );
  const rows: string[][] = [];
  for (const user of users) {
    const items = fields.map((field) => accessItems(user, field));
    if ((definition.selectiveAccessLayout ?? 'rows') === 'joined') {
      rows.push(fields.map((field, index) => items[index]?.join(',') ?? userValue(user, field)));
      continue;
    }
    // One row per user per item: the layout a USERS import reads back.
    const count = Math.max(1, ...items.map((list) => list?.length ?? 0));
    for (let row = 0; row < count; row += 1)
      rows.push(
        fields.map((field, index) => items[index]?.[row] ?? (items[index] ? '' : userValue(user, field))),
      );
  }
  return rows;
}

function dataType(field: string): { type: string; list: string } {
  if (field === 'sso' || field === 'workspaceAdmin') return { type: 'BOOLEAN', list: '' };
  const access = /^(?:read|write):(.+)$/.exec(field);
  if (access) return { type: 'ENTITY', list: access[1] as string };
  return { type: 'TEXT', list: '' };
}

/** Builds an export's output from the model's current state. */
export function buildExport(model: SimModel, definition: SimExport): ExportTable {
  const source = definition.source ?? 'users';
  if (source === 'rows') {
    const rowsIn = definition.rows ?? [];
    const columns =
      definition.columns ??
      Object.fromEntries([...new Set(rowsIn.flatMap((row) => Object.keys(row)))].map((key) => [key, key]));
    const header = Object.keys(columns);
    return {
      header,
      rows: rowsIn.map((row) => header.map((name) => row[columns[name] as string] ?? '')),
      dataTypes: header.map(() => 'TEXT'),
      listNames: header.map(() => ''),
    };
  }
  if (source === 'list') {
    const list = model.lists.find((candidate) => candidate.name === definition.listName);
    const columns = definition.columns ?? { Name: 'name' };
    const header = Object.keys(columns);
    return {
      header,
      rows: (list?.items ?? []).map((item) => header.map((name) => (columns[name] === 'name' ? item : ''))),
      dataTypes: header.map((name) => (columns[name] === 'name' ? 'ENTITY' : 'TEXT')),
      listNames: header.map((name) => (columns[name] === 'name' ? (list?.name ?? '') : '')),
    };
  }
  const columns = definition.columns ?? defaultUserColumns(model);
  const header = Object.keys(columns);
  const fields = header.map((name) => columns[name] as string);
  return {
    header,
    rows: userRows(model, definition, fields),
    dataTypes: fields.map((field) => dataType(field).type),
    listNames: fields.map((field) => dataType(field).list),
  };
}

/** The export's file content: a header row, then the rows, comma-separated and quoted where needed. */
export function exportCsv(table: ExportTable): string {
  return formatCsv([table.header, ...table.rows]);
}
