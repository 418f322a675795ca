// reconcile's `cloudworks` channel end to end, over real HTTP and real storage: apply writes each model's USERS CSV
// to Azurite or to an S3-compatible server, ensures one integration per model, runs it (or one flow across the
// models), waits, and maps the run's dump back to operations exactly as the Integration API channel does; the next
// plan is empty.
import { type ApplyResult, anaplanTarget, apply, plan } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';
import { type ChannelTenant, type StorageKind, startChannelTenant } from './channel-tenant.js';

let tenant: ChannelTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** A joiner in both models, a mover in Budget, and a leaver whose Budget access is revoked. */
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
    person('mover@corp.example', { models: { Budget: modelAccess('Planner', ['EMEA'], ['AMER']) } }),
    person('leaver@corp.example'),
    person('joiner@corp.example', {
      workspaces: [ids.finance, ids.sales],
      models: { Budget: modelAccess('Viewer'), Forecast: modelAccess('Sales Rep', [], ['APAC']) },
    }),
  ]);
  return { seed, desired };
}

const policy = { deletionGuard: { maxPercent: 100 } };
const statuses = (result: ApplyResult) =>
  Object.fromEntries(result.results.map((entry) => [entry.operationId, [entry.status, entry.error]]));

describe.each<StorageKind>(['AzureBlob', 'AmazonS3'])('the cloudworks channel through %s', (kind) => {
  it('applies model access through one integration per model, and the next plan is empty', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, kind);
    const target = tenant.target();
    const first = await plan({ desired, target, policy });
    expect(first.operations.filter((operation) => operation.kind.startsWith('model.')).length).toBe(4);
    const result = await apply(first, { target });
    expect(result.outcome, JSON.stringify(statuses(result))).toBe('succeeded');

    const budget = tenant.sim.state.models.get(ids.budget);
    expect(budget?.users.get('mover@corp.example')?.role).toBe('Planner');
    expect(budget?.users.get('joiner@corp.example')?.role).toBe('Viewer');
    expect(tenant.sim.state.models.get(ids.forecast)?.users.get('joiner@corp.example')?.role).toBe(
      'Sales Rep',
    );
    expect(budget?.users.get('leaver@corp.example')?.role ?? 'No Access').toBe('No Access');

    // One integration per model, named after it, reading the CSV at its stable path; each ran once.
    const integrations = await tenant.cloudWorks.integrations.list().toArray({ limit: 100 });
    expect(integrations.map((integration) => integration.name).sort()).toEqual(
      [`anaplan-access:users:${ids.budget}`, `anaplan-access:users:${ids.forecast}`].sort(),
    );
    const budgetIntegration = integrations.find((integration) => integration.modelId === ids.budget);
    const detail = await tenant.cloudWorks.integrations.get(budgetIntegration?.integrationId ?? '');
    expect(detail.jobs[0]?.sources[0]).toMatchObject({
      type: kind,
      connectionId: tenant.connectionId,
      file: `anaplan-access/users_${ids.budget}.csv`,
    });
    expect((await tenant.cloudWorks.runs.history(detail.integrationId, { pageSize: 5 })).totalRuns).toBe(1);

    const next = await plan({ desired, target, policy });
    expect(next.operations).toEqual([]);

    // A later change runs the same integrations again: nothing is created or replaced.
    const later = desiredState([
      ...desired.users.filter((user) => user.userName !== 'mover@corp.example'),
      person('mover@corp.example', { models: { Budget: modelAccess('Viewer') } }),
    ]);
    const third = await plan({ desired: later, target, policy });
    expect((await apply(third, { target })).outcome).toBe('succeeded');
    expect(tenant.sim.state.models.get(ids.budget)?.users.get('mover@corp.example')?.role).toBe('Viewer');
    const after = await tenant.cloudWorks.integrations.list().toArray({ limit: 100 });
    expect(after.map((integration) => integration.integrationId).sort()).toEqual(
      integrations.map((integration) => integration.integrationId).sort(),
    );
    expect((await tenant.cloudWorks.runs.history(detail.integrationId, { pageSize: 5 })).totalRuns).toBe(2);
    expect((await plan({ desired: later, target, policy })).operations).toEqual([]);
  });
});

describe('the cloudworks channel with one integration flow across the models', () => {
  it('runs both models as one flow in the order of models, and the next plan is empty', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    const target = tenant.target({ cloudWorks: { flow: 'anaplan-access:users' } });
    const result = await apply(await plan({ desired, target, policy }), { target });
    expect(result.outcome, JSON.stringify(statuses(result))).toBe('succeeded');
    const flows = await tenant.cloudWorks.flows.list().toArray({ limit: 10 });
    expect(flows.map((flow) => flow.name)).toEqual(['anaplan-access:users']);
    const flow = await tenant.cloudWorks.flows.get(flows[0]?.id ?? '');
    const integrations = await tenant.cloudWorks.integrations.list().toArray({ limit: 10 });
    const idOf = (modelId: string) =>
      integrations.find((integration) => integration.modelId === modelId)?.integrationId;
    expect(flow.steps.map((step) => step.referrer)).toEqual([idOf(ids.budget), idOf(ids.forecast)]);
    for (const step of flow.steps) {
      const latest = (await tenant.cloudWorks.runs.history(step.referrer, { pageSize: 1 })).items[0];
      expect((await tenant.cloudWorks.runs.get(latest?.id ?? '')).flowGroupId).toBeTruthy();
    }
    expect((await plan({ desired, target, policy })).operations).toEqual([]);
  });

  it('stops at the first model that fails: the later model is not run, and its operations show up again', async () => {
    const { seed, desired } = scenario();
    tenant = await startChannelTenant(seed, 'AzureBlob');
    // Budget's role "Planner" is gone from the model after the plan: its rows fail, so the flow stops there.
    const target = tenant.target({ cloudWorks: { flow: 'anaplan-access:users' } });
    const first = await plan({ desired, target, policy });
    const budget = tenant.sim.state.models.get(ids.budget);
    budget?.roles.splice(budget.roles.indexOf('Planner'), 1);
    const result = await apply(first, { target, verifyFingerprint: false });
    const forecastOperation = result.results.find((entry) => entry.operationId.includes(ids.forecast));
    expect(forecastOperation).toMatchObject({ status: 'failed' });
    expect(forecastOperation?.error).toContain('not run: the flow stopped at an earlier step');
    expect(tenant.sim.state.models.get(ids.forecast)?.users.get('joiner@corp.example')).toBeUndefined();
    budget?.roles.push('Planner');
    const second = await plan({ desired, target, policy });
    expect(second.operations.some((operation) => operation.id === forecastOperation?.operationId)).toBe(true);
    expect((await apply(second, { target })).outcome).toBe('succeeded');
    expect((await plan({ desired, target, policy })).operations).toEqual([]);
  });
});

describe('the same dump maps to the same results through either channel', () => {
  it('a row rejected for an unknown role and one loaded with a warning fail alike through the Integration API and CloudWorks', async () => {
    // "Chief" passes the plan (the target lists it) but the model has no such role: the existing user's row is
    // rejected (E), the new user's loaded with a warning (W, No Access).
    const seed = () =>
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
      );
    const desired = desiredState([
      person('mover@corp.example', { models: { Budget: modelAccess('Chief') } }),
      person('joiner@corp.example', { models: { Budget: modelAccess('Chief') } }),
      person('fine@corp.example', { models: { Budget: modelAccess('Viewer') } }),
    ]);
    const models = (channel: 'integration' | 'cloudworks') =>
      targetModels().map((model) => ({ ...model, roles: [...(model.roles ?? []), 'Chief'], channel }));

    const bulk = await startAccessTenant(seed());
    let viaIntegration: ApplyResult;
    try {
      // startAccessTenant's target does not list "Chief": one that does, over the same clients.
      const withChief = anaplanTarget({
        scim: bulk.scim,
        integration: bulk.integration,
        workspaces: [ids.finance, ids.sales],
        models: models('integration'),
        taskWait: { intervalMs: 25 },
      });
      viaIntegration = await apply(await plan({ desired, target: withChief, policy }), { target: withChief });
    } finally {
      await bulk.close();
    }

    tenant = await startChannelTenant(seed(), 'AzureBlob');
    const target = tenant.target({ models: models('cloudworks') });
    const viaCloudWorks = await apply(await plan({ desired, target, policy }), { target });

    const modelResults = (result: ApplyResult) =>
      result.results
        .filter((entry) => entry.kind.startsWith('model.'))
        .map(({ operationId, status, error }) => ({
          operationId,
          status,
          error,
        }));
    expect(modelResults(viaCloudWorks)).toEqual(modelResults(viaIntegration));
    const failed = modelResults(viaCloudWorks).filter((entry) => entry.status === 'failed');
    expect(failed.map((entry) => entry.operationId.split(':')[1]).sort()).toEqual([
      'joiner@corp.example',
      'mover@corp.example',
    ]);
    expect(failed.find((entry) => entry.operationId.includes('joiner'))?.error).toContain(
      'loaded with a warning',
    );
    expect(modelResults(viaCloudWorks).find((entry) => entry.operationId.includes('fine'))?.status).toBe(
      'succeeded',
    );
  });
});

describe('the options of the channel', () => {
  const clients = { scim: {} as never, integration: {} as never, workspaces: [ids.finance] };
  it("refuses a model whose channel is 'cloudworks' when no cloudWorks option says how, naming the entry", () => {
    const models = targetModels().map((model, index) =>
      index === 1 ? { ...model, channel: 'cloudworks' as const } : model,
    );
    const error = (() => {
      try {
        anaplanTarget({ ...clients, models });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({ name: 'ConfigurationError', key: 'models.1.channel' });
  });

  it('refuses an unknown channel, an unknown cloudWorks option and a storage that cannot write', () => {
    const attempt = (options: object) => {
      try {
        anaplanTarget({ ...clients, ...options } as never);
      } catch (caught) {
        return caught;
      }
    };
    expect(attempt({ models: [{ ...targetModels()[0], channel: 'ftp' }] })).toMatchObject({
      key: 'models.0.channel',
    });
    const cloudWorks = { client: {}, storage: { put: async () => {} }, connectionId: 'c' };
    expect(attempt({ cloudWorks: { ...cloudWorks, schedule: 'daily' } })).toMatchObject({
      key: 'cloudWorks',
    });
    expect(attempt({ cloudWorks: { ...cloudWorks, storage: {} } })).toMatchObject({
      key: 'cloudWorks.storage',
    });
  });
});
