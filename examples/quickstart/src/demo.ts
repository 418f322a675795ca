import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrationClient } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, type RegionCode } from '@anaplan-access/core';
import {
  type AnaplanTargetModel,
  anaplanTarget,
  apply,
  jsonLinesAuditLog,
  plan,
  renderPlan,
  sqliteClient,
  sqlSource,
} from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { startSimulator } from '@anaplan-access/testkit';
import { createDesiredDatabase } from './desired-database.ts';
import {
  anaplanSeed,
  breakGlassAccount,
  importColumns,
  integrationAccount,
  models,
  workspaces,
} from './tenant.ts';

/** Where the demo talks to: the simulator (default) or a real tenant described by `ANAPLAN_*` variables. */
interface Connection {
  auth: AuthProvider;
  endpoints: { scimUrl?: string; apiUrl?: string; authUrl?: string; region?: RegionCode };
  workspaceIds: string[];
  models: AnaplanTargetModel[];
  /** How often imports and exports are polled (short against the simulator; the default against Anaplan). */
  taskWait?: { intervalMs: number };
  close(): Promise<void>;
}

async function connect(env: NodeJS.ProcessEnv, print: (...lines: string[]) => void): Promise<Connection> {
  if (env.ANAPLAN_USERNAME && env.ANAPLAN_PASSWORD && env.ANAPLAN_TARGET_FILE) {
    const { readFile } = await import('node:fs/promises');
    const config = JSON.parse(await readFile(env.ANAPLAN_TARGET_FILE, 'utf8')) as {
      workspaces: string[];
      models: AnaplanTargetModel[];
    };
    print(`Real tenant (${env.ANAPLAN_REGION ?? 'us1'}) as ${env.ANAPLAN_USERNAME}.`);
    return {
      auth: basicAuth({ username: env.ANAPLAN_USERNAME, password: env.ANAPLAN_PASSWORD }),
      endpoints: { region: (env.ANAPLAN_REGION ?? 'us1') as RegionCode },
      workspaceIds: config.workspaces,
      models: config.models,
      close: async () => {},
    };
  }
  const password = `demo-${Math.random().toString(36).slice(2)}`;
  const sim = await startSimulator({ seed: anaplanSeed(password) });
  print(
    `Simulated Anaplan tenant at ${sim.baseUrl} (set ANAPLAN_USERNAME, ANAPLAN_PASSWORD and ANAPLAN_TARGET_FILE for a real one).`,
  );
  return {
    auth: basicAuth({ username: integrationAccount, password }),
    endpoints: { scimUrl: sim.scimUrl, apiUrl: sim.apiUrl, authUrl: sim.authUrl },
    workspaceIds: Object.values(workspaces).map((workspace) => workspace.id),
    models: models.map((model) => ({
      workspaceId: model.workspaceId,
      modelId: model.id,
      name: model.name,
      usersImport: { importId: model.importId, columns: importColumns(model) },
      usersExport: { exportId: model.exportId, columns: importColumns(model) },
      roles: ['Full Access', 'No Access', ...model.roles],
      lists: model.lists,
    })),
    taskWait: { intervalMs: 50 },
    close: () => sim.close(),
  };
}

/**
 * The quick start: desired access in SQLite → plan against Anaplan → apply → plan again ("No changes").
 * Returns the two plans' summary lines, for the test that runs it.
 */
export async function runDemo(
  env: NodeJS.ProcessEnv = process.env,
  print: (...lines: string[]) => void = (...lines) => console.log(lines.join('\n')),
) {
  const connection = await connect(env, print);
  const { scimUrl, apiUrl, authUrl, region } = connection.endpoints;
  const scim = new ScimClient({ auth: connection.auth, baseUrl: scimUrl, authUrl, region });
  const integration = new IntegrationClient({ auth: connection.auth, baseUrl: apiUrl, authUrl, region });
  try {
    const database = createDesiredDatabase(':memory:');
    const source = sqlSource({ client: sqliteClient(database), name: 'sqlite:hr-access' });
    const target = anaplanTarget({
      scim,
      integration,
      workspaces: connection.workspaceIds,
      models: connection.models,
      ...(connection.taskWait ? { taskWait: connection.taskWait } : {}),
    });
    const policy = { protectedUsers: [breakGlassAccount] };

    const desired = await source.load();
    print(`Loaded ${desired.users.length} users from ${desired.source}.`);
    const first = await plan({ desired, target, policy });
    print('', renderPlan(first));

    const auditPath = join(mkdtempSync(join(tmpdir(), 'anaplan-access-demo-')), 'audit.jsonl');
    const result = await apply(first, { target, audit: jsonLinesAuditLog(auditPath) });
    print(
      `Applied: ${result.counts.succeeded} succeeded, ${result.counts.failed} failed, ${result.counts.skipped} skipped. Audit log: ${auditPath}`,
    );
    // A failure says what to fix; a USERS import row Anaplan loads with a warning that leaves the user other than
    // planned (an invalid role gives a new user No Access) is a failure too. Other warnings are printed as well.
    for (const entry of result.results) {
      if (entry.status === 'failed') print(`  failed ${entry.operationId}: ${entry.error}`);
      for (const warning of entry.warnings ?? []) print(`  warning ${entry.operationId}: ${warning}`);
    }

    const second = await plan({ desired: await source.load(), target, policy });
    print('', renderPlan(second));
    database.close();
    return { first, second, result };
  } finally {
    await Promise.allSettled([scim.close(), integration.close()]);
    await connection.close();
  }
}
