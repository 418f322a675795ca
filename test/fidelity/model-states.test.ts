import { isApiError } from '@anaplan-access/core';
import { apply, plan } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  desiredState,
  desiredUser,
  ids,
  modelAccess,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';

// A model that is archived, locked or offline for maintenance refuses task starts (422, 423, 424). The client
// reports the status once (no retries of a refusal), and apply fails exactly that model's operations, with the
// reason, while everything else is applied.

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const joiner = desiredUser('joiner@corp.example', {
  givenName: 'Jo',
  familyName: 'Iner',
  models: { [ids.budget]: modelAccess('Planner') },
});

describe.each([
  ['ARCHIVED', 422],
  ['LOCKED', 423],
  ['MAINTENANCE', 424],
])('a %s model', (state, status) => {
  it(`refuses its import with ${status} once; apply fails its operations and does the rest`, async () => {
    tenant = await startAccessTenant(tenantSeed([]));
    const p = await plan({ desired: desiredState([joiner]), target: tenant.target });
    expect(p.operations.map((operation) => operation.kind)).toEqual(['user.create', 'model.access.set']);
    const model = tenant.sim.state.models.get(ids.budget);
    if (!model) throw new Error('no model');
    model.state = state;
    const before = tenant.sim.requests.length;
    const result = await apply(p, { target: tenant.target, verifyFingerprint: false });
    const starts = tenant.sim.requests
      .slice(before)
      .filter((request) => request.method === 'POST' && /\/imports\/[^/]+\/tasks$/.test(request.path));
    expect(starts).toHaveLength(1);
    expect(result.outcome).toBe('partial');
    const byKind = Object.fromEntries(result.results.map((entry) => [entry.kind, entry]));
    expect(byKind['user.create']?.status).toBe('succeeded');
    expect(byKind['model.access.set']?.status).toBe('failed');
    expect(byKind['model.access.set']?.error).toContain(String(status));
    expect(tenant.sim.state.findUserByName('joiner@corp.example')?.active).toBe(true);
  });
});

it('a direct runImport against a locked model rejects with the API error, not a timeout', async () => {
  tenant = await startAccessTenant(tenantSeed([]));
  const model = tenant.sim.state.models.get(ids.budget);
  if (!model) throw new Error('no model');
  model.state = 'LOCKED';
  const error = await tenant.integration
    .model(ids.finance, ids.budget)
    .runImport('Users import', 'Email,First Name,Last Name,Role\n')
    .catch((caught: unknown) => caught);
  expect(isApiError(error) && error.status).toBe(423);
});
