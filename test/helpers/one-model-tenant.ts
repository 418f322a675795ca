import { IntegrationClient, usersImport } from '@anaplan-access/bulk';
import { type AuthProvider, basicAuth, silentLogger } from '@anaplan-access/core';
import type { ModelSeed, Simulator, TenantSeed, UserSeed } from '@anaplan-access/testkit';
import { usersImportColumns } from './users-import-fixture.js';

// A tenant of one workspace and one model, for the tests that drive the bulk client through the simulator's
// switches and record what it sends: the integration account, a user administrator of the workspace, and Jane Doe,
// a Viewer of the model. Each test file names its own ids, account and model contents.

/** Jane's login: a Viewer of the model. */
export const jane = 'jane@corp.example';

/** The integration account's basic credentials (as `basicAuth` takes them). */
export interface Account {
  username: string;
  password: string;
}

/**
 * The seed: `admin` (plus `account`'s fields: a certificate, a last login, names) and Jane in `workspace`, whose
 * administrator is `admin`; one model in it with the roles Planner and Viewer, Jane a Viewer, and `model`'s contents.
 */
export function oneModelSeed(options: {
  admin: Account;
  account?: Omit<UserSeed, 'userName' | 'password'>;
  workspace: { id: string; name: string };
  model: Omit<ModelSeed, 'workspaceId'>;
}): TenantSeed {
  const { admin, workspace } = options;
  return {
    users: [
      {
        userName: admin.username,
        password: admin.password,
        roles: ['USER_ADMIN'],
        workspaces: [workspace.id],
        ...options.account,
      },
      { userName: jane, givenName: 'Jane', familyName: 'Doe', workspaces: [workspace.id] },
    ],
    workspaces: [{ id: workspace.id, name: workspace.name, admins: [admin.username] }],
    models: [
      {
        workspaceId: workspace.id,
        roles: ['Planner', 'Viewer'],
        users: [{ email: jane, role: 'Viewer' }],
        ...options.model,
      },
    ],
  };
}

/** A USERS import file (columns of `usersImportColumns([])`) giving Jane `role`, without SSO. */
export function janeAs(role: string): string {
  return usersImport.toCsv(
    [{ email: jane, firstName: 'Jane', lastName: 'Doe', role, sso: false }],
    usersImportColumns([]),
  );
}

/** `text` as a stream of 64 KiB pieces: an upload source whose length is not known up front. */
export async function* inPieces(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += 65_536) yield text.slice(start, start + 65_536);
}

/** An Integration API client of `sim`, signed in as `admin` (or through `auth`), sending through `fetch` if given. */
export function integrationClient(
  sim: Simulator,
  admin: Account,
  options: { auth?: AuthProvider; fetch?: typeof globalThis.fetch } = {},
): IntegrationClient {
  return new IntegrationClient({
    auth: options.auth ?? basicAuth(admin),
    baseUrl: sim.apiUrl,
    authUrl: sim.authUrl,
    logger: silentLogger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
