// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { ConfigurationError } from '@anaplan-access/core';
import type { CloudWorksImportJobInput, CloudWorksJob } from './integration-types.js';

/**
 * The job of an import integration: one file from S3 or Azure Blob into one import action.
 *
 * @example
 * ```ts
 * const job = cloudWorksImportJob({
 *   connectionType: 'AzureBlob', connectionId, file: `uam/current/users_${modelId}.csv`,
 *   importId: '112000000042', fileId: '113000000017',
 * });
 * await cloudWorks.integrations.ensure({ name: `anaplan-access:users:${modelId}`, workspaceId, modelId, jobs: [job] });
 * ```
 * @throws `ConfigurationError` naming the field that is missing or not a string.
 */
export function cloudWorksImportJob(input: CloudWorksImportJobInput): CloudWorksJob {
  for (const key of ['connectionId', 'file', 'importId', 'fileId'] as const) {
    const value = input?.[key];
    if (typeof value !== 'string' || value.trim() === '')
      throw new ConfigurationError(key, `cloudWorksImportJob: "${key}" must be a non-empty string`);
  }
  if (input.connectionType !== 'AmazonS3' && input.connectionType !== 'AzureBlob')
    throw new ConfigurationError(
      'connectionType',
      'cloudWorksImportJob: "connectionType" is AmazonS3 or AzureBlob',
    );
  return {
    type: `${input.connectionType}ToAnaplan`,
    sources: [{ type: input.connectionType, connectionId: input.connectionId, file: input.file }],
    targets: [{ type: 'Anaplan', actionId: input.importId, fileId: input.fileId }],
  };
}
