import { basicAuth, bearerToken, ConfigurationError, isBadRequestError } from '@anaplan-access/core';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter } from './filter.js';
import {
  isScimRequestRefusedError,
  isUnsupportedFilterError,
  ScimRequestRefusedError,
  UnsupportedFilterError,
} from './refused-errors.js';
import { ScimClient } from './scim-client.js';
import { isScimError } from './scim-error.js';
import type { ScimListOptions } from './users-options.js';

const password = 'client-test-password';
let simulator: Simulator;
let client: ScimClient;

beforeAll(async () => {
  simulator = await startSimulator({
    seed: {
      users: [
        { userName: 'admin@example.com', password, roles: ['USER_ADMIN'] },
        { userName: 'someone@example.com', givenName: 'Some', familyName: 'One' },
      ],
    },
  });
  client = new ScimClient({
    baseUrl: simulator.scimUrl,
    authUrl: simulator.authUrl,
    auth: basicAuth({ username: 'admin@example.com', password }),
  });
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

function scimRequests(): number {
  return simulator.requests.filter((request) => request.path.startsWith('/scim')).length;
}

describe('ScimClient options', () => {
  it('rejects unknown keys with a ConfigurationError listing the valid ones', () => {
    const build = () =>
      new ScimClient({
        baseUrl: simulator.scimUrl,
        auth: bearerToken('x'),
        timeout: 5,
      } as unknown as ConstructorParameters<typeof ScimClient>[0]);
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/Unknown ScimClient option "timeout"\. Valid options: auth, region, baseUrl/);
    expect(() => new ScimClient({ baseUrl: simulator.scimUrl } as never)).toThrow(/"auth"/);
    expect(() => new ScimClient({ baseUrl: 'http://example.com/scim', auth: bearerToken('x') })).toThrow(
      ConfigurationError,
    );
  });

  it('does no I/O in the constructor and defaults to the region', () => {
    const before = simulator.requests.length;
    const idle = new ScimClient({ auth: bearerToken('x') });
    expect(idle.baseUrl).toBe('https://api.anaplan.com/scim/1/0/v2');
    expect(idle.anaplan).toBe(true);
    expect(new ScimClient({ region: 'eu3', auth: bearerToken('x') }).baseUrl).toBe(
      'https://eu3.api.anaplan.com/scim/1/0/v2',
    );
    expect(simulator.requests.length).toBe(before);
  });
});

describe('Anaplan limits', () => {
  it('refuses filters Anaplan does not support before any request, naming them', () => {
    const before = scimRequests();
    let error: unknown;
    try {
      client.users.list({
        filter: filter.or(filter.co('displayName', 'x'), filter.not(filter.pr('externalId'))),
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedFilterError);
    expect(isScimRequestRefusedError(error)).toBe(true);
    if (!isUnsupportedFilterError(error)) throw new Error('expected an UnsupportedFilterError');
    expect(error.reason).toBe('unsupported-filter');
    expect(error.unsupported).toEqual([
      { operator: 'co' },
      { attribute: 'displayName' },
      { operator: 'not' },
    ]);
    expect((error as Error).message).toMatch(/operator "co", attribute "displayName", operator "not"/);
    expect(scimRequests()).toBe(before);
  });

  it('refuses a page size above 100', () => {
    expect(() => client.users.list({ pageSize: 101 })).toThrow(ScimRequestRefusedError);
  });

  it('refuses invalid listing options with a ConfigurationError naming them', () => {
    expect(() => client.users.list({ pageSize: -1 })).toThrow(expect.objectContaining({ key: 'pageSize' }));
    expect(() => client.users.list({ pageSize: 2.5 })).toThrow(ConfigurationError);
    expect(() => client.users.list({ startIndex: 0 })).toThrow(
      expect.objectContaining({ key: 'startIndex' }),
    );
    expect(() => client.users.list({ startIndex: 0 })).toThrow(ConfigurationError);
    const signal = 'stop' as unknown as AbortSignal;
    expect(() => client.users.list({ signal })).toThrow(expect.objectContaining({ key: 'signal' }));
    // SCIM's own name for the page size is refused, not ignored: the option is pageSize.
    const scimCount = { count: 10 } as unknown as ScimListOptions;
    expect(() => client.users.list(scimCount)).toThrow(ConfigurationError);
    expect(() => client.users.list(scimCount)).toThrow(
      /Unknown option "count" \(the page size is `pageSize`/,
    );
    expect(() => client.users.list({ pagesize: 10 } as unknown as ScimListOptions)).toThrow(
      expect.objectContaining({ key: 'pagesize' }),
    );
  });

  it('lets a generic client send any filter, and maps the server refusal to a SCIM 400', async () => {
    const generic = new ScimClient({
      baseUrl: simulator.scimUrl,
      authUrl: simulator.authUrl,
      auth: basicAuth({ username: 'admin@example.com', password }),
      anaplan: false,
    });
    try {
      const error = await generic.users
        .list({ filter: filter.co('userName', 'some') })
        .catch((caught: unknown) => caught);
      expect(isScimError(error)).toBe(true);
      expect(isBadRequestError(error)).toBe(true);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    } finally {
      await generic.close();
    }
  });

  it('finds a user by userName with one request on Anaplan', async () => {
    const before = scimRequests();
    const user = await client.users.findByUserName('SOMEONE@example.com');
    expect(user?.userName).toBe('someone@example.com');
    expect(scimRequests() - before).toBe(1);
    expect(await client.users.findByUserName('missing@example.com')).toBeUndefined();
  });
});

describe('discovery', () => {
  it('reads the public endpoints without credentials', async () => {
    const before = simulator.requests.length;
    const config = await client.serviceProviderConfig();
    const resourceTypes = await client.resourceTypes();
    const schemas = await client.schemas();
    expect(resourceTypes.map((type) => type.endpoint)).toEqual(['/Users']);
    expect(schemas[0]?.attributes.map((attribute) => attribute.name)).toContain('entitlements');
    expect(typeof config).toBe('object');
    const made = simulator.requests.slice(before);
    expect(made).toHaveLength(3);
    expect(made.every((request) => request.authScheme === undefined)).toBe(true);
  });

  it('falls back to authenticated discovery after a 401', async () => {
    simulator.faults.failNext({
      status: 401,
      route: /GET \/scim\/1\/0\/v2\/ServiceProviderConfig/,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' },
    });
    const before = simulator.requests.length;
    await client.serviceProviderConfig();
    const made = simulator.requests
      .slice(before)
      .filter((request) => request.path.endsWith('ServiceProviderConfig'));
    expect(made.map((request) => request.authScheme)).toEqual([undefined, 'AnaplanAuthToken']);
  });
});
