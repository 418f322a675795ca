// Tests: ../sql-source.test.ts

import type { AccessQueries } from '../access-schema.js';
import type { AccessColumn } from '../column-mapping.js';

/** How the rows of one relational query become flat access rows. */
export interface RelationalQuery {
  /** Names the rows in findings: `sql:<table>`. */
  source: string;
  query: string;
  /** Query column → flat access column. */
  columns: ReadonlyMap<string, AccessColumn>;
  /** Query columns that must be present. */
  required: readonly AccessColumn[];
}

/** The default queries and column meanings of the relational schema, in load order. */
export function relationalQueries(overrides: AccessQueries = {}): RelationalQuery[] {
  return [
    {
      source: 'sql:access_users',
      query:
        overrides.users ??
        'SELECT user_name, given_name, family_name, active, external_id FROM access_users ORDER BY user_name',
      columns: new Map<string, AccessColumn>([
        ['user_name', 'email'],
        ['given_name', 'first_name'],
        ['family_name', 'last_name'],
        ['active', 'active'],
        ['external_id', 'external_id'],
      ]),
      required: ['email', 'first_name', 'last_name'],
    },
    {
      source: 'sql:access_workspace_members',
      query:
        overrides.workspaceMembers ??
        'SELECT user_name, workspace FROM access_workspace_members ORDER BY user_name, workspace',
      columns: new Map<string, AccessColumn>([
        ['user_name', 'email'],
        ['workspace', 'workspace'],
      ]),
      required: ['email', 'workspace'],
    },
    {
      source: 'sql:access_model_roles',
      query:
        overrides.modelRoles ??
        'SELECT user_name, model, role, sso, workspace_admin FROM access_model_roles ORDER BY user_name, model',
      columns: new Map<string, AccessColumn>([
        ['user_name', 'email'],
        ['model', 'model'],
        ['role', 'role'],
        ['sso', 'sso'],
        ['workspace_admin', 'workspace_admin'],
      ]),
      required: ['email', 'model', 'role'],
    },
    {
      source: 'sql:access_selective_access',
      query:
        overrides.selectiveAccess ??
        'SELECT user_name, model, list_name, item, access FROM access_selective_access ' +
          'ORDER BY user_name, model, list_name, item',
      columns: new Map<string, AccessColumn>([
        ['user_name', 'email'],
        ['model', 'model'],
        ['list_name', 'list'],
        ['item', 'item'],
        ['access', 'access'],
      ]),
      required: ['email', 'model', 'list', 'item', 'access'],
    },
  ];
}
