import { DatabaseSync } from 'node:sqlite';
import { accessSchemaSql } from '@anaplan-access/reconcile';
import { breakGlassAccount, desiredPeople, models, workspacesOf } from './tenant.ts';

/**
 * Creates the HR/IGA database the demo reads: the documented relational schema (users, workspace membership, model
 * access, selective access), filled with today's desired state. `path` may be `:memory:`.
 */
export function createDesiredDatabase(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  database.exec(accessSchemaSql);
  const insertUser = database.prepare(
    'INSERT INTO access_users (user_name, given_name, family_name, active, external_id) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMember = database.prepare(
    'INSERT INTO access_workspace_members (user_name, workspace) VALUES (?, ?)',
  );
  const insertRole = database.prepare(
    'INSERT INTO access_model_roles (user_name, model, role, sso) VALUES (?, ?, ?, ?)',
  );
  const insertItem = database.prepare(
    'INSERT INTO access_selective_access (user_name, model, list_name, item, access) VALUES (?, ?, ?, ?, ?)',
  );
  database.exec('BEGIN');
  for (const person of desiredPeople()) {
    insertUser.run(person.email, person.firstName, person.lastName, 1, `HR-${person.email.split('@')[0]}`);
    for (const workspace of workspacesOf(person)) insertMember.run(person.email, workspace);
    for (const [modelName, access] of Object.entries(person.access)) {
      const model = models.find((candidate) => candidate.name === modelName);
      if (!model) continue;
      insertRole.run(person.email, model.name, access.role, 0);
      for (const [level, lists] of [
        ['read', access.read],
        ['write', access.write],
      ] as const)
        for (const [list, items] of Object.entries(lists ?? {}))
          for (const item of items) insertItem.run(person.email, model.name, list, item, level);
    }
  }
  database.exec('COMMIT');
  return database;
}

export { breakGlassAccount };
