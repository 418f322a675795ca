// The shape the engine's producers hand states over in: users sorted by e-mail, equal model access one shared
// (frozen) object, a workspace id one string wherever it appears. The planner takes its fast paths on such states
// (test/properties checks that it plans the same either way); here: that the producers really produce them.
import { csvSource } from '@anaplan-access/reconcile';
import { afterEach, describe, expect, it } from 'vitest';
import { type AccessTenant, ids, startAccessTenant, tenantSeed } from '../helpers/access-tenant.js';

let tenant: AccessTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const member = (userName: string) => ({
  userName,
  givenName: 'G',
  familyName: 'F',
  workspaces: [ids.finance],
});

describe('states as the producers hand them over', () => {
  it('anaplanTarget.observe(): users and model users sorted by e-mail, equal access shared, ids shared', async () => {
    tenant = await startAccessTenant(
      tenantSeed([member('zoe@corp.example'), member('Bob@corp.example'), member('amy@corp.example')], {
        budget: [
          { email: 'zoe@corp.example', role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } },
          { email: 'amy@corp.example', role: 'Planner', selectiveAccess: { Regions: { read: ['EMEA'] } } },
          { email: 'bob@corp.example', role: 'Viewer' },
        ],
      }),
    );
    const observed = await tenant.target.observe();
    const keys = observed.users.map((user) => user.userName.toLowerCase());
    expect(keys).toEqual([...keys].sort());
    const budget = observed.models.find((model) => model.modelId === ids.budget);
    const modelKeys = [...(budget?.users.keys() ?? [])];
    expect(modelKeys).toEqual(['amy@corp.example', 'bob@corp.example', 'zoe@corp.example']);
    const amy = budget?.users.get('amy@corp.example');
    expect(amy).toBe(budget?.users.get('zoe@corp.example'));
    expect(Object.isFrozen(amy)).toBe(true);
    const finance = observed.workspaces.find((workspace) => workspace.id === ids.finance)?.id;
    for (const user of observed.users.filter((each) => each.workspaces.includes(ids.finance)))
      expect(
        Object.is(
          user.workspaces.find((id) => id === ids.finance),
          finance,
        ),
      ).toBe(true);
  });

  it('csvSource: users sorted by e-mail, equal access shared between users', async () => {
    const text = [
      'email,first_name,last_name,workspace,model,role,list,item,access',
      'zoe@corp.example,Zoe,Z,Finance,Budget,Planner,Regions,EMEA,read',
      'amy@corp.example,Amy,A,Finance,Budget,Planner,Regions,EMEA,read',
      'bob@corp.example,Bob,B,Finance,Budget,Viewer,,,',
    ].join('\n');
    const desired = await csvSource({ text }).load();
    expect(desired.findings).toEqual([]);
    expect(desired.users.map((user) => user.userName)).toEqual([
      'amy@corp.example',
      'bob@corp.example',
      'zoe@corp.example',
    ]);
    const [amy, bob, zoe] = desired.users;
    expect(amy?.models['Budget']).toBe(zoe?.models['Budget']);
    expect(amy?.models['Budget']).not.toBe(bob?.models['Budget']);
    expect(amy?.models['Budget']).toEqual({
      role: 'Planner',
      sso: false,
      workspaceAdmin: false,
      selectiveAccess: { Regions: { read: ['EMEA'], write: [] } },
    });
  });
});
