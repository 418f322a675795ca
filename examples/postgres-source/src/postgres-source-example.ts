import { randomBytes } from 'node:crypto';
import {
  connect,
  type ReconcileOutcome,
  runReconcileFlow,
  simulatedTenant,
} from '@anaplan-access/example-support';
import { postgresClient, sqlSource } from '@anaplan-access/reconcile';
import pg from 'pg';
import { createDesiredSchema } from './desired-database.ts';

/** The server used when `DATABASE_URL` is not set: PostgreSQL on 127.0.0.1:5432, user postgres, database test. */
export const defaultDatabase = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/** What the example did; `skipped` says why nothing ran (the database was not reachable). */
export interface PostgresSourceOutcome extends Partial<ReconcileOutcome> {
  skipped?: string;
}

function databaseClient(env: NodeJS.ProcessEnv): pg.Client {
  const client = env.DATABASE_URL
    ? new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 3_000 })
    : new pg.Client({ ...defaultDatabase, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  return client;
}

/**
 * Desired access from PostgreSQL (the relational schema of docs/relational-schema.md) → plan → apply → plan again.
 *
 * Without `ACCESS_SCHEMA` it creates a throw-away schema with demo data and drops it afterwards; with it, it reads
 * that schema as it is. Against a real tenant the plan is only printed unless `ANAPLAN_APPLY=yes`.
 */
export async function runPostgresSourceExample(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<PostgresSourceOutcome> {
  const database = databaseClient(env);
  try {
    await database.connect();
  } catch (error) {
    const skipped = `PostgreSQL is not reachable (${env.DATABASE_URL ? 'DATABASE_URL' : '127.0.0.1:5432, user postgres, database test'}): ${error instanceof Error ? error.message : String(error)}`;
    print(`Skipped: ${skipped}`);
    return { skipped };
  }
  const demoSchema = env.ACCESS_SCHEMA
    ? undefined
    : `anaplan_access_example_${randomBytes(6).toString('hex')}`;
  const connection = await connect(env, simulatedTenant);
  try {
    if (demoSchema) await createDesiredSchema(database, demoSchema);
    else await database.query(`SET search_path TO ${pg.escapeIdentifier(env.ACCESS_SCHEMA ?? '')}`);
    print(`Connected to PostgreSQL and to the ${connection.description}.`);

    return await runReconcileFlow(
      connection,
      sqlSource({ client: postgresClient(database), name: 'postgres:access' }),
      env,
      print,
    );
  } finally {
    if (demoSchema) await database.query(`DROP SCHEMA IF EXISTS ${demoSchema} CASCADE`).catch(() => {});
    await database.end().catch(() => {});
    await connection.close();
  }
}
