import { randomBytes } from 'node:crypto';
import type { TenantSeed } from '../seed.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator.js';

/** Ids of the test tenant. */
export const ids = {
  workspace: '8a8b8c8d8e8f404142434445464748aa',
  otherWorkspace: '8a8b8c8d8e8f404142434445464748bb',
  model: 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6',
  otherModel: 'B1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6',
  usersImport: '112000000001',
  usersFile: '113000000001',
  listImport: '112000000002',
  listFile: '113000000002',
  usersExport: '116000000001',
  joinedExport: '116000000002',
  rowsExport: '116000000003',
  process: '118000000001',
  deleteAction: '117000000001',
  otherExport: '116000000009',
} as const;

/** The tenant most Integration API tests start from. */
export function integrationSeed(): TenantSeed {
  return {
    users: [
      {
        userName: 'admin@example.com',
        givenName: 'Ada',
        familyName: 'Admin',
        workspaces: [ids.workspace],
        roles: ['USER_ADMIN'],
      },
      {
        userName: 'planner@example.com',
        givenName: 'Pat',
        familyName: 'Planner',
        workspaces: [ids.workspace],
      },
      {
        userName: 'blocked@example.com',
        givenName: 'Bo',
        familyName: 'Blocked',
        workspaces: [ids.workspace],
      },
      {
        userName: 'outsider@example.com',
        givenName: 'Oz',
        familyName: 'Outsider',
        workspaces: [ids.otherWorkspace],
      },
      { userName: 'jane.doe@example.com', givenName: 'Jane', familyName: 'Doe', workspaces: [ids.workspace] },
      { userName: 'newcomer@example.com', givenName: 'Nia', familyName: 'Newcomer' },
    ],
    workspaces: [
      { id: ids.workspace, name: 'Finance', admins: ['admin@example.com'] },
      { id: ids.otherWorkspace, name: 'Sales' },
    ],
    models: [
      {
        id: ids.model,
        name: 'FP&A',
        workspaceId: ids.workspace,
        roles: ['Planner', 'Viewer'],
        lists: [
          { name: 'Region', items: ['EMEA', 'APAC', 'AMER'], selectiveAccess: true },
          { name: 'Cost Centre', items: ['1', '2'], selectiveAccess: true },
          { name: 'Products', items: ['Widget'] },
        ],
        users: [
          { email: 'admin@example.com', role: 'Full Access', workspaceAdmin: true },
          { email: 'planner@example.com', role: 'Planner', selectiveAccess: { Region: { read: ['EMEA'] } } },
          { email: 'blocked@example.com', role: 'No Access' },
          {
            email: 'jane.doe@example.com',
            role: 'Viewer',
            sso: true,
            selectiveAccess: { Region: { write: ['APAC'] } },
          },
        ],
        imports: [
          {
            id: ids.usersImport,
            name: 'Users from users.csv',
            fileId: ids.usersFile,
            fileName: 'users.csv',
            importType: 'USERS',
            columns: {
              Email: 'email',
              'First Name': 'firstName',
              'Last Name': 'lastName',
              Role: 'role',
              'Single Sign-On': 'sso',
              'Region Read': { readAccess: 'Region' },
              'Region Write': { writeAccess: 'Region' },
              'Region None': { noAccess: 'Region' },
            },
          },
          {
            id: ids.listImport,
            name: 'Products from products.csv',
            fileId: ids.listFile,
            importType: 'HIERARCHY_DATA',
            listName: 'Products',
            columns: { Name: { listItem: 'Products' } },
          },
        ],
        exports: [
          {
            id: ids.usersExport,
            name: 'Users.csv',
            source: 'users',
            columns: {
              Email: 'email',
              'First Name': 'firstName',
              Role: 'role',
              SSO: 'sso',
              'Region Read': 'read:Region',
              'Region Write': 'write:Region',
            },
          },
          {
            id: ids.joinedExport,
            name: 'Users joined.csv',
            columns: { Email: 'email', 'Region Read': 'read:Region' },
            selectiveAccessLayout: 'joined',
          },
          { id: ids.rowsExport, name: 'Fixed.csv', source: 'rows', rows: [{ A: '1', B: 'x,y' }] },
        ],
        processes: [
          { id: ids.process, name: 'Load users then export', actions: [ids.usersImport, 'Users.csv'] },
        ],
        actions: [{ id: ids.deleteAction, name: 'Delete EMEA', listName: 'Region', items: ['EMEA'] }],
        files: [{ id: ids.listFile, name: 'products.csv', content: 'Name\nGadget\nWidget\n' }],
      },
      {
        id: ids.otherModel,
        name: 'Sales Plan',
        workspaceId: ids.workspace,
        users: [{ email: 'admin@example.com', role: 'Full Access' }],
        exports: [{ id: ids.otherExport, name: 'Sales users.csv', columns: { Email: 'email' } }],
      },
    ],
  };
}

/** A simulator with the test tenant and a helper to call the Integration API as a seeded user. */
export interface IntegrationHarness {
  readonly sim: Simulator;
  /** `/workspaces/{w}/models/{m}` of the test model, relative to `/2/0`. */
  readonly modelPath: string;
  /** An `AnaplanAuthToken` for a seeded user (a session inserted straight into the state). */
  token(userName: string): string;
  /** Calls `/2/0<path>` as the user; a `json` body is sent as JSON. */
  call(userName: string, method: string, path: string, init?: CallInit): Promise<Response>;
  /** Calls and parses a JSON answer, expecting `status`. */
  json<T = Record<string, unknown>>(
    userName: string,
    method: string,
    path: string,
    init?: CallInit & { expect?: number },
  ): Promise<T>;
  /** Starts a task and polls it until `COMPLETE` or `CANCELLED`; returns the final `task` object. */
  runTask(userName: string, actionPath: string): Promise<TaskJson>;
  /** Polls `GET <taskPath>` until the task is `COMPLETE` or `CANCELLED`. */
  waitForTask(userName: string, taskPath: string): Promise<TaskJson>;
  close(): Promise<void>;
}

/** A request's extras. */
export interface CallInit {
  json?: unknown;
  body?: Uint8Array<ArrayBuffer> | string;
  headers?: Record<string, string>;
}

/** The `task` object of the task endpoints. */
export interface TaskJson {
  taskId: string;
  taskState: string;
  currentStep: string;
  progress: number;
  creationTime: number;
  result?: {
    successful: boolean;
    failureDumpAvailable: boolean;
    objectId: string;
    details?: { type: string; occurrences: number; localMessageText: string; values: string[] }[];
    nestedResults?: { objectId: string; successful: boolean; failureDumpAvailable: boolean }[];
  };
}

/** Starts the simulator for a test file. */
export async function startIntegrationHarness(options: SimulatorOptions = {}): Promise<IntegrationHarness> {
  const sim = await startSimulator({
    seed: integrationSeed(),
    ...options,
    switches: { taskDurationMs: 5, ...options.switches },
  });
  const tokens = new Map<string, string>();
  const token = (userName: string): string => {
    const known = tokens.get(userName);
    if (known) return known;
    const user = sim.state.findUserByName(userName);
    if (!user) throw new Error(`No seeded user ${userName}`);
    const value = randomBytes(24).toString('base64url');
    sim.state.sessions.set(value, {
      token: value,
      tokenId: randomBytes(8).toString('hex'),
      userId: user.id,
      // Far ahead: tests move the simulator clock with advanceTime.
      expiresAt: Date.now() + 24 * 60 * 60 * 1000,
      revoked: false,
      via: 'basic',
    });
    tokens.set(userName, value);
    return value;
  };
  const call = (userName: string, method: string, path: string, init: CallInit = {}) => {
    const headers: Record<string, string> = {
      authorization: `AnaplanAuthToken ${token(userName)}`,
      ...init.headers,
    };
    let body: Uint8Array<ArrayBuffer> | string | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    } else if (method === 'PUT' && body !== undefined) {
      // File and chunk uploads carry bytes (the simulator refuses other types by default: uploadContentTypes).
      headers['content-type'] ??= 'application/octet-stream';
    }
    return fetch(`${sim.apiUrl}${path}`, { method, headers, body });
  };
  const json = async <T>(
    userName: string,
    method: string,
    path: string,
    init: CallInit & { expect?: number } = {},
  ) => {
    const response = await call(userName, method, path, init);
    const text = await response.text();
    if (response.status !== (init.expect ?? 200))
      throw new Error(`${method} ${path}: expected ${init.expect ?? 200}, got ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const waitForTask = async (userName: string, taskPath: string): Promise<TaskJson> => {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const { task } = await json<{ task: TaskJson }>(userName, 'GET', taskPath);
      if (task.taskState === 'COMPLETE' || task.taskState === 'CANCELLED') return task;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`Task ${taskPath} did not finish`);
  };
  return {
    sim,
    modelPath: `/workspaces/${ids.workspace}/models/${ids.model}`,
    token,
    call,
    json,
    waitForTask,
    async runTask(userName, actionPath) {
      const { task } = await json<{ task: TaskJson }>(userName, 'POST', `${actionPath}/tasks`, {
        json: { localeName: 'en_US' },
      });
      return waitForTask(userName, `${actionPath}/tasks/${task.taskId}`);
    },
    close: () => sim.close(),
  };
}

/** The header of the seeded USERS import's file. */
export const usersHeader =
  'Email,First Name,Last Name,Role,Single Sign-On,Region Read,Region Write,Region None';

/** A file for the seeded USERS import: its header, then the given lines. */
export function usersCsv(...lines: string[]): string {
  return [usersHeader, ...lines].map((line) => `${line}\n`).join('');
}

/** The value after `name` in a detail's flat alternating `values` array. */
export function detailValue(values: readonly string[], name: string): string | undefined {
  const index = values.indexOf(name);
  return index >= 0 ? values[index + 1] : undefined;
}
