// The process the CloudWorks kill test SIGKILLs between the upload and the run: it applies a plan through the
// cloudworks channel, and its storage writer, once the real write to Azurite is done, says so on stdout and never
// returns, so that the run is never started. Usage: node --import ./source-hooks.mjs cloudworks-kill-child.ts '<json>'
import { IntegrationClient } from '@anaplan-access/bulk';
import { azureBlobStorage, CloudWorksClient, type CloudWorksStorage } from '@anaplan-access/cloudworks';
import { basicAuth } from '@anaplan-access/core';
import type { DesiredState } from '@anaplan-access/reconcile';
import { type AnaplanTargetModel, anaplanTarget, apply, plan } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';

/** What the parent passes. */
export interface KillChildInput {
  urls: { authUrl: string; apiUrl: string; scimUrl: string; cloudWorksUrl: string };
  credentials: { username: string; password: string };
  azure: { accountName: string; endpoint: string; sasToken: string };
  connectionId: string;
  workspaces: string[];
  models: AnaplanTargetModel[];
  desired: DesiredState;
}

const input = JSON.parse(process.argv[2] ?? '{}') as KillChildInput;
const common = { auth: basicAuth(input.credentials), authUrl: input.urls.authUrl };
const written = azureBlobStorage({ containerName: 'uam', ...input.azure });
const storage: CloudWorksStorage = {
  type: written.type,
  container: written.container,
  async put(path, content, options) {
    await written.put(path, content, options);
    process.stdout.write(`UPLOADED ${path}\n`);
    await new Promise(() => {});
  },
};
const target = anaplanTarget({
  scim: new ScimClient({ ...common, baseUrl: input.urls.scimUrl }),
  integration: new IntegrationClient({ ...common, baseUrl: input.urls.apiUrl }),
  workspaces: input.workspaces,
  models: input.models,
  cloudWorks: {
    client: new CloudWorksClient({ ...common, baseUrl: input.urls.cloudWorksUrl }),
    storage,
    connectionId: input.connectionId,
  },
});
const planned = await plan({
  desired: input.desired,
  target,
  policy: { deletionGuard: { maxPercent: 100 } },
});
await apply(planned, { target });
process.stdout.write('FINISHED\n');
