// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { ConfigurationError } from '@anaplan-access/core';
import type { CloudWorksConnectionInput } from './connection-types.js';

/** The wire form `{ type, body }` of a connection, and the secrets it carries. @internal */
export function connectionRequest(input: CloudWorksConnectionInput): {
  json: { type: string; body: Record<string, unknown> };
  secrets: string[];
} {
  if (typeof input !== 'object' || input === null)
    throw new ConfigurationError('connection', 'A connection must be an object with a type and a name');
  const text = (key: string, value: unknown, optional = false): string | undefined => {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || value.trim() === '')
      throw new ConfigurationError(key, `Connection field "${key}" must be a non-empty string`);
    return value;
  };
  const common = (name: string, workspaceId: string | undefined) => ({
    name: text('name', name),
    ...(workspaceId === undefined ? {} : { workspaceId: text('workspaceId', workspaceId) }),
  });
  switch (input.type) {
    case 'AmazonS3':
      checkKeys(input, [
        'type',
        'name',
        'accessKeyId',
        'secretAccessKey',
        'bucketName',
        'roleArn',
        'workspaceId',
      ]);
      return {
        json: {
          type: 'AmazonS3',
          body: {
            ...common(input.name, input.workspaceId),
            accessKeyId: text('accessKeyId', input.accessKeyId),
            secretAccessKey: text('secretAccessKey', input.secretAccessKey),
            bucketName: text('bucketName', input.bucketName),
            ...(input.roleArn === undefined ? {} : { roleArn: text('roleArn', input.roleArn) }),
          },
        },
        secrets: [input.secretAccessKey],
      };
    case 'AzureBlob':
      checkKeys(input, ['type', 'name', 'storageAccountName', 'containerName', 'sasToken', 'workspaceId']);
      return {
        json: {
          type: 'AzureBlob',
          body: {
            ...common(input.name, input.workspaceId),
            storageAccountName: text('storageAccountName', input.storageAccountName),
            containerName: text('containerName', input.containerName),
            auth_method: 'SAS-based',
            sasToken: text('sasToken', input.sasToken),
          },
        },
        secrets: sasSecrets(input.sasToken),
      };
    case 'GoogleBigQuery': {
      checkKeys(input, ['type', 'name', 'dataset', 'serviceAccountKey', 'workspaceId']);
      const key = input.serviceAccountKey;
      if (typeof key !== 'object' || key === null || Array.isArray(key))
        throw new ConfigurationError(
          'serviceAccountKey',
          'Connection field "serviceAccountKey" must be an object',
        );
      return {
        json: {
          type: 'GoogleBigQuery',
          body: {
            ...common(input.name, input.workspaceId),
            dataset: text('dataset', input.dataset),
            serviceAccountKey: key,
          },
        },
        secrets: Object.values(key).filter(
          (value): value is string => typeof value === 'string' && value.length >= 16,
        ),
      };
    }
    default:
      throw new ConfigurationError(
        'type',
        `Unknown connection type "${String((input as { type?: unknown }).type)}": AmazonS3, AzureBlob or GoogleBigQuery`,
      );
  }
}

function checkKeys(input: object, valid: readonly string[]): void {
  const unknown = Object.keys(input).find((key) => !valid.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown connection field "${unknown}". Valid fields: ${valid.join(', ')}`,
    );
}

/** A SAS token, and its signature alone (which may show up percent-encoded or on its own). */
function sasSecrets(sasToken: string): string[] {
  const token = sasToken.replace(/^\?/, '');
  const signature = new URLSearchParams(token).get('sig');
  return [sasToken, token, ...(signature ? [signature, encodeURIComponent(signature)] : [])];
}
