// Faults of the CloudWorks channel, end to end against the simulator with a real Azurite: a run that fails, one
// that partially succeeds, a cancelled run, a 409 "already running", a storage write that fails, and a process
// killed between the upload and the run. After each: no operation is reported done that is not, what was not done
// shows up in the next plan, and the plan after the fault's cause is gone converges (applies, then plans nothing).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type AccessTarget, type ApplyResult, apply, type Plan, plan } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChannelTenant, type StorageKind, startChannelTenant } from '../cloudworks/channel-tenant.js';
import {
  admin,
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';
import type { KillChildInput } from './cloudworks-kill-child.js';

const child = fileURLToPath(new URL('./cloudworks-kill-child.ts', import.meta.url));
const hooks = fileURLToPath(new URL('./source-hooks.mjs', import.meta.url));

let tenant: ChannelTenant | undefined;
afterEach(async () => {
  if (tenant) tenant.sim.state.switches.holdTasks = false;
  await tenant?.close();
  tenant = undefined;
});

const policy = { deletionGuard: { maxPercent: 100 } };

/** A mover and a leaver in Budget, a joiner in both models. */
function scenario() {
  const seed = tenantSeed(
    [
      { userName: 'mover@corp.example', givenName: 'mover', familyName: 'Person', workspaces: [ids.finance] },
      {
        userName: 'leaver@corp.example',
        givenName: 'leaver',
        familyName: 'Person',
        workspaces: [ids.finance],
      },
    ],
    {
      budget: [
        { email: 'mover@corp.example', role: 'Viewer' },
        { email: 'leaver@corp.example', role: 'Planner' },
      ],
    },
  );
  const desired = desiredState([
    person('mover@corp.example', { models: { Budget: modelAccess('Planner', ['EMEA']) } }),
    person('leaver@corp.example'),
    person('joiner@corp.example', {
      workspaces: [ids.finance, ids.sales],
      models: { Budget: modelAccess('Viewer'), Forecast: modelAccess('Sales Rep') },
    }),
  ]);
  return { seed, desired };
}

const modelOperations = (p: Plan) => p.operations.filter((operation) => operation.kind.startsWith('model.'));
const byStatus = (result: ApplyResult, status: string) =>
  result.results.filter((entry) => entry.status === status).map((entry) => entry.operationId);

/**
 * What holds after a fault: the next plan contains no operation reported as succeeded and every model operation
 * that failed; then, with `healed` (the fault's cause gone), applying it succeeds and the plan after is empty.
 */
async function convergesAfter(
  result: ApplyResult,
  desired: ReturnType<typeof scenario>['desired'],
  healed: AccessTarget,
): Promise<void> {
  const next = await plan({ desired, target: healed, policy });
  const pending = new Set(next.operations.map((operation) => operation.id));
  for (const id of byStatus(result, 'succeeded'))
    expect(pending.has(id), `${id} was reported done`).toBe(false);
  for (const entry of result.results)
    if (entry.status === 'failed' && entry.kind.startsWith('model.'))
      expect(pending.has(entry.operationId), `${entry.operationId} failed but is not planned again`).toBe(
        true,
      );
  const again = await apply(next, { target: healed });
  expect(again.outcome, JSON.stringify(again.results)).toBe('succeeded');
  expect((await plan({ desired, target: healed, policy })).operations).toEqual([]);
}

/** Waits until `check` holds, polling every 10 ms (at most 20 s). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 20_000) throw new Error('the condition did not come');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the cloudworks channel under faults, then the next plan converges', () => {
  it('a run that fails (the connection cannot read the file): every operation of the model fails', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const broken = tenant.target({ cloudWorks: { connectionId: await tenant.unreadableConnectionId() } });
    const result = await apply(await plan({ desired, target: broken, policy }), { target: broken });
    const failed = result.results.filter((entry) => entry.kind.startsWith('model.'));
    expect(failed.map((entry) => entry.status)).toEqual(failed.map(() => 'failed'));
    expect(failed[0]?.error).toMatch(/import failed: CloudWorks run \w+: Failed to read/);
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('mover@corp.example')?.role).toBe('Viewer');
    await convergesAfter(result, desired, tenant.target());
  });

  it('a run that partially succeeds (code 38): the rows in the dump fail, the others succeed', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const target = tenant.target();
    const first = await plan({ desired, target, policy });
    // The role the mover is to get disappears from the model after the plan: their row is rejected.
    const budget = tenant.sim.state.models.get(ids.budget);
    budget?.roles.splice(budget.roles.indexOf('Planner'), 1);
    const result = await apply(first, { target, verifyFingerprint: false });
    const failed = byStatus(result, 'failed');
    expect(failed).toEqual([expect.stringContaining('mover@corp.example')]);
    expect(result.results.find((entry) => entry.status === 'failed')?.error).toContain('Invalid role');
    expect(byStatus(result, 'succeeded')).toEqual(
      expect.arrayContaining(
        modelOperations(first)
          .filter((o) => !o.id.includes('mover'))
          .map((o) => o.id),
      ),
    );
    budget?.roles.push('Planner');
    await convergesAfter(result, desired, target);
  });

  it('a cancelled run: the operations of that model fail, the other model is applied', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const current = tenant;
    const target = current.target();
    const first = await plan({ desired, target, policy });
    // Held from here, so only the imports are (the re-observation's Users export would be too).
    current.sim.state.switches.holdTasks = true;
    const applying = apply(first, { target, verifyFingerprint: false });
    // Someone cancels Budget's run in CloudWorks while it is in flight (404 while it is still queued, as live).
    await until(async () => {
      const integration = (await current.cloudWorks.integrations.list().toArray({ limit: 10 })).find(
        (each) => each.modelId === ids.budget,
      );
      if (integration === undefined) return false;
      return current.cloudWorks.runs.cancel(integration.integrationId).then(
        () => true,
        () => false,
      );
    });
    current.sim.state.switches.holdTasks = false;
    const result = await applying;
    for (const entry of result.results.filter((each) => each.kind.startsWith('model.'))) {
      const inBudget = entry.operationId.includes(ids.budget);
      expect(entry.status, entry.operationId).toBe(inBudget ? 'failed' : 'succeeded');
      if (inBudget) expect(entry.error).toContain('was cancelled');
    }
    await convergesAfter(result, desired, target);
  });

  it('a 409 "already running" (a scheduled run in flight): the run in flight is waited for, then this one runs', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const current = tenant;
    const target = current.target();
    // An earlier apply made the integrations; a schedule now starts Budget's run, held in flight.
    const warmUp = desiredState(desired.users.filter((user) => user.userName !== 'joiner@corp.example'));
    await apply(await plan({ desired: warmUp, target, policy }), { target });
    const budgetIntegration = (await current.cloudWorks.integrations.list().toArray({ limit: 10 })).find(
      (each) => each.modelId === ids.budget,
    );
    const second = await plan({ desired, target, policy });
    current.sim.state.switches.holdTasks = true;
    await current.cloudWorks.runs.start(budgetIntegration?.integrationId ?? '');
    const applying = apply(second, { target, verifyFingerprint: false });
    await until(() =>
      current.sim.requests.some((request) => request.status === 409 && request.path.endsWith('/run')),
    );
    current.sim.state.switches.holdTasks = false;
    const result = await applying;
    expect(result.outcome, JSON.stringify(result.results)).toBe('succeeded');
    const history = await current.cloudWorks.runs.history(budgetIntegration?.integrationId ?? '', {
      pageSize: 10,
    });
    expect(history.totalRuns).toBe(3);
    await convergesAfter(result, desired, target);
  });

  it.each<StorageKind>(['AzureBlob', 'AmazonS3'])(
    'a storage write that fails (%s): no run starts, every operation of the model fails',
    async (kind) => {
      const { seed, desired } = scenario();
      tenant = await startChannelTenant(seed, kind);
      const refusing = tenant.target({ cloudWorks: { storage: tenant.refusingStorage } });
      const result = await apply(await plan({ desired, target: refusing, policy }), { target: refusing });
      const model = result.results.filter((entry) => entry.kind.startsWith('model.'));
      expect(model.map((entry) => entry.status)).toEqual(model.map(() => 'failed'));
      expect(model[0]?.error).toMatch(
        kind === 'AzureBlob'
          ? /not imported: Writing anaplan-access\/users_\w+\.csv to AzureBlob uam failed \(HTTP 403\)/
          : /not imported: Writing anaplan-access\/users_\w+\.csv to AmazonS3 no-such-bucket failed \(HTTP 404\)/,
      );
      expect(await tenant.cloudWorks.integrations.list().toArray({ limit: 10 })).toEqual([]);
      expect(tenant.sim.requests.some((request) => request.path.endsWith('/run'))).toBe(false);
      await convergesAfter(result, desired, tenant.target());
    },
  );

  it('a process killed between the upload and the run: nothing was imported, and the next plan converges', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const { sim } = tenant;
    const input: KillChildInput = {
      urls: {
        authUrl: sim.authUrl,
        apiUrl: sim.apiUrl,
        scimUrl: sim.scimUrl,
        cloudWorksUrl: sim.cloudWorksUrl,
      },
      credentials: { username: admin.userName, password: admin.password },
      azure: tenant.azureWriter as KillChildInput['azure'],
      connectionId: tenant.connectionId,
      workspaces: [ids.finance, ids.sales],
      models: targetModels().map((model) => ({ ...model, channel: 'cloudworks' as const })),
      desired,
    };
    const running = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', hooks, child, JSON.stringify(input)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const exited = new Promise<string | null>((resolve) =>
      running.on('exit', (_code, signal) => resolve(signal)),
    );
    running.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    running.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('UPLOADED')) running.kill('SIGKILL');
    });
    expect(await exited, output).toBe('SIGKILL');
    expect(output).not.toContain('FINISHED');
    // The CSV is in the container; no run was started.
    expect(sim.requests.some((request) => request.method === 'POST' && request.path.endsWith('/run'))).toBe(
      false,
    );
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('mover@corp.example')?.role).toBe('Viewer');

    const target = tenant.target();
    const next = await plan({ desired, target, policy });
    expect(modelOperations(next).length).toBe(4);
    const result = await apply(next, { target });
    expect(result.outcome, JSON.stringify(result.results)).toBe('succeeded');
    expect((await plan({ desired, target, policy })).operations).toEqual([]);
  });
});
