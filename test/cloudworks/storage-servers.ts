// Real storage servers for the CloudWorks tests, on loopback: Azurite (Microsoft's Azure Storage emulator, blob
// service, in memory) in a child process, and s3rver (an S3-compatible server, files in a temporary folder) in
// this process. Containers and buckets are created with the official clients.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import S3rver from 's3rver';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Azurite's well-known development account. */
const azuriteAccount = 'devstoreaccount1';
/** A SAS version Azurite 3.37 knows (the client's default, newer, signs fields Azurite does not). */
const sasVersion = '2021-08-06';
const azuriteKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite blob service. */
export interface Azurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1`: the account's blob endpoint. */
  readonly endpoint: string;
  /** `http://127.0.0.1:<port>/{account}`, for the simulator's `cloudWorks.storage.azureBlob`. */
  readonly endpointTemplate: string;
  readonly accountName: string;
  /** Creates a container and returns a container SAS token with these permissions (`rl`, `racwdl` …). */
  container(name: string, permissions: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts Azurite's blob service in memory on a free loopback port. */
export async function startAzurite(): Promise<Azurite> {
  const child: ChildProcess = spawn(
    join(root, 'node_modules/.bin/node'),
    [
      join(root, 'node_modules/azurite/dist/src/blob/main.js'),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--disableProductStyleUrl',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}): ${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}/${azuriteAccount}`;
  const credential = new StorageSharedKeyCredential(azuriteAccount, azuriteKey);
  const service = new BlobServiceClient(endpoint, credential);
  return {
    endpoint,
    endpointTemplate: `http://127.0.0.1:${port}/{account}`,
    accountName: azuriteAccount,
    async container(name, permissions) {
      await service.getContainerClient(name).createIfNotExists();
      return generateBlobSASQueryParameters(
        {
          containerName: name,
          permissions: ContainerSASPermissions.parse(permissions),
          expiresOn: new Date(Date.now() + 3600_000),
          version: sasVersion,
        },
        credential,
      ).toString();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A running S3-compatible server. */
export interface S3Server {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The server's key pair (s3rver accepts this one and checks the signatures made with it). */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Creates a bucket. */
  bucket(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts s3rver on a free loopback port, its files in a temporary folder. */
export async function startS3Server(): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'anaplan-access-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const keys = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    ...keys,
    async bucket(name) {
      const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: keys });
      try {
        await client.send(new CreateBucketCommand({ Bucket: name }));
      } finally {
        client.destroy();
      }
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
