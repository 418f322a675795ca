import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSeed } from '../seed.js';
import { type Simulator, startSimulator } from '../simulator.js';

interface ListBody {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: { id: string; userName: string }[];
}
interface ErrorBody {
  status: string;
  scimType?: string;
  detail: string;
}

const adminAuth = `Basic ${Buffer.from('admin@example.com:admin-secret').toString('base64')}`;
const admin: UserSeed = {
  userName: 'admin@example.com',
  password: 'admin-secret',
  roles: ['USER_ADMIN'],
  givenName: 'Ada',
  familyName: 'Admin',
};
const invalidFilterDetail =
  'The specified filter syntax was invalid, or the specified attribute and filter comparison combination is not supported';

async function list<T = ListBody>(sim: Simulator, query: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sim.scimUrl}/Users${query}`, { headers: { authorization: adminAuth } });
  return { status: response.status, body: (await response.json()) as T };
}

const filterQuery = (filter: string) => `?filter=${encodeURIComponent(filter)}`;

describe('GET /Users filters', () => {
  let sim: Simulator;
  const userNames = async (filter: string) => {
    const { status, body } = await list(sim, filterQuery(filter));
    expect(status, filter).toBe(200);
    return body.Resources.map((user) => user.userName).sort();
  };

  beforeAll(async () => {
    sim = await startSimulator({
      seed: {
        users: [
          admin,
          { userName: 'alice@example.com', givenName: 'Alice', familyName: 'O"Brien', externalId: 'EXT-1' },
          { userName: 'bob@example.com', givenName: 'Bob', familyName: 'Back\\slash', active: false },
          { userName: 'zoe@example.com', givenName: 'Zoë', familyName: 'Ünïcode' },
          { userName: 'carol@example.com', givenName: 'Carol', familyName: 'Smith', externalId: 'ext-3' },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('matches eq case-insensitively on userName, id and externalId', async () => {
    expect(await userNames('userName eq "ALICE@Example.com"')).toEqual(['alice@example.com']);
    const bob = sim.state.findUserByName('bob@example.com');
    expect(await userNames(`id eq "${bob?.id.toUpperCase()}"`)).toEqual(['bob@example.com']);
    expect(await userNames('externalId eq "ext-1"')).toEqual(['alice@example.com']);
  });

  it('treats operator and attribute names case-insensitively and accepts the User schema URN prefix', async () => {
    expect(await userNames('USERNAME Eq "bob@example.com"')).toEqual(['bob@example.com']);
    expect(
      await userNames('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@example.com"'),
    ).toEqual(['bob@example.com']);
  });

  it('reads quoted strings with \\" and \\\\ escapes, \\u escapes and raw unicode', async () => {
    expect(await userNames('name.familyName eq "o\\"brien"')).toEqual(['alice@example.com']);
    expect(await userNames('name.familyName eq "back\\\\SLASH"')).toEqual(['bob@example.com']);
    expect(await userNames('name.givenName eq "ZOË"')).toEqual(['zoe@example.com']);
    expect(
      await userNames('name.givenName eq "zo\\u00eb" and name.familyName eq "\\u00dcn\\u00efcode"'),
    ).toEqual(['zoe@example.com']);
  });

  it('supports ne, pr, eq null and the ordering operators', async () => {
    expect(await userNames('active eq false')).toEqual(['bob@example.com']);
    expect(await userNames('active ne true')).toEqual(['bob@example.com']);
    expect(await userNames('externalId pr')).toEqual(['alice@example.com', 'carol@example.com']);
    expect(await userNames('externalId eq null')).toEqual([
      'admin@example.com',
      'bob@example.com',
      'zoe@example.com',
    ]);
    expect(await userNames('name.familyName ne "smith"')).not.toContain('carol@example.com');
    expect(await userNames('name.familyName gt "S"')).toEqual(['carol@example.com', 'zoe@example.com']);
    expect(await userNames('name.familyName lt "B"')).toEqual(['admin@example.com']);
    expect(await userNames('name.givenName ge "carol" and name.givenName le "CAROL"')).toEqual([
      'carol@example.com',
    ]);
  });

  it('combines with and/or and nested parentheses (and binds tighter than or)', async () => {
    expect(
      await userNames('(name.familyName eq "Smith" or name.familyName eq "O\\"Brien") and active eq true'),
    ).toEqual(['alice@example.com', 'carol@example.com']);
    expect(
      await userNames(
        '((userName eq "nobody@example.com" or (userName eq "bob@example.com")) and active eq false)',
      ),
    ).toEqual(['bob@example.com']);
    expect(
      await userNames('userName eq "alice@example.com" or userName eq "bob@example.com" and active eq true'),
    ).toEqual(['alice@example.com']);
  });

  it('refuses unsupported operators, attributes and malformed filters with 400 invalidValue', async () => {
    const refused = [
      'userName co "alice"',
      'userName sw "alice"',
      'userName ew "example.com"',
      'not (active eq true)',
      'emails[type eq "work"]',
      'displayName eq "Alice O\\"Brien"',
      'emails.value eq "alice@example.com"',
      'name.formatted eq "Alice"',
      'entitlements.value eq "x"',
      'userName eq alice@example.com',
      'userName eq "unterminated',
      'userName eq "bad \\q escape"',
      'active gt true',
      'active eq "true"',
      'userName eq true',
      '(userName eq "a@example.com"',
      'userName eq "a@example.com" and',
      'userName xx "a@example.com"',
      '',
    ];
    for (const filter of refused) {
      const { status, body } = await list<ErrorBody>(sim, filterQuery(filter));
      expect(status, filter).toBe(400);
      expect(body, filter).toMatchObject({
        status: '400',
        scimType: 'invalidValue',
        detail: invalidFilterDetail,
      });
    }
  });
});

describe('GET /Users pagination', () => {
  const seededUsers: UserSeed[] = [admin];
  for (let index = 1; index <= 250; index += 1)
    seededUsers.push({
      userName: `user${String(index).padStart(3, '0')}@example.com`,
      active: index % 5 !== 0,
    });
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: { users: seededUsers } });
  });
  afterAll(() => sim.close());

  it('serves 50 per page by default and reports itemsPerPage as the page length', async () => {
    const { body } = await list(sim, '');
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 251,
      startIndex: 1,
      itemsPerPage: 50,
    });
    expect(body.Resources).toHaveLength(50);
  });

  it('walks every user in creation order with startIndex/count, 100 at a time', async () => {
    const seen: string[] = [];
    for (let startIndex = 1; ; startIndex += 100) {
      const { body } = await list(sim, `?startIndex=${startIndex}&count=100`);
      expect(body.totalResults).toBe(251);
      expect(body.startIndex).toBe(startIndex);
      expect(body.itemsPerPage).toBe(body.Resources.length);
      seen.push(...body.Resources.map((user) => user.userName));
      if (body.Resources.length < 100) break;
    }
    expect(seen).toEqual(seededUsers.map((user) => user.userName));
  });

  it('counts totalResults over the filter and pages within the matches', async () => {
    const { body } = await list(sim, `${filterQuery('active eq false')}&startIndex=41&count=20`);
    expect(body.totalResults).toBe(50);
    expect(body.Resources.map((user) => user.userName)).toEqual(
      [205, 210, 215, 220, 225, 230, 235, 240, 245, 250].map((index) => `user${index}@example.com`),
    );
  });

  it('refuses count above 100 with 400 by default', async () => {
    const { status, body } = await list<ErrorBody>(sim, '?count=101');
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('treats count <= 0 as "totals only", startIndex < 1 as 1, and refuses non-integers', async () => {
    for (const query of ['?count=0', '?count=-5']) {
      const { body } = await list(sim, query);
      expect(body).toMatchObject({ totalResults: 251, itemsPerPage: 0, Resources: [] });
    }
    const { body } = await list(sim, '?startIndex=0&count=1');
    expect(body.startIndex).toBe(1);
    expect(body.Resources[0]?.userName).toBe('admin@example.com');
    expect((await list(sim, '?startIndex=900')).body).toMatchObject({ totalResults: 251, Resources: [] });
    for (const query of ['?count=abc', '?count=1.5', '?startIndex=x'])
      expect((await list<ErrorBody>(sim, query)).body.scimType, query).toBe('invalidValue');
  });

  it('clamps count to 100 when the scimCountAboveMaximum switch says clamp', async () => {
    const clamping = await startSimulator({
      seed: { users: seededUsers },
      switches: { scimCountAboveMaximum: 'clamp' },
    });
    try {
      const { status, body } = await list(clamping, '?count=500');
      expect(status).toBe(200);
      expect(body.itemsPerPage).toBe(100);
    } finally {
      await clamping.close();
    }
  });
});
