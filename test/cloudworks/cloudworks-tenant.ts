// A simulated tenant that speaks CloudWorks, with real storage beside it: Azurite and an S3-compatible server.

import { CloudWorksClient } from '@anaplan-access/cloudworks';
import { basicAuth } from '@anaplan-access/core';
import { type Simulator, startSimulator, type TenantSeed, usersImportSeed } from '@anaplan-access/testkit';
import { type Azurite, type S3Server, startAzurite, startS3Server } from './storage-servers.js';

export const ids = {
  workspace: '8a8b8c8d8e8f40414243444546474849',
  model: '75A40874E6B64FA3AE0743278996850F',
  otherModel: '85A40874E6B64FA3AE0743278996850F',
  usersImport: '112000000101',
  usersFile: '113000000101',
  otherImport: '112000000201',
  otherFile: '113000000201',
  process: '118000000101',
} as const;

export const admin = { username: 'integration@example.com', password: 'correct horse battery staple' };
export const plain = { username: 'plain@example.com', password: 'another long password' };
export const columns = { email: 'Email', role: 'Role' } as const;

function seed(): TenantSeed {
  const model = (id: string, name: string, importId: string, fileId: string) => ({
    id,
    name,
    workspaceId: ids.workspace,
    roles: ['Planner', 'Reviewer'],
    users: [{ email: admin.username, role: 'Full Access', workspaceAdmin: true }],
    imports: [usersImportSeed(columns, { id: importId, fileId, name: 'Users from users.csv' })],
  });
  return {
    users: [
      {
        userName: admin.username,
        password: admin.password,
        givenName: 'Ivy',
        familyName: 'Integrator',
        roles: ['INTEGRATION_ADMIN'],
        workspaces: [ids.workspace],
      },
      { userName: plain.username, password: plain.password, workspaces: [ids.workspace] },
      ...['bob', 'carol', 'dave'].map((name) => ({
        userName: `${name}@example.com`,
        workspaces: [ids.workspace],
      })),
    ],
    workspaces: [{ id: ids.workspace, name: 'Planning', admins: [admin.username] }],
    models: [
      {
        ...model(ids.model, 'Access Model', ids.usersImport, ids.usersFile),
        processes: [{ id: ids.process, name: 'Load users', actions: [ids.usersImport] }],
      },
      model(ids.otherModel, 'Other Model', ids.otherImport, ids.otherFile),
    ],
  };
}

/** Everything a CloudWorks test works with. */
export interface CloudWorksTenant {
  sim: Simulator;
  azurite: Azurite;
  s3: S3Server;
  cloudWorks: CloudWorksClient;
  /** A client of the same tenant for a user without a CloudWorks role. */
  clientOf(credentials: { username: string; password: string }): CloudWorksClient;
  close(): Promise<void>;
}

/** Starts Azurite, the S3 server and a simulator whose connections reach them. */
export async function startCloudWorksTenant(): Promise<CloudWorksTenant> {
  const [azurite, s3] = await Promise.all([startAzurite(), startS3Server()]);
  const sim = await startSimulator({
    seed: seed(),
    switches: { taskDurationMs: 0 },
    cloudWorks: { storage: { azureBlob: azurite.endpointTemplate, s3: s3.endpoint }, tenantMaxAllowed: 40 },
  });
  const clients: CloudWorksClient[] = [];
  const clientOf = (credentials: { username: string; password: string }) => {
    const client = new CloudWorksClient({
      auth: basicAuth(credentials),
      baseUrl: sim.cloudWorksUrl,
      authUrl: sim.authUrl,
    });
    clients.push(client);
    return client;
  };
  return {
    sim,
    azurite,
    s3,
    cloudWorks: clientOf(admin),
    clientOf,
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await sim.close();
      await Promise.all([azurite.close(), s3.close()]);
    },
  };
}

/** Fast polling for the simulator. */
export const fast = { intervalMs: 5, timeoutMs: 20_000 } as const;
