import { type IncompleteReadError, isIncompleteReadError } from '@anaplan-access/core';
import { type DesiredUser, plan } from '@anaplan-access/reconcile';
import { type Simulator, startSimulator, type TenantSeed, type UserSeed } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedTarget, connectTarget } from '../faults/fault-tenant.js';
import { desiredState, desiredUser, ids, tenantSeed } from '../helpers/access-tenant.js';

// Incomplete listings are errors (issue 12, §1 and §8): a SCIM or Integration API listing that comes back with a
// page missing, its key missing, a total that moves or no end must fail the read, never read as "these are all".
// Each fault is a real answer of the simulator, rewritten on its way back by the clients' injected `fetch`.

type Json = Record<string, unknown>;
/** Rewrites one answer: gets the request URL, which call of that path it is (1-based) and the parsed body. */
type Rewrite = (url: URL, call: number, body: Json) => Json | undefined;

let sim: Simulator | undefined;
let connected: ConnectedTarget | undefined;
afterEach(async () => {
  await connected?.close();
  await sim?.close();
  connected = undefined;
  sim = undefined;
});

/** Counts the GET requests per path that went through the injected `fetch`. */
const seen = new Map<string, number>();

/** A `fetch` that passes every call to the simulator and lets `rewrite` change the JSON of GET answers. */
function rewritingFetch(rewrite: Rewrite): typeof globalThis.fetch {
  seen.clear();
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method !== 'GET' || !response.ok || !response.headers.get('content-type')?.includes('json'))
      return response;
    const call = (seen.get(url.pathname) ?? 0) + 1;
    seen.set(url.pathname, call);
    const body = (await response.json()) as Json;
    const rewritten = rewrite(url, call, body) ?? body;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(rewritten), { status: response.status, headers });
  };
}

async function connect(seed: TenantSeed, rewrite: Rewrite): Promise<ConnectedTarget> {
  sim = await startSimulator({ seed });
  connected = connectTarget(sim, { fetch: rewritingFetch(rewrite) });
  return connected;
}

/** Runs `call`, which must fail with an IncompleteReadError; returns it. */
async function incompleteRead(call: () => Promise<unknown>): Promise<IncompleteReadError> {
  const error = await call().then(
    (value) => ({ resolved: value }),
    (caught: unknown) => caught,
  );
  const shown = error instanceof Error ? String(error) : JSON.stringify(error)?.slice(0, 600);
  expect(isIncompleteReadError(error), `not an IncompleteReadError: ${shown}`).toBe(true);
  return error as IncompleteReadError;
}

const member = (index: number): UserSeed & { givenName: string; familyName: string } => ({
  userName: `member${String(index).padStart(3, '0')}@corp.example`,
  givenName: `member${index}`,
  familyName: 'Person',
  workspaces: [ids.finance],
});
/** The integration account plus 250 members: 251 users, three SCIM pages of 100. */
const members = Array.from({ length: 250 }, (_, index) => member(index + 1));
const desiredMember = ({ userName, givenName, familyName }: ReturnType<typeof member>): DesiredUser =>
  desiredUser(userName, { givenName, familyName });

const isUsers = (url: URL) => url.pathname.endsWith('/Users');
const startIndex = (url: URL) => Number(url.searchParams.get('startIndex') ?? '1');
const resources = (body: Json) => body['Resources'] as Json[];

async function readAllUsers(target: ConnectedTarget, options: { timeoutMs?: number } = {}) {
  const users: string[] = [];
  for await (const user of target.scim.users.list(options)) users.push(user.userName);
  return users;
}

describe('SCIM users.list reads every user or fails', () => {
  it('an empty third page of 251 users fails the walk with IncompleteReadError', async () => {
    const target = await connect(tenantSeed(members), (url, _call, body) =>
      isUsers(url) && startIndex(url) === 201 ? { ...body, Resources: [] } : undefined,
    );
    const error = await incompleteRead(() => readAllUsers(target));
    expect(error).toMatchObject({ listing: 'GET /Users', reason: 'empty-page', expected: 251, seen: 200 });
    expect(error.offset).toBe(201);
    expect(error.message).toContain('the page at startIndex 201 was empty');
  });

  it('a totalResults that changes during the walk fails it', async () => {
    const target = await connect(tenantSeed(members), (url, _call, body) =>
      isUsers(url) && startIndex(url) === 101 ? { ...body, totalResults: 250 } : undefined,
    );
    const error = await incompleteRead(() => readAllUsers(target));
    expect(error).toMatchObject({ reason: 'total-changed', expected: 251, offset: 101 });
  });

  it('fewer distinct users than announced fails it (a page that repeats a user in place of another)', async () => {
    let first: Json | undefined;
    const target = await connect(tenantSeed(members), (url, _call, body) => {
      if (!isUsers(url)) return undefined;
      if (startIndex(url) === 1) first = resources(body)[0];
      if (startIndex(url) !== 201 || first === undefined) return undefined;
      return { ...body, Resources: [first, ...resources(body).slice(1)] };
    });
    const error = await incompleteRead(() => readAllUsers(target));
    expect(error).toMatchObject({ reason: 'count-mismatch', expected: 251, seen: 250 });
  });

  it('an absurd totalResults is refused after the first page, before paging starts', async () => {
    const target = await connect(tenantSeed(members), (url, _call, body) =>
      isUsers(url) ? { ...body, totalResults: 5_000_000 } : undefined,
    );
    const error = await incompleteRead(() => readAllUsers(target));
    expect(error).toMatchObject({ reason: 'over-cap', expected: 5_000_000, seen: 0 });
    expect(error.message).toContain('maxTotal (1000000)');
    expect(seen.get(new URL(`${sim?.scimUrl}/Users`).pathname)).toBe(1);
  });

  it('a listing that never ends is stopped by its deadline (and, announced too large, by its cap)', async () => {
    // Every answer invents 100 fresh users and announces 999,999: just under the cap, so only the deadline ends it.
    const target = await connect(tenantSeed([]), (url, _call, body) => {
      if (!isUsers(url)) return undefined;
      const from = startIndex(url);
      const template = resources(body)[0] ?? {};
      const invented = Array.from({ length: 100 }, (_, index) => ({
        ...template,
        id: `endless-${from + index}`,
        userName: `endless${from + index}@corp.example`,
      }));
      return { ...body, totalResults: 999_999, startIndex: from, Resources: invented };
    });
    const error = await incompleteRead(() => readAllUsers(target, { timeoutMs: 400 }));
    expect(error).toMatchObject({ reason: 'deadline' });
    expect(error.seen).toBeGreaterThan(0);
    expect(error.seen).toBeLessThan(999_999);
    const capped = await incompleteRead(() =>
      target.scim.users.list({ maxTotal: 10_000 }).toArray({ limit: Number.POSITIVE_INFINITY }),
    );
    expect(capped).toMatchObject({ reason: 'over-cap', expected: 999_999, seen: 0 });
  });
});

const isAdmins = (url: URL) => url.pathname.endsWith('/admins');
const withoutKey = (body: Json, key: string): Json =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

describe('Integration API listings: a missing key is not an empty page, and meta.paging is checked', () => {
  const adminsOf = (target: ConnectedTarget) =>
    target.integration.workspaces.admins(ids.finance).toArray({ limit: Number.POSITIVE_INFINITY });

  it('a workspace admins answer without its admins key fails, whether or not it keeps meta.paging', async () => {
    const target = await connect(tenantSeed([]), (url, call, body) => {
      if (!isAdmins(url)) return undefined;
      const keyless = withoutKey(body, 'admins');
      return call === 1 ? keyless : { status: keyless['status'] };
    });
    expect(await incompleteRead(() => adminsOf(target))).toMatchObject({
      listing: `GET /workspaces/${ids.finance}/admins`,
      reason: 'missing-key',
      expected: 1,
      offset: 0,
    });
    // No meta.paging either: for another listing that is how Anaplan answers an empty collection, but a workspace
    // always has an administrator, so an answer that says nothing is not read as "none".
    expect(await incompleteRead(() => adminsOf(target))).toMatchObject({ reason: 'missing-key' });
  });

  it('a truncated admins answer (fewer admins than its currentPageSize) fails', async () => {
    const seed = tenantSeed([member(1)]);
    seed.workspaces?.[0]?.admins?.push(member(1).userName);
    const target = await connect(seed, (url, _call, body) =>
      isAdmins(url) ? { ...body, admins: (body['admins'] as Json[]).slice(1) } : undefined,
    );
    expect(await incompleteRead(() => adminsOf(target))).toMatchObject({ reason: 'short-page', expected: 2 });
  });

  it('a keyless page in the middle of a listing fails; a keyless empty collection reads as empty', async () => {
    const target = await connect(tenantSeed([]), (url, _call, body) => {
      const models = url.pathname.endsWith('/models');
      if (models && url.searchParams.get('offset') === '1') return withoutKey(body, 'models');
      if (url.pathname.endsWith('/workspaces'))
        return { meta: { schema: 'workspace' }, status: body['status'] };
      if (url.pathname.endsWith('/files'))
        return {
          ...withoutKey(body, 'files'),
          meta: { paging: { currentPageSize: 0, totalSize: 0, offset: 0 } },
        };
      return undefined;
    });
    const error = await incompleteRead(() =>
      target.integration.models.list({ pageSize: 1 }).toArray({ limit: Number.POSITIVE_INFINITY }),
    );
    expect(error).toMatchObject({ listing: 'GET /models', reason: 'missing-key', expected: 2, offset: 1 });
    // The documented shapes of an empty collection: no key and no meta.paging on the first page, or totalSize 0.
    expect(await target.integration.workspaces.list().toArray({ limit: 10 })).toEqual([]);
    const files = target.integration.model(ids.finance, ids.budget).files.list();
    expect(await files.toArray({ limit: 10 })).toEqual([]);
  });

  it('meta.paging.totalSize is checked against what was read', async () => {
    const target = await connect(tenantSeed([]), (url, _call, body) => {
      if (!url.pathname.endsWith('/models') || url.searchParams.get('offset') !== '1') return undefined;
      const meta = body['meta'] as { paging: Json };
      return { ...body, models: [], meta: { ...meta, paging: { ...meta.paging, currentPageSize: 0 } } };
    });
    const error = await incompleteRead(() =>
      target.integration.models.list({ pageSize: 1 }).toArray({ limit: Number.POSITIVE_INFINITY }),
    );
    expect(error).toMatchObject({ reason: 'empty-page', expected: 2, seen: 1, offset: 1 });
  });
});

describe('plan() through anaplanTarget refuses to plan from an incomplete listing', () => {
  it('an empty third SCIM page: observation rejects instead of planning creates for 51 existing users', async () => {
    const target = await connect(tenantSeed(members), (url, _call, body) =>
      isUsers(url) && startIndex(url) === 201 ? { ...body, Resources: [] } : undefined,
    );
    const desired = desiredState(members.map(desiredMember));
    const error = await incompleteRead(() => plan({ desired, target: target.target }));
    expect(error).toMatchObject({ listing: 'GET /Users', reason: 'empty-page' });
  });

  const boss = {
    userName: 'boss@corp.example',
    givenName: 'Boss',
    familyName: 'Person',
    workspaces: [ids.finance],
  };
  /** Finance with a second administrator, who is not in the desired state: only that role protects them. */
  function bossSeed(): TenantSeed {
    const seed = tenantSeed([boss, member(1)]);
    seed.workspaces?.[0]?.admins?.push(boss.userName);
    return seed;
  }
  const desired = () => desiredState([desiredMember(member(1))]);

  it('the seed plans nothing destructive for the administrator when the admins answer is whole', async () => {
    const target = await connect(bossSeed(), () => undefined);
    const planned = await plan({ desired: desired(), target: target.target });
    expect(
      planned.operations.filter((operation) => JSON.stringify(operation).includes(boss.userName)),
    ).toEqual([]);
  });

  it("a keyless admins answer: observation rejects instead of planning the administrator's deactivation", async () => {
    const target = await connect(bossSeed(), (url, _call, body) =>
      isAdmins(url) && url.pathname.includes(ids.finance) ? withoutKey(body, 'admins') : undefined,
    );
    const error = await incompleteRead(() => plan({ desired: desired(), target: target.target }));
    expect(error).toMatchObject({ reason: 'missing-key', listing: `GET /workspaces/${ids.finance}/admins` });
  });

  it('an administrator without an e-mail: observation rejects instead of dropping their protection', async () => {
    const target = await connect(bossSeed(), (url, _call, body) => {
      if (!isAdmins(url)) return undefined;
      const admins = (body['admins'] as Json[]).map((entry) =>
        entry['email'] === boss.userName ? withoutKey(entry, 'email') : entry,
      );
      return { ...body, admins };
    });
    const error = await incompleteRead(() => plan({ desired: desired(), target: target.target }));
    expect(error).toMatchObject({ reason: 'missing-field', seen: 2 });
    expect(error.message).toContain('has no e-mail');
  });
});
