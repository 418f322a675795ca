import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnaplanTargetModel,
  type ApplyResult,
  apply,
  type ConnectBundle,
  type ConnectBundleOptions,
  csvSource,
  exportConnectBundle,
  type Plan,
  plan,
  renderPlan,
} from '@anaplan-access/reconcile';
import { demoTenant } from '@anaplan-access/testkit';
import { connect } from './connection.ts';
import { printApplyResult } from './print-apply-result.ts';

/** The CSV this example reads unless `ACCESS_CSV` names another. */
export const bundledCsv = fileURLToPath(new URL('../data/access.csv', import.meta.url));

/** What the example did. */
export interface ConnectBundleOutcome {
  first: Plan;
  /** The SCIM operations applied (`only: 'scim'`). */
  scim: ApplyResult | undefined;
  bundle: ConnectBundle | undefined;
  /** run.sh's exit code, when `ANAPLAN_CONNECT` let the example run it. */
  exitCode: number | undefined;
  /** The plan made after the bundle ran. */
  second: Plan | undefined;
}

/** Runs `run.sh` with this process's environment plus `extra`; resolves with its exit code. */
function runScript(script: string, env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const child = spawn('bash', [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      for (const line of output.trimEnd().split('\n')) print(`  | ${line}`);
      resolve(code ?? 1);
    }),
  );
}

/**
 * A pipeline that must set model access with Anaplan Connect: plan → apply the SCIM operations (`only: 'scim'`) →
 * write the Connect bundle → run its `run.sh` (when `ANAPLAN_CONNECT` names Anaplan Connect's AnaplanClient.sh) →
 * plan again.
 *
 * Against the simulator (the default) the SCIM operations are applied and the bundle points at the simulator. Against
 * a real tenant (`ANAPLAN_USERNAME` and `ANAPLAN_PASSWORD`, or a certificate; `ANAPLAN_TARGET_FILE`) nothing is
 * applied unless `ANAPLAN_APPLY=yes`.
 */
export async function runConnectBundleExample(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<ConnectBundleOutcome> {
  const demo = demoTenant();
  const connection = await connect(env, demo);
  try {
    print(`Connected to the ${connection.description}.`);
    const source = csvSource({ path: env.ACCESS_CSV ?? bundledCsv });
    const { target, policy, simulator } = connection;
    const first = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(first));
    const nothing = { first, scim: undefined, bundle: undefined, exitCode: undefined, second: undefined };
    if (first.blocked || first.operations.length === 0) return nothing;
    if (simulator === undefined && env.ANAPLAN_APPLY !== 'yes') {
      print('Not applied: set ANAPLAN_APPLY=yes to apply the SCIM operations and write the bundle.');
      return nothing;
    }

    // 1. Users and workspaces through SCIM: Anaplan Connect cannot create users or change workspaces.
    const scim = await apply(first, { target, only: 'scim' });
    printApplyResult(scim, print);

    // 2. The bundle: each model's USERS CSV and the scripts that run Connect on them.
    const configured: AnaplanTargetModel[] = simulator
      ? demo.models
      : (
          JSON.parse(await readFile(env.ANAPLAN_TARGET_FILE ?? '', 'utf8')) as {
            models: AnaplanTargetModel[];
          }
        ).models;
    const models = await Promise.all(
      first.scope.models.map(async (scoped) => {
        const model = configured.find((each) => each.modelId === scoped.modelId);
        if (model === undefined) throw new Error(`model ${scoped.modelId} is not configured`);
        const definition = await connection.integration
          .model(model.workspaceId, model.modelId)
          .imports.find(model.usersImport.importId);
        return { ...model, file: definition.importDataSourceId ?? definition.name };
      }),
    );
    const options: ConnectBundleOptions = simulator
      ? {
          models,
          credentials: { user: demo.credentials.username },
          service: new URL(simulator.apiUrl).origin,
          auth: simulator.authUrl,
        }
      : {
          models,
          credentials:
            env.ANAPLAN_CERTIFICATE_FILE && env.ANAPLAN_PRIVATE_KEY_FILE
              ? { certificate: env.ANAPLAN_CERTIFICATE_FILE, privateKey: env.ANAPLAN_PRIVATE_KEY_FILE }
              : { user: env.ANAPLAN_USERNAME ?? '' },
        };
    const dir = env.BUNDLE_DIR ?? join(await mkdtemp(join(tmpdir(), 'anaplan-connect-bundle-')), 'bundle');
    const bundle = await exportConnectBundle(first, dir, options);
    print(`Anaplan Connect bundle for plan ${bundle.planDigest}: ${dir}`);
    for (const model of bundle.models)
      print(`  ${model.csv || '(no CSV)'}: ${model.operations.length} operation(s), sha256 ${model.sha256}`);

    // 3. Run it where Anaplan Connect is installed.
    if (!env.ANAPLAN_CONNECT) {
      print(`Next: ANAPLAN_CONNECT=/path/to/AnaplanClient.sh ANAPLAN_PASSWORD=… ${join(dir, 'run.sh')}`);
      return { first, scim, bundle, exitCode: undefined, second: undefined };
    }
    const exitCode = await runScript(
      join(dir, 'run.sh'),
      { ...process.env, ...env, ...(simulator ? { ANAPLAN_PASSWORD: demo.credentials.password } : {}) },
      print,
    );
    print(`run.sh exited with ${exitCode}.`);
    if (exitCode !== 0) return { first, scim, bundle, exitCode, second: undefined };

    // 4. What waited for the model access (a workspace removal, a deactivation after the access was revoked) is
    //    in the next plan: SCIM operations only, when the bundle did its part.
    const rest = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(rest));
    if (
      rest.operations.length === 0 ||
      rest.operations.some((operation) => operation.kind.startsWith('model.'))
    )
      return { first, scim, bundle, exitCode, second: rest };
    printApplyResult(await apply(rest, { target, only: 'scim' }), print);
    const second = await plan({ desired: await source.load(), target, policy });
    print(renderPlan(second));
    return { first, scim, bundle, exitCode, second };
  } finally {
    await connection.close();
  }
}
