import { basicAuth, bearerToken } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { startSimulator } from '@anaplan-access/testkit';
import { startScimmyServer } from './scimmy-server.js';

/** How many users every target starts with, besides the admin (enough for several pages everywhere). */
export const bulkUserCount = 260;

/** A SCIM server the shared conformance cases run against, with a client pointed at it. */
export interface ScimTarget {
  readonly name: string;
  readonly client: ScimClient;
  /** Workspace ids the target accepts in entitlements (real ones on the simulator). */
  readonly workspaceIds: readonly string[];
  /**
   * Whether the server reads JSON escapes (`\"`, `\\`) in filter strings. scimmy 1.3 does not: its tokenizer ends
   * a string at the first `"` and never unescapes, so such values cannot be matched there.
   */
  readonly filterEscapes: boolean;
  /** Number of `GET /Users` list requests (with a query) the server received so far. */
  listRequestCount(): number;
  close(): Promise<void>;
}

function bulkUsers() {
  return Array.from({ length: bulkUserCount }, (_, index) => {
    const number = String(index + 1).padStart(4, '0');
    return { userName: `bulk.${number}@example.com`, givenName: 'Bulk', familyName: `User ${number}` };
  });
}

/** scimmy + scimmy-routers: a third-party RFC 7643/7644 server, used as a generic SCIM server (`anaplan: false`). */
export async function startScimmyTarget(): Promise<ScimTarget> {
  const token = 'conformance-token-7f3a9c';
  // A page cap of 20 (scimmy's own default page size) makes the client page by what it receives.
  const server = await startScimmyServer({ token, maxPageSize: 20 });
  server.seed(
    bulkUsers().map(({ userName, givenName, familyName }) => ({
      userName,
      name: { givenName, familyName },
      active: true,
    })),
  );
  const client = new ScimClient({ baseUrl: server.url, auth: bearerToken(token), anaplan: false });
  return {
    name: 'scimmy (generic SCIM 2.0)',
    client,
    workspaceIds: ['workspace-a', 'workspace-b', 'workspace-c', 'workspace-d'],
    filterEscapes: false,
    listRequestCount: () =>
      server.requests.filter((request) => request.method === 'GET' && /\/Users\?/.test(request.url)).length,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The Anaplan simulator of @anaplan-access/testkit, with the client's Anaplan limits on. */
export async function startSimulatorTarget(): Promise<ScimTarget> {
  const workspaceIds = ['a1', 'b2', 'c3', 'd4'].map((prefix) => prefix.repeat(16));
  const simulator = await startSimulator({
    seed: {
      users: [
        { userName: 'admin@example.com', password: 'conformance-password', roles: ['USER_ADMIN'] },
        ...bulkUsers(),
      ],
      workspaces: workspaceIds.map((id, index) => ({ id, name: `Workspace ${index + 1}` })),
    },
  });
  const client = new ScimClient({
    baseUrl: simulator.scimUrl,
    authUrl: simulator.authUrl,
    auth: basicAuth({ username: 'admin@example.com', password: 'conformance-password' }),
  });
  return {
    name: 'Anaplan simulator',
    client,
    workspaceIds,
    filterEscapes: true,
    listRequestCount: () =>
      simulator.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/Users'))
        .length,
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}
