/** The storage services CloudWorks connects to. */
export type CloudWorksConnectionType = 'AmazonS3' | 'AzureBlob' | 'GoogleBigQuery' | (string & {});

/** An Amazon S3 connection to create or update: the access key pair of an IAM user that may read the bucket. */
export interface AmazonS3ConnectionInput {
  type: 'AmazonS3';
  /** Unique connection name. */
  name: string;
  accessKeyId: string;
  /** Secret: sent, never returned by the API, never shown in an error. */
  secretAccessKey: string;
  bucketName: string;
  /** An IAM role to assume (optional). */
  roleArn?: string | undefined;
  /** The workspace of the models it serves: required for a Restricted Integration User. */
  workspaceId?: string | undefined;
}

/** An Azure Blob Storage connection with a SAS token (container-level, Read and List). */
export interface AzureBlobConnectionInput {
  type: 'AzureBlob';
  /** Unique connection name. */
  name: string;
  storageAccountName: string;
  containerName: string;
  /** Secret: the SAS token (`sp=rl&…&sig=…`), sent as `auth_method: "SAS-based"`; never shown in an error. */
  sasToken: string;
  /** The workspace of the models it serves: required for a Restricted Integration User. */
  workspaceId?: string | undefined;
}

/** A Google BigQuery connection: a service account key and a dataset. */
export interface GoogleBigQueryConnectionInput {
  type: 'GoogleBigQuery';
  /** Unique connection name. */
  name: string;
  dataset: string;
  /** Secret: the service account key JSON (its fields as Google writes them); never shown in an error. */
  serviceAccountKey: Record<string, unknown>;
  /** The workspace of the models it serves: required for a Restricted Integration User. */
  workspaceId?: string | undefined;
}

/** A connection to create or update (`PUT` needs the whole of it, credentials included). */
export type CloudWorksConnectionInput =
  | AmazonS3ConnectionInput
  | AzureBlobConnectionInput
  | GoogleBigQueryConnectionInput;

/** A connection as `GET /integrations/connections` lists it. Credentials are never part of it. */
export interface CloudWorksConnection {
  /** 32 lower-case hex characters. */
  connectionId: string;
  connectionType: CloudWorksConnectionType;
  /** `body.name`. */
  name: string;
  /** The type's fields (`storageAccountName`, `containerName`, `bucketName`, `authMethod` …), secrets removed. */
  body: Record<string, unknown>;
  /** `1` healthy, `0` in error (then see `integrationErrorCode`). */
  status: number | undefined;
  integrationErrorCode: number | undefined;
  workspaceId: string | undefined;
  /** `SAS-based` for an Azure SAS connection. */
  authMethod: string | undefined;
  creationDate: string | undefined;
  modificationDate: string | undefined;
  createdBy: string | undefined;
  modifiedBy: string | undefined;
}

/** What {@link ConnectionsResource.ensure} did. */
export interface CloudWorksEnsuredConnection {
  connectionId: string;
  /** `created`: there was none of that name; `updated`: `replace: true` sent the input again; `kept`: left as it was. */
  action: 'created' | 'updated' | 'kept';
}
