import {
  type ModelSeed,
  type TenantSeed,
  type UserSeed,
  usersExportSeed,
  usersImportSeed,
} from '@anaplan-access/testkit';

/**
 * A realistic company for the demo: 3 workspaces, 4 models, roles, selective access on two lists (Regions and
 * Cost Centres), and 44 people. The SQLite database says who should have what; the simulated Anaplan tenant starts
 * from last month's state, so the plan shows a joiner, a leaver, a mover, a rename and a few access changes.
 */
export const workspaces = {
  finance: { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f21', name: 'Finance Planning' },
  sales: { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f22', name: 'Sales Operations' },
  supply: { id: '8a81b09e5f1d4c2f9a3e7b6c5d4e3f23', name: 'Supply Chain' },
} as const;

export const regions = ['EMEA', 'APAC', 'North America', 'LATAM'];
export const costCentres = ['CC-100 Corporate', 'CC-200 Sales', 'CC-300 Operations', 'CC-400 R&D'];

export interface DemoModel {
  id: string;
  name: string;
  workspaceId: string;
  roles: string[];
  lists: Record<string, string[]>;
  importId: string;
  exportId: string;
}

export const models: DemoModel[] = [
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F80',
    name: 'FP&A Budget',
    workspaceId: workspaces.finance.id,
    roles: ['Planner', 'Reviewer', 'Budget Owner'],
    lists: { Regions: regions, 'Cost Centres': costCentres },
    importId: '112000000101',
    exportId: '116000000101',
  },
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F81',
    name: 'Workforce Planning',
    workspaceId: workspaces.finance.id,
    roles: ['Planner', 'Viewer'],
    lists: { 'Cost Centres': costCentres },
    importId: '112000000102',
    exportId: '116000000102',
  },
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F82',
    name: 'Sales Forecast',
    workspaceId: workspaces.sales.id,
    roles: ['Sales Manager', 'Sales Rep', 'Viewer'],
    lists: { Regions: regions },
    importId: '112000000103',
    exportId: '116000000103',
  },
  {
    id: 'C1A2B3C4D5E6F708192A3B4C5D6E7F83',
    name: 'Demand Planning',
    workspaceId: workspaces.supply.id,
    roles: ['Planner', 'Viewer'],
    lists: {},
    importId: '112000000104',
    exportId: '116000000104',
  },
];

/**
 * The column names of each model's USERS import and Users export (the saved import and export definitions decide
 * them): user fields, then Read / Write / None columns per selective-access list.
 */
export function importColumns(model: DemoModel) {
  const selectiveAccess: Record<string, { read: string; write: string; none: string }> = {};
  for (const list of Object.keys(model.lists))
    selectiveAccess[list] = { read: `${list} Read`, write: `${list} Write`, none: `${list} None` };
  return {
    email: 'Email',
    firstName: 'First Name',
    lastName: 'Last Name',
    role: 'Role',
    sso: 'Single Sign-On',
    selectiveAccess,
  };
}

const firstNames = ['Ava', 'Ben', 'Chloé', 'Dev', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi'];
const lastNames = ['Andersen', 'Barros', 'Chen', 'Dubois'];

/** One person of the demo company. */
export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  department: 'finance' | 'sales' | 'supply';
  /** model name → role and selective access */
  access: Record<string, { role: string; read?: Record<string, string[]>; write?: Record<string, string[]> }>;
}

function accessFor(department: Person['department'], index: number): Person['access'] {
  const region = regions[index % regions.length] as string;
  const centre = costCentres[index % costCentres.length] as string;
  switch (department) {
    case 'finance':
      return {
        'FP&A Budget': {
          role: index % 5 === 0 ? 'Budget Owner' : 'Planner',
          write: { 'Cost Centres': [centre] },
          read: { Regions: [region] },
        },
        'Workforce Planning': { role: 'Viewer', read: { 'Cost Centres': [centre] } },
      };
    case 'sales':
      return {
        'Sales Forecast': {
          role: index % 4 === 0 ? 'Sales Manager' : 'Sales Rep',
          write: { Regions: [region] },
        },
      };
    case 'supply':
      return { 'Demand Planning': { role: index % 3 === 0 ? 'Planner' : 'Viewer' } };
  }
}

/** The company as HR and the access-request tool see it today: the desired state. */
export function people(): Person[] {
  const result: Person[] = [];
  const departments: Person['department'][] = ['finance', 'sales', 'supply'];
  for (let index = 0; index < 44; index += 1) {
    const firstName = firstNames[index % firstNames.length] as string;
    const lastName = lastNames[Math.floor(index / firstNames.length) % lastNames.length] as string;
    const department = departments[index % 3] as Person['department'];
    result.push({
      email: `${firstName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${lastName.toLowerCase()}@acme.example`,
      firstName,
      lastName,
      department,
      access: accessFor(department, index),
    });
  }
  return result;
}

export const integrationAccount = 'integration@acme.example';
export const breakGlassAccount = 'breakglass@acme.example';

/** The demo's story: what changed since Anaplan was last in sync. */
export const story = {
  /** Joined this week: in the database, not in Anaplan. */
  joiner: 'kofi.dubois@acme.example',
  /** Left the company: in Anaplan, no longer in the database. */
  leaver: { email: 'morgan.lee@acme.example', firstName: 'Morgan', lastName: 'Lee' },
  /** Moved from Sales to Finance: Anaplan still has the Sales access. */
  mover: 'ben.andersen@acme.example',
  /** Changed family name: Anaplan has the old one. */
  rename: { email: 'grace.andersen@acme.example', oldLastName: 'Andersen-Moreau' },
  /** Got write access to one more region. */
  accessChange: 'hiro.andersen@acme.example',
};

/** Today's desired state, with the story applied. */
export function desiredPeople(): Person[] {
  return people()
    .map(
      (person): Person =>
        person.email === story.mover
          ? { ...person, department: 'finance', access: accessFor('finance', 1) }
          : person,
    )
    .map(
      (person): Person =>
        person.email === story.accessChange
          ? {
              ...person,
              access: {
                ...person.access,
                'Sales Forecast': { role: 'Sales Rep', write: { Regions: ['EMEA', 'APAC'] } },
              },
            }
          : person,
    );
}

const departmentWorkspace = (department: Person['department']) => workspaces[department].id;

/** Workspaces a person needs: their department's, plus the workspace of every model they have access to. */
export function workspacesOf(person: Person): string[] {
  const ids = new Set<string>([departmentWorkspace(person.department)]);
  for (const name of Object.keys(person.access)) {
    const model = models.find((candidate) => candidate.name === name);
    if (model) ids.add(model.workspaceId);
  }
  return [...ids];
}

/** Last month's Anaplan, as a simulator seed: the story not yet applied. */
export function anaplanSeed(adminPassword: string): TenantSeed {
  const before = people()
    .filter((person) => person.email !== story.joiner)
    .map((person) =>
      person.email === story.rename.email ? { ...person, lastName: story.rename.oldLastName } : person,
    );
  before.push({
    email: story.leaver.email,
    firstName: story.leaver.firstName,
    lastName: story.leaver.lastName,
    department: 'sales',
    access: accessFor('sales', 2),
  });
  const users: UserSeed[] = [
    {
      userName: integrationAccount,
      givenName: 'Integration',
      familyName: 'Account',
      password: adminPassword,
      roles: ['USER_ADMIN'],
      workspaces: Object.values(workspaces).map((w) => w.id),
    },
    {
      userName: breakGlassAccount,
      givenName: 'Break',
      familyName: 'Glass',
      workspaces: [workspaces.finance.id],
    },
    ...before.map((person) => ({
      userName: person.email,
      givenName: person.firstName,
      familyName: person.lastName,
      externalId: `HR-${person.email.split('@')[0]}`,
      workspaces: workspacesOf(person),
    })),
  ];
  const modelSeeds: ModelSeed[] = models.map((model) => ({
    id: model.id,
    name: model.name,
    workspaceId: model.workspaceId,
    roles: model.roles,
    lists: Object.entries(model.lists).map(([name, items]) => ({ name, items, selectiveAccess: true })),
    users: before.flatMap((person) => {
      const access = person.access[model.name];
      if (!access) return [];
      const selectiveAccess: Record<string, { read?: string[]; write?: string[] }> = {};
      for (const [list, items] of Object.entries(access.read ?? {}))
        selectiveAccess[list] = { ...selectiveAccess[list], read: items };
      for (const [list, items] of Object.entries(access.write ?? {}))
        selectiveAccess[list] = { ...selectiveAccess[list], write: items };
      return [{ email: person.email, role: access.role, selectiveAccess }];
    }),
    imports: [
      usersImportSeed(importColumns(model), {
        id: model.importId,
        name: 'Users from anaplan-access',
        fileName: 'anaplan-access-users.csv',
      }),
    ],
    exports: [
      usersExportSeed(importColumns(model), { id: model.exportId, name: 'Users for anaplan-access' }),
    ],
  }));
  return {
    tenant: { name: 'ACME (simulated)' },
    users,
    workspaces: Object.values(workspaces).map((workspace) => ({
      ...workspace,
      admins: [integrationAccount],
    })),
    models: modelSeeds,
  };
}
