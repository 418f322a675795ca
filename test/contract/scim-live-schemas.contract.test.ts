import { readFileSync } from 'node:fs';
import { bearerToken } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveReference, referencePath } from '../helpers/reference.js';

// The captured live answer of Anaplan's `GET /Schemas` (scim-schema.json in the reference): the simulator serves it
// as it is, and the client reads it.

const title = "Anaplan's live /Schemas answer: served by the simulator, read by the client";
const available = haveReference(['scim-schema.json'], title);
const anaplanScimUrl = 'https://api.anaplan.com/scim/1/0/v2';

describe.skipIf(!available)(title, () => {
  let live: unknown;
  let sim: Simulator;

  beforeAll(async () => {
    live = JSON.parse(readFileSync(referencePath('scim-schema.json'), 'utf8'));
    sim = await startSimulator();
  });
  afterAll(() => sim?.close());

  it('the simulator answers GET /Schemas exactly as Anaplan did', async () => {
    const body = await (await fetch(`${sim.scimUrl}/Schemas`)).text();
    expect(JSON.parse(body.replaceAll(sim.scimUrl, anaplanScimUrl))).toEqual(live);
  });

  it('the client reads it: the User schema with its three entitlement types', async () => {
    const scim = new ScimClient({
      baseUrl: anaplanScimUrl,
      auth: bearerToken('unused-in-this-test'),
      fetch: async () =>
        new Response(JSON.stringify(live), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    const [user] = await scim.schemas();
    expect(user?.id).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
    const entitlements = user?.attributes.find((attribute) => attribute.name === 'entitlements');
    expect(
      entitlements?.subAttributes?.find((attribute) => attribute.name === 'type')?.canonicalValues,
    ).toEqual(['WORKSPACE', 'WORKSPACE_IDS', 'WORKSPACE_NAMES']);
    await scim.close();
  });
});
