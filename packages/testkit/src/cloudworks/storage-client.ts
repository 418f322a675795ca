// Tests: test/cloudworks/storage-runs.test.ts, test/cloudworks/cloudworks-client.test.ts

import { signS3Request } from './sigv4.js';

/** Where the simulator finds the storage services a connection names. */
export interface CloudWorksStorageEndpoints {
  /**
   * Blob endpoint of an Azure storage account; `{account}` is replaced by the connection's `storageAccountName`.
   * Azurite: `http://127.0.0.1:<port>/{account}`. @default `https://{account}.blob.core.windows.net`
   */
  azureBlob: string;
  /**
   * S3 endpoint, addressed path-style (`<endpoint>/<bucket>/<key>`), e.g. a local S3-compatible server's
   * `http://127.0.0.1:<port>`. @default `https://s3.amazonaws.com`
   */
  s3: string;
}

/** The credentials and place of a stored connection, as the simulator keeps them (the API never returns them). */
export type StorageConnection =
  | { type: 'AzureBlob'; storageAccountName: string; containerName: string; sasToken: string }
  | { type: 'AmazonS3'; bucketName: string; accessKeyId: string; secretAccessKey: string }
  | { type: 'GoogleBigQuery'; dataset: string };

/** What reading storage gave: the bytes, or why not (the storage's status and a short reason). */
export type StorageRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: number | undefined; reason: string };

/** The default endpoints: the real services. */
export const defaultStorageEndpoints: CloudWorksStorageEndpoints = {
  azureBlob: 'https://{account}.blob.core.windows.net',
  s3: 'https://s3.amazonaws.com',
};

function objectPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The URL and headers of a request to the connection's storage: `path` an object, or `undefined` to list. */
function storageRequest(
  endpoints: CloudWorksStorageEndpoints,
  connection: Exclude<StorageConnection, { type: 'GoogleBigQuery' }>,
  path: string | undefined,
): { url: URL; headers: Record<string, string> } {
  if (connection.type === 'AzureBlob') {
    const base = endpoints.azureBlob.replace('{account}', encodeURIComponent(connection.storageAccountName));
    const container = encodeURIComponent(connection.containerName);
    const url = new URL(
      path === undefined
        ? `${base}/${container}?restype=container&comp=list&maxresults=1`
        : `${base}/${container}/${objectPath(path)}`,
    );
    for (const [name, value] of new URLSearchParams(connection.sasToken.replace(/^\?/, '')))
      url.searchParams.set(name, value);
    return { url, headers: { 'x-ms-version': '2021-08-06' } };
  }
  const bucket = encodeURIComponent(connection.bucketName);
  const url = new URL(
    path === undefined
      ? `${endpoints.s3}/${bucket}?list-type=2&max-keys=1`
      : `${endpoints.s3}/${bucket}/${objectPath(path)}`,
  );
  return { url, headers: signS3Request('GET', url, connection) };
}

async function read(url: URL, headers: Record<string, string>): Promise<StorageRead> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.ok) return { ok: true, bytes };
    const code = /<Code>([^<]+)<\/Code>/.exec(bytes.toString('utf8'))?.[1];
    return { ok: false, status: response.status, reason: code ?? `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: undefined, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads one object from a connection's storage over HTTP: Azure Blob with the connection's SAS token, S3 with an
 * AWS Signature Version 4 signed with its key pair. A BigQuery connection cannot be read by the simulator.
 */
export function readObject(
  endpoints: CloudWorksStorageEndpoints,
  connection: StorageConnection,
  path: string,
): Promise<StorageRead> {
  if (connection.type === 'GoogleBigQuery')
    return Promise.resolve({ ok: false, status: undefined, reason: 'the simulator does not read BigQuery' });
  const { url, headers } = storageRequest(endpoints, connection, path);
  return read(url, headers);
}

/**
 * Checks a connection's credentials as CloudWorks does when one is created or updated: lists one object of the
 * container or bucket. BigQuery connections are taken as they are.
 */
export async function checkCredentials(
  endpoints: CloudWorksStorageEndpoints,
  connection: StorageConnection,
): Promise<StorageRead> {
  if (connection.type === 'GoogleBigQuery') return { ok: true, bytes: Buffer.alloc(0) };
  const { url, headers } = storageRequest(endpoints, connection, undefined);
  return read(url, headers);
}
