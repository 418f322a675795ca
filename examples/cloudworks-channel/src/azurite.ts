import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';

/** Azurite's well-known development account (public, documented by Microsoft: not a secret). */
const account = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** A SAS version Azurite 3.x knows (the client's default, newer, signs fields it does not). */
const sasVersion = '2021-08-06';

/** A running Azurite blob service with one container and two SAS tokens for it. */
export interface LocalAzurite {
  accountName: string;
  /** The account's blob endpoint, e.g. `http://127.0.0.1:10000/devstoreaccount1`. */
  endpoint: string;
  /** `http://127.0.0.1:<port>/{account}`: where the simulated CloudWorks finds the account. */
  endpointTemplate: string;
  containerName: string;
  /** May read and list: what the CloudWorks connection gets. */
  readSas: string;
  /** May also create and write: what the SDK writes the CSVs with. */
  writeSas: string;
  close(): Promise<void>;
}

/** Where Azurite's blob service is, if the package `azurite` is installed (`npm install azurite`); else undefined. */
function azuriteMain(): string | undefined {
  try {
    return fileURLToPath(new URL('dist/src/blob/main.js', import.meta.resolve('azurite/package.json')));
  } catch {
    return undefined;
  }
}

/**
 * Starts Azurite's blob service in memory on a free loopback port, if it is installed, and makes a container with a
 * read and a write SAS token. Resolves to undefined when Azurite is not installed.
 */
export async function startLocalAzurite(containerName: string): Promise<LocalAzurite | undefined> {
  const main = azuriteMain();
  if (main === undefined) return undefined;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
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
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}): ${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}/${account}`;
  const credential = new StorageSharedKeyCredential(account, accountKey);
  await new BlobServiceClient(endpoint, credential).getContainerClient(containerName).createIfNotExists();
  const sas = (permissions: string) =>
    generateBlobSASQueryParameters(
      {
        containerName,
        permissions: ContainerSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3600_000),
        version: sasVersion,
      },
      credential,
    ).toString();
  return {
    accountName: account,
    endpoint,
    endpointTemplate: `http://127.0.0.1:${port}/{account}`,
    containerName,
    readSas: sas('rl'),
    writeSas: sas('racwl'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
