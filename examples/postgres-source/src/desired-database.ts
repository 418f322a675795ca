import { accessSchemaSql } from '@anaplan-access/reconcile';
import type pg from 'pg';

/** Today's desired state: the same story as the CSV example (a joiner, a mover, a leaver, an access change). */
const statements = [
  `INSERT INTO access_users (user_name, given_name, family_name, active, external_id) VALUES
     ('ana.silva@example.com', 'Ana', 'Silva', TRUE, 'E-ana.silva'),
     ('bruno.costa@example.com', 'Bruno', 'Costa', TRUE, 'E-bruno.costa'),
     ('dana.novak@example.com', 'Dana', 'Novak', TRUE, 'E-dana.novak'),
     ('eve.martin@example.com', 'Eve', 'Martin', TRUE, 'E-eve.martin')`,
  `INSERT INTO access_workspace_members (user_name, workspace) VALUES
     ('ana.silva@example.com', 'Finance'),
     ('bruno.costa@example.com', 'Finance'),
     ('dana.novak@example.com', 'Sales'),
     ('eve.martin@example.com', 'Sales')`,
  `INSERT INTO access_model_roles (user_name, model, role, sso) VALUES
     ('ana.silva@example.com', 'FP&A', 'Planner', FALSE),
     ('bruno.costa@example.com', 'FP&A', 'Planner', FALSE),
     ('dana.novak@example.com', 'Sales Forecast', 'Sales Manager', FALSE),
     ('eve.martin@example.com', 'Sales Forecast', 'Sales Rep', FALSE)`,
  `INSERT INTO access_selective_access (user_name, model, list_name, item, access) VALUES
     ('ana.silva@example.com', 'FP&A', 'Regions', 'EMEA', 'read'),
     ('ana.silva@example.com', 'FP&A', 'Regions', 'APAC', 'write'),
     ('bruno.costa@example.com', 'FP&A', 'Regions', 'AMER', 'write'),
     ('eve.martin@example.com', 'Sales Forecast', 'Regions', 'EMEA', 'write')`,
];

/**
 * Creates the documented relational schema (`accessSchemaSql`) in a schema of its own and fills it with the demo
 * data; the client's `search_path` then points at it. Your HR or IGA database replaces this step.
 */
export async function createDesiredSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await client.query(accessSchemaSql);
  for (const statement of statements) await client.query(statement);
}
