// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { AbortError, type CallOptions, ConfigurationError } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { CloudWorksPeerMissingError } from '../errors/peer-missing-error.js';
import { CloudWorksStorageWriteError } from '../errors/storage-write-error.js';
import type { AmazonS3StorageOptions, AzureBlobStorageOptions, CloudWorksStorage } from './storage-types.js';

/** Loads an optional peer dependency, or fails with a {@link CloudWorksPeerMissingError} naming it. */
async function loadPeer<T>(packageName: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      throw new CloudWorksPeerMissingError(packageName, error);
    throw error;
  }
}

function checkOptions(
  what: string,
  options: object,
  valid: readonly string[],
  required: readonly string[],
): void {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', `${what} needs an options object`);
  const unknown = Object.keys(options).find((key) => !valid.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown ${what} option "${unknown}". Valid options: ${valid.join(', ')}`,
    );
  for (const key of [
    ...required,
    ...valid.filter((key) => (options as Record<string, unknown>)[key] !== undefined),
  ]) {
    const value = (options as Record<string, unknown>)[key];
    if (typeof value !== 'string' || value.trim() === '')
      throw new ConfigurationError(key, `${what}: "${key}" must be a non-empty string`);
  }
}

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

function statusOf(error: unknown): number | undefined {
  const status =
    (error as { statusCode?: unknown }).statusCode ??
    (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A container of Azure Blob Storage, written with the official `@azure/storage-blob` (an optional peer dependency,
 * loaded on the first write) through a SAS token.
 *
 * @example
 * ```ts
 * const storage = azureBlobStorage({ accountName: 'acct', containerName: 'uam', sasToken: process.env.AZURE_SAS! });
 * await storage.put(`uam/current/users_${modelId}.csv`, csv);
 * ```
 * @throws `ConfigurationError` naming the option that is missing, unknown or not a non-empty string.
 */
export function azureBlobStorage(options: AzureBlobStorageOptions): CloudWorksStorage {
  checkOptions(
    'azureBlobStorage',
    options,
    ['accountName', 'containerName', 'sasToken', 'endpoint'],
    ['accountName', 'containerName', 'sasToken'],
  );
  const endpoint = (options.endpoint ?? `https://${options.accountName}.blob.core.windows.net`).replace(
    /\/+$/,
    '',
  );
  const sas = options.sasToken.replace(/^\?/, '');
  const signature = new URLSearchParams(sas).get('sig');
  const secrets = [options.sasToken, sas, ...(signature ? [signature, encodeURIComponent(signature)] : [])];
  return {
    type: 'AzureBlob',
    container: options.containerName,
    async put(path: string, content: string | Uint8Array, call: CallOptions = {}): Promise<void> {
      const { BlockBlobClient } = await loadPeer('@azure/storage-blob', () => import('@azure/storage-blob'));
      const objectPath = path.split('/').map(encodeURIComponent).join('/');
      const url = `${endpoint}/${encodeURIComponent(options.containerName)}/${objectPath}?${sas}`;
      const bytes = bytesOf(content);
      await withCallOptions(call, async (signal) => {
        try {
          await new BlockBlobClient(url).upload(bytes, bytes.byteLength, {
            ...(signal === undefined ? {} : { abortSignal: signal }),
            blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
          });
        } catch (error) {
          if (signal?.aborted)
            throw new AbortError({
              method: 'PUT',
              url: `${endpoint}/${options.containerName}/${objectPath}`,
              cause: error,
              secrets,
            });
          throw new CloudWorksStorageWriteError({
            storage: 'AzureBlob',
            container: options.containerName,
            path,
            status: statusOf(error),
            cause: error,
            secrets,
          });
        }
      });
    },
  };
}

/**
 * A bucket of Amazon S3 (or an S3-compatible server), written with the official `@aws-sdk/client-s3` (an optional
 * peer dependency, loaded on the first write).
 *
 * @example
 * ```ts
 * const storage = amazonS3Storage({ bucketName: 'uam', region: 'eu-west-1', accessKeyId, secretAccessKey });
 * await storage.put(`uam/current/users_${modelId}.csv`, csv);
 * ```
 * @throws `ConfigurationError` naming the option that is missing, unknown or not a non-empty string.
 */
export function amazonS3Storage(options: AmazonS3StorageOptions): CloudWorksStorage {
  checkOptions(
    'amazonS3Storage',
    options,
    ['bucketName', 'region', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'endpoint'],
    ['bucketName', 'accessKeyId', 'secretAccessKey'],
  );
  const secrets = [options.secretAccessKey, ...(options.sessionToken ? [options.sessionToken] : [])];
  return {
    type: 'AmazonS3',
    container: options.bucketName,
    async put(path: string, content: string | Uint8Array, call: CallOptions = {}): Promise<void> {
      const { S3Client, PutObjectCommand } = await loadPeer(
        '@aws-sdk/client-s3',
        () => import('@aws-sdk/client-s3'),
      );
      const client = new S3Client({
        region: options.region ?? 'us-east-1',
        credentials: {
          accessKeyId: options.accessKeyId,
          secretAccessKey: options.secretAccessKey,
          ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
        },
        ...(options.endpoint === undefined
          ? {}
          : {
              endpoint: options.endpoint,
              forcePathStyle: true,
              requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            }),
        maxAttempts: 3,
      });
      try {
        await withCallOptions(call, async (signal) => {
          try {
            await client.send(
              new PutObjectCommand({
                Bucket: options.bucketName,
                Key: path,
                Body: bytesOf(content),
                ContentType: 'text/csv; charset=utf-8',
              }),
              signal === undefined ? {} : { abortSignal: signal },
            );
          } catch (error) {
            if (signal?.aborted)
              throw new AbortError({
                method: 'PUT',
                url: `s3://${options.bucketName}/${path}`,
                cause: error,
                secrets,
              });
            throw new CloudWorksStorageWriteError({
              storage: 'AmazonS3',
              container: options.bucketName,
              path,
              status: statusOf(error),
              cause: error,
              secrets,
            });
          }
        });
      } finally {
        client.destroy();
      }
    },
  };
}
