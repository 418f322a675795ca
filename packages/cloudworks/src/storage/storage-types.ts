import type { CallOptions } from '@anaplan-access/core';

/** Where CloudWorks reads its files from: a container or bucket the SDK writes to before a run. */
export interface CloudWorksStorage {
  /** `AzureBlob` or `AmazonS3`: the connection type that reads this storage. */
  readonly type: 'AzureBlob' | 'AmazonS3';
  /** The container or bucket. */
  readonly container: string;
  /**
   * Writes (replaces) one object.
   * @throws `CloudWorksStorageWriteError` when the storage refuses it or cannot be reached.
   * @throws `CloudWorksPeerMissingError` when the storage's client package is not installed.
   */
  put(path: string, content: string | Uint8Array, options?: CallOptions): Promise<void>;
}

/** Options of {@link azureBlobStorage}. */
export interface AzureBlobStorageOptions {
  /** The storage account. */
  accountName: string;
  containerName: string;
  /** A SAS token that may write (`sp` with `c` and `w`); the connection's own may be read-only. Secret. */
  sasToken: string;
  /**
   * The account's blob endpoint, e.g. Azurite's `http://127.0.0.1:10000/devstoreaccount1`.
   * @default `https://<accountName>.blob.core.windows.net`
   */
  endpoint?: string | undefined;
}

/** Options of {@link amazonS3Storage}. */
export interface AmazonS3StorageOptions {
  bucketName: string;
  /** The bucket's AWS region. @default 'us-east-1' */
  region?: string | undefined;
  accessKeyId: string;
  /** Secret. */
  secretAccessKey: string;
  /** For temporary credentials. Secret. */
  sessionToken?: string | undefined;
  /** An S3-compatible endpoint (a local server, MinIO …); path-style addressing is then used. @default AWS */
  endpoint?: string | undefined;
}
