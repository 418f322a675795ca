import { bearerToken, isConflictError, isNotFoundError, PaginationError } from '@anaplan-access/core';
import {
  applyPatch,
  filter,
  isScimError,
  patch,
  ScimClient,
  ScimConflictError,
  type ScimUser,
  workspaceEntitlements,
  workspaceIdsOf,
} from '@anaplan-access/scim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkUserCount, type ScimTarget, startScimmyTarget, startSimulatorTarget } from './scim-targets.js';
import { startScimmyServer } from './scimmy-server.js';

let sequence = 0;
/** A userName no other case has used. */
function uniqueUserName(prefix: string): string {
  sequence += 1;
  return `${prefix}.${Date.now().toString(36)}.${sequence}@example.com`;
}

async function createUser(
  target: ScimTarget,
  prefix: string,
  extra: Partial<ScimUser> = {},
): Promise<ScimUser> {
  return target.client.users.create({
    userName: uniqueUserName(prefix),
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    active: true,
    entitlements: workspaceEntitlements([target.workspaceIds[0]!]),
    ...extra,
  });
}

/** The same cases run against a third-party SCIM server and against the Anaplan simulator. */
describe.each([
  { name: 'scimmy', start: startScimmyTarget },
  { name: 'simulator', start: startSimulatorTarget },
])('SCIM conformance against $name', ({ start }) => {
  let target: ScimTarget;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('creates a user and reads it back', async () => {
    const created = await createUser(target, 'create');
    expect(created.id).toBeTruthy();
    expect(workspaceIdsOf(created)).toEqual([target.workspaceIds[0]]);
    const read = await target.client.users.get(created.id);
    expect(read.userName).toBe(created.userName);
    expect(read.name?.familyName).toBe('Lovelace');
    expect(read.active).toBe(true);
  });

  it('awaits the first page and iterates every user across pages without repeats', async () => {
    const first = await target.client.users.list();
    expect(first.startIndex).toBe(1);
    expect(first.totalResults).toBeGreaterThanOrEqual(bulkUserCount);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.length).toBeLessThanOrEqual(100);
    const before = target.listRequestCount();
    const all = await target.client.users.list().toArray({ limit: Number.POSITIVE_INFINITY });
    expect(all).toHaveLength(first.totalResults);
    expect(new Set(all.map((user) => user.id)).size).toBe(all.length);
    const pages = Math.ceil(first.totalResults / first.items.length);
    expect(target.listRequestCount() - before).toBe(pages);
    expect(all.filter((user) => user.userName.startsWith('bulk.'))).toHaveLength(bulkUserCount);
  });

  it('walks pages from a startIndex with .pages()', async () => {
    const sizes: number[] = [];
    for await (const page of target.client.users.list({ startIndex: 201, pageSize: 30 }).pages()) {
      sizes.push(page.items.length);
    }
    const { totalResults } = await target.client.users.list({ pageSize: 1 });
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(totalResults - 200);
  });

  it('filters on values with quotes, backslashes and unicode', async () => {
    const familyName = target.filterEscapes ? 'O"Brien \\ Zoë 山田' : "O'Brien Zoë 山田";
    const created = await createUser(target, 'quotes', { name: { givenName: 'Zoë', familyName } });
    const found = await target.client.users
      .list({ filter: filter.eq('name.familyName', familyName) })
      .toArray({
        limit: 10,
      });
    expect(found.map((user) => user.id)).toEqual([created.id]);
    expect(found[0]?.name?.familyName).toBe(familyName);
    const combined = await target.client.users.list({
      filter: filter.and(filter.eq('userName', created.userName), filter.eq('active', true)),
    });
    expect(combined.items.map((user) => user.id)).toEqual([created.id]);
  });

  it('finds a user by userName ignoring case', async () => {
    const userName = uniqueUserName('Mixed.Case').replace('@example.com', '@Example.COM');
    const created = await createUser(target, 'unused', { userName });
    expect((await target.client.users.findByUserName(userName.toLowerCase()))?.id).toBe(created.id);
    expect((await target.client.users.findByUserName(userName.toUpperCase()))?.id).toBe(created.id);
    expect(await target.client.users.findByUserName('nobody.at.all@example.com')).toBeUndefined();
  });

  it('patches attributes as applyPatch predicts', async () => {
    const before = await createUser(target, 'patch');
    const operations = [patch.replace('name.givenName', 'Grace'), patch.replace('externalId', 'ext-42')];
    const after = await target.client.users.patch(before.id, operations);
    const predicted = applyPatch(before, operations);
    expect(after.name?.givenName).toBe(predicted.name?.givenName);
    expect(after.externalId).toBe(predicted.externalId);
    expect(workspaceIdsOf(after)).toEqual(workspaceIdsOf(predicted));
  });

  it('replaces a user, keeping the entitlements it sends', async () => {
    const user = await createUser(target, 'replace');
    const replaced = await target.client.users.replace(user.id, {
      userName: user.userName,
      name: { givenName: 'Ada', familyName: 'Byron' },
      active: true,
      entitlements: workspaceEntitlements(workspaceIdsOf(user)),
    });
    expect(replaced.name?.familyName).toBe('Byron');
    expect(workspaceIdsOf(await target.client.users.get(user.id))).toEqual([target.workspaceIds[0]]);
  });

  it('deactivates and activates', async () => {
    const user = await createUser(target, 'active');
    expect((await target.client.users.deactivate(user.id)).active).toBe(false);
    expect((await target.client.users.get(user.id)).active).toBe(false);
    expect((await target.client.users.activate(user.id)).active).toBe(true);
  });

  it('grants, revokes and sets workspaces, reporting each one', async () => {
    const [first, second, third, fourth] = target.workspaceIds as [string, string, string, string];
    const user = await createUser(target, 'workspaces');
    const granted = await target.client.users.grantWorkspaces(user.id, [first, second, third]);
    expect(granted).toMatchObject({ granted: [second, third], unchanged: [first], failed: [] });
    const revoked = await target.client.users.revokeWorkspaces(user.id, [second, fourth]);
    expect(revoked).toMatchObject({ revoked: [second], unchanged: [fourth], failed: [] });
    expect(new Set(workspaceIdsOf(revoked.user))).toEqual(new Set([first, third]));
    const set = await target.client.users.setWorkspaces(user.id, [third, fourth]);
    expect(set).toMatchObject({ granted: [fourth], revoked: [first], failed: [] });
    expect(new Set(workspaceIdsOf(await target.client.users.get(user.id)))).toEqual(new Set([third, fourth]));
  });

  it('maps an unknown id to a SCIM 404', async () => {
    const error = await target.client.users
      .get('0123456789abcdef0123456789abcdef')
      .catch((caught: unknown) => caught);
    expect(isScimError(error)).toBe(true);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as { status: number }).status).toBe(404);
  });

  it('maps a duplicate userName to a ScimConflictError carrying the userName', async () => {
    const user = await createUser(target, 'duplicate');
    const error = await createUser(target, 'unused', { userName: user.userName.toUpperCase() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ScimConflictError);
    expect(isConflictError(error)).toBe(true);
    expect(isScimError(error)).toBe(true);
    expect((error as ScimConflictError).userName).toBe(user.userName.toUpperCase());
    expect((error as ScimConflictError).scimType).toBe('uniqueness');
  });

  it('ensures a user exists without creating it twice', async () => {
    const input = {
      userName: uniqueUserName('ensure'),
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      entitlements: workspaceEntitlements([target.workspaceIds[0]!]),
    };
    const first = await target.client.users.ensure(input);
    expect(first.created).toBe(true);
    const second = await target.client.users.ensure({ ...input, userName: input.userName.toUpperCase() });
    expect(second).toMatchObject({ created: false, user: { id: first.user.id } });
  });

  it('reads the discovery endpoints', async () => {
    const resourceTypes = await target.client.resourceTypes();
    expect(resourceTypes.map((resourceType) => resourceType.name)).toContain('User');
    const schemas = await target.client.schemas();
    expect(schemas.map((schema) => schema.id)).toContain('urn:ietf:params:scim:schemas:core:2.0:User');
    const config = await target.client.serviceProviderConfig();
    expect(config.patch?.supported === undefined || typeof config.patch.supported === 'boolean').toBe(true);
  });
});

describe('SCIM conformance: a server that ignores startIndex', () => {
  it('stops with a PaginationError instead of looping', async () => {
    const server = await startScimmyServer({
      token: 'broken-paging-token',
      ignoreStartIndex: true,
      maxPageSize: 20,
    });
    server.seed(
      Array.from({ length: 75 }, (_, index) => ({
        userName: `page.${index}@example.com`,
        name: { givenName: 'P' },
      })),
    );
    const client = new ScimClient({
      baseUrl: server.url,
      auth: bearerToken('broken-paging-token'),
      anaplan: false,
    });
    try {
      const error = await client.users
        .list()
        .toArray({ limit: Number.POSITIVE_INFINITY })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as PaginationError).offset).toBe(21);
      // The first page, then at most `concurrency` (4) pages fetched ahead.
      expect(server.requests.filter((request) => request.url.includes('/Users')).length).toBeLessThanOrEqual(
        5,
      );
    } finally {
      await client.close();
      await server.close();
    }
  });
});
