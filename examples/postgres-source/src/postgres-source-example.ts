import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyResult,
  apply,
  jsonLinesAuditLog,
  type Plan,
  plan,
  postgresClient,
  renderPlan,
  sqlSource,
} from '@anaplan-access/reconcile';
import pg from 'pg';
import { connect } from './connection.ts';
import { createDesiredSchema } from './desired-database.ts';
import { printApplyResult } from './print-apply-result.ts';

/** The server used when `DATABASE_URL` is not set: PostgreSQL on 127.0.0.1:5432, user postgres, database test. */
export const defaultDatabase = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/** What the example did; `skipped` says why nothing ran (the database was not reachable). */
export interface PostgresSourceOutcome {
  skipped?: string;
  first?: Plan;
  result?: ApplyResult | undefined;
  second?: Plan | undefined;
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
  const connection = await connect(env);
  try {
    if (demoSchema) await createDesiredSchema(database, demoSchema);
    else await database.query(`SET search_path TO ${pg.escapeIdentifier(env.ACCESS_SCHEMA ?? '')}`);
    print(`Connected to PostgreSQL and to the ${connection.description}.`);
    const source = sqlSource({ client: postgresClient(database), name: 'postgres:access' });
    const { target, policy } = connection;
    const first = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(first));
    if (first.blocked || first.operations.length === 0)
      return { first, result: undefined, second: undefined };
    if (connection.simulator === undefined && env.ANAPLAN_APPLY !== 'yes') {
      print('Not applied: set ANAPLAN_APPLY=yes to apply this plan to the tenant.');
      return { first, result: undefined, second: undefined };
    }

    const auditPath = join(await mkdtemp(join(tmpdir(), 'anaplan-access-')), 'audit.jsonl');
    const result = await apply(first, { target, audit: jsonLinesAuditLog(auditPath) });
    printApplyResult(result, print);
    print(`Audit log: ${auditPath}`);

    const second = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(second));
    return { first, result, second };
  } finally {
    if (demoSchema) await database.query(`DROP SCHEMA IF EXISTS ${demoSchema} CASCADE`).catch(() => {});
    await database.end().catch(() => {});
    await connection.close();
  }
}
