// The Anaplan Connect bundle end to end: apply({ only: 'scim' }) sends the SCIM operations, exportConnectBundle
// writes the CSVs and the scripts, and run.sh runs against a stand-in AnaplanClient.sh that calls the simulator's
// Integration API (no Java) and prints Connect's result lines and dumps. The script succeeds, and fails as
// specified: a changed CSV, a failed import (Connect exits 0 then), a cancelled one, one with warnings, and Connect
// exiting non-zero.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isConfigurationError } from '@anaplan-access/core';
import {
  anaplanTarget,
  apply,
  type ConnectBundleModel,
  exportConnectBundle,
  isPlanRefusedError,
  plan,
} from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  admin,
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const standIn = fileURLToPath(new URL('./AnaplanClient.sh', import.meta.url));

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const policy = { deletionGuard: { maxPercent: 100 } };
/** The target's models with the role "Chief", which the simulated models lack (so that rows fail in Anaplan). */
const models = () => targetModels().map((model) => ({ ...model, roles: [...(model.roles ?? []), 'Chief'] }));

async function started(seed = tenantSeed([])) {
  tenant = await startAccessTenant(seed);
  const target = anaplanTarget({
    scim: tenant.scim,
    integration: tenant.integration,
    workspaces: [ids.finance, ids.sales],
    models: models(),
    taskWait: { intervalMs: 25 },
  });
  return { tenant, target };
}

/** The bundle's models: the target's, each with the id of the file its USERS import reads. */
async function bundleModels(current: AccessTenant): Promise<ConnectBundleModel[]> {
  return Promise.all(
    models().map(async (model) => {
      const definition = await current.integration
        .model(model.workspaceId, model.modelId)
        .imports.find(model.usersImport.importId);
      return { ...model, file: definition.importDataSourceId ?? '' };
    }),
  );
}

/** Runs the bundle's run.sh with the stand-in as Anaplan Connect; resolves with its exit code and output. */
function runBundle(
  dir: string,
  env: Record<string, string> = {},
  onOutput?: (text: string, child: ChildProcess) => void,
): Promise<{ code: number | null; output: string; calls: string[][] }> {
  const calls = join(dir, '..', `${dir.split('/').at(-1)}-calls.jsonl`);
  writeFileSync(calls, '');
  const child = spawn('bash', [join(dir, 'run.sh')], {
    env: {
      PATH: process.env.PATH ?? '',
      ANAPLAN_CONNECT: standIn,
      STAND_IN_NODE: join(root, 'node_modules/.bin/node'),
      STAND_IN_CALLS: calls,
      ANAPLAN_PASSWORD: admin.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    onOutput?.(output, child);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const lines = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
      resolve({ code, output, calls: lines.map((line) => JSON.parse(line) as string[]) });
    });
  });
}

const newDir = () => join(mkdtempSync(join(tmpdir(), 'anaplan-access-connect-')), 'bundle');

async function bundleFor(current: AccessTenant, p: Awaited<ReturnType<typeof plan>>, dir = newDir()) {
  const base = new URL(current.sim.apiUrl).origin;
  const bundle = await exportConnectBundle(p, dir, {
    models: await bundleModels(current),
    credentials: { user: admin.userName },
    service: base,
    auth: current.sim.authUrl,
    chunkSizeMb: 5,
  });
  return { bundle, dir };
}

describe('an Anaplan Connect bundle from a saved plan', () => {
  it('apply only: scim, then run.sh: the model access is set and the next plan is empty', async () => {
    const { tenant: current, target } = await started(
      tenantSeed(
        [
          {
            userName: 'mover@corp.example',
            givenName: 'mover',
            familyName: 'Person',
            workspaces: [ids.finance],
          },
        ],
        { budget: [{ email: 'mover@corp.example', role: 'Viewer' }] },
      ),
    );
    const desired = desiredState([
      person('mover@corp.example', { models: { Budget: modelAccess('Planner', ['EMEA']) } }),
      person('joiner@corp.example', {
        workspaces: [ids.finance, ids.sales],
        models: { Budget: modelAccess('Viewer'), Forecast: modelAccess('Sales Rep', [], ['APAC']) },
      }),
    ]);
    const p = await plan({ desired, target, policy });
    const scim = await apply(p, { target, only: 'scim' });
    for (const result of scim.results)
      expect(result.status, result.operationId).toBe(
        result.kind.startsWith('model.') ? 'skipped' : 'succeeded',
      );
    expect(current.sim.state.models.get(ids.budget)?.users.get('mover@corp.example')?.role).toBe('Viewer');

    const { bundle, dir } = await bundleFor(current, p);
    expect(bundle.planDigest).toBe(p.digest);
    expect(bundle.models.map((model) => model.modelId)).toEqual([ids.budget, ids.forecast]);
    expect(bundle.scimOperations).toBe(
      p.operations.filter((operation) => !operation.kind.startsWith('model.')).length,
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
    expect(manifest.planDigest).toBe(p.digest);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain("apply(plan, { target, only: 'scim' })");

    const run = await runBundle(dir);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('The operation was successful');
    // Connect's flags, in Connect's order, for each model in the plan's order.
    expect(run.calls.map((call) => call.filter((arg) => arg.startsWith('-')))).toEqual(
      Array(2).fill([
        '-service',
        '-auth',
        '-user',
        '-workspace',
        '-model',
        '-chunksize',
        '-file',
        '-put',
        '-import',
        '-execute',
        '-output',
      ]),
    );
    expect(run.calls[0]).toEqual(
      expect.arrayContaining([`${admin.userName}:${admin.password}`, '5', ids.budget]),
    );
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).not.toContain(admin.password);

    const budget = current.sim.state.models.get(ids.budget);
    expect(budget?.users.get('mover@corp.example')?.role).toBe('Planner');
    expect(budget?.users.get('joiner@corp.example')?.role).toBe('Viewer');
    expect(current.sim.state.models.get(ids.forecast)?.users.get('joiner@corp.example')?.role).toBe(
      'Sales Rep',
    );
    expect((await plan({ desired, target, policy })).operations).toEqual([]);
  });

  it('refuses to run when a CSV changed since the bundle was made: Connect is never called', async () => {
    const { tenant: current, target } = await started();
    const p = await plan({
      desired: desiredState([person('joiner@corp.example', { models: { Budget: modelAccess('Viewer') } })]),
      target,
      policy,
    });
    await apply(p, { target, only: 'scim' });
    const { dir } = await bundleFor(current, p);
    const csv = join(dir, `users_${ids.budget}.csv`);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('Viewer', 'Full Access'));
    const run = await runBundle(dir);
    expect(run.code).toBe(3);
    expect(run.output).toContain('checksum differs');
    expect(run.calls).toEqual([]);
    expect(current.sim.state.models.get(ids.budget)?.users.get('joiner@corp.example')).toBeUndefined();
  });

  it('fails when the import failed although Connect exits 0, and stops before the next model', async () => {
    // Every Budget row names "Chief", which the model lacks: the import fails as a whole (successful: false).
    const { tenant: current, target } = await started(
      tenantSeed(
        [
          {
            userName: 'mover@corp.example',
            givenName: 'mover',
            familyName: 'Person',
            workspaces: [ids.finance, ids.sales],
          },
        ],
        { budget: [{ email: 'mover@corp.example', role: 'Viewer' }] },
      ),
    );
    const p = await plan({
      desired: desiredState([
        person('mover@corp.example', {
          workspaces: [ids.finance, ids.sales],
          models: { Budget: modelAccess('Chief'), Forecast: modelAccess('Viewer') },
        }),
      ]),
      target,
      policy,
    });
    const { dir } = await bundleFor(current, p);
    const run = await runBundle(dir);
    expect(run.output).toContain('The operation failed');
    expect(run.code).toBe(4);
    expect(run.calls).toHaveLength(1);
    expect(readFileSync(join(dir, `dumps/users_${ids.budget}.csv`), 'utf8')).toContain('Invalid role');
    expect(current.sim.state.models.get(ids.forecast)?.users.get('mover@corp.example')).toBeUndefined();
  });

  it('fails when the import loaded rows with warnings: the dump is not empty', async () => {
    // A new user with a role the model lacks: loaded with a warning (No Access), the import counts as successful.
    const { tenant: current, target } = await started();
    const p = await plan({
      desired: desiredState([
        person('joiner@corp.example', { models: { Budget: modelAccess('Chief') } }),
        person('fine@corp.example', { models: { Budget: modelAccess('Viewer') } }),
      ]),
      target,
      policy,
    });
    await apply(p, { target, only: 'scim' });
    const { dir } = await bundleFor(current, p);
    const run = await runBundle(dir);
    expect(run.output).toContain('The operation was successful');
    expect(run.code).toBe(6);
    expect(run.output).toContain('rows failed or loaded with warnings');
    expect(readFileSync(join(dir, `dumps/users_${ids.budget}.csv`), 'utf8')).toMatch(/^"_Status_"[\s\S]*"W"/);
  });

  it('fails when the import was cancelled', async () => {
    const { tenant: current, target } = await started();
    const p = await plan({
      desired: desiredState([person('joiner@corp.example', { models: { Budget: modelAccess('Viewer') } })]),
      target,
      policy,
    });
    await apply(p, { target, only: 'scim' });
    const { dir } = await bundleFor(current, p);
    current.sim.state.switches.holdTasks = true;
    let cancelled = false;
    const run = await runBundle(dir, {}, (output) => {
      const taskId = /Run status: .* started \((\w+)\)/.exec(output)?.[1];
      if (taskId === undefined || cancelled) return;
      cancelled = true;
      void (async () => {
        const model = current.integration.model(ids.finance, ids.budget);
        const importId = await model.imports.resolve('Users import');
        await model.imports.task(importId, taskId).cancel();
        current.sim.state.switches.holdTasks = false;
      })();
    });
    expect(run.output).toContain('The operation was cancelled');
    expect(run.code).toBe(5);
  });

  it("passes on Connect's own non-zero exit (refused credentials)", async () => {
    const { tenant: current, target } = await started();
    const p = await plan({
      desired: desiredState([person('joiner@corp.example', { models: { Budget: modelAccess('Viewer') } })]),
      target,
      policy,
    });
    const { dir } = await bundleFor(current, p);
    const run = await runBundle(dir, { ANAPLAN_PASSWORD: 'not-the-password' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Anaplan Connect exited with 1');
  });

  it('writes run.bat with the same steps, and refuses what it cannot bundle', async () => {
    const { tenant: current, target } = await started();
    const p = await plan({
      desired: desiredState([person('joiner@corp.example', { models: { Budget: modelAccess('Viewer') } })]),
      target,
      policy,
    });
    const { dir, bundle } = await bundleFor(current, p);
    const bat = readFileSync(join(dir, 'run.bat'), 'utf8');
    expect(bat).toContain(`certutil -hashfile`);
    expect(bat).toContain(bundle.models[0]?.sha256);
    const call = bat.split('\r\n').find((line) => line.startsWith('call "%ANAPLAN_CONNECT%"')) ?? '';
    expect(call.match(/ -[a-z]+/g)).toEqual([
      ' -service',
      ' -auth',
      ' -workspace',
      ' -model',
      ' -chunksize',
      ' -file',
      ' -put',
      ' -import',
      ' -execute',
      ' -output',
    ]);
    expect(call).toContain('%CREDENTIALS%');
    expect(bat).toContain('findstr /c:"The operation failed"');

    const models = await bundleModels(current);
    const refused = (options: object) =>
      exportConnectBundle(p, newDir(), { models, credentials: { user: admin.userName }, ...options }).catch(
        (error: unknown) => error,
      );
    expect(await refused({ chunkSizeMb: 51 })).toMatchObject({ key: 'chunkSizeMb' });
    expect(isConfigurationError(await refused({ unknown: 1 }))).toBe(true);
    expect(await refused({ credentials: { user: 'a"b' } })).toMatchObject({ key: 'credentials.user' });
    expect(
      isConfigurationError(
        await exportConnectBundle(p, dir, { models, credentials: { user: 'x' } }).catch(
          (error: unknown) => error,
        ),
      ),
    ).toBe(true);
    expect(
      await apply(p, { target, only: 'models' as 'scim' }).catch((error: unknown) => error),
    ).toMatchObject({ key: 'only' });
    const edited = { ...p, blocked: true };
    expect(
      isPlanRefusedError(
        await exportConnectBundle(edited, newDir(), { models, credentials: { user: 'x' } }).catch(
          (error: unknown) => error,
        ),
      ),
    ).toBe(true);
  });
});
