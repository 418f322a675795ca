import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestCertificate, startSimulator } from '@anaplan-access/testkit';
import { describe, expect, it } from 'vitest';
import { isAccessWrite } from '../faults/audit-check.js';
import { faultSeed } from '../faults/fault-tenant.js';
import { auditFile } from '../faults/run-scenario.js';
import { admin } from '../helpers/access-tenant.js';

const child = fileURLToPath(new URL('./certificate-child.ts', import.meta.url));
const hooks = fileURLToPath(new URL('../faults/source-hooks.mjs', import.meta.url));

describe('certificates and private keys are never written anywhere; nothing is written without an audit entry', () => {
  it('a certificateAuth reconcile writes only its audit log, which holds no key material', {
    timeout: 30_000,
  }, async () => {
    const certificate = createTestCertificate({ commonName: 'integration' });
    const passphrase = 'KEY-passphrase-40d2e1';
    const privateKey = createPrivateKey(certificate.privateKey).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    }) as string;
    const seed = faultSeed();
    const integration = seed.users?.find((user) => user.userName === admin.userName);
    if (integration) integration.certificate = certificate.certificate;
    const sim = await startSimulator({ seed });
    const auditPath = auditFile('key-material');
    const directory = dirname(auditPath);
    try {
      const urls = JSON.stringify({ authUrl: sim.authUrl, apiUrl: sim.apiUrl, scimUrl: sim.scimUrl });
      const env = {
        ...process.env,
        TEST_CERTIFICATE: certificate.certificate,
        TEST_PRIVATE_KEY: privateKey,
        TEST_PASSPHRASE: passphrase,
      };
      const run = async (writable: string) => {
        const running = spawn(
          process.execPath,
          [
            '--permission',
            '--allow-fs-read=*',
            `--allow-fs-write=${writable}`,
            '--disable-warning=ExperimentalWarning',
            '--import',
            hooks,
            child,
            urls,
            auditPath,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'], env },
        );
        let text = '';
        running.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        running.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        return { code: await new Promise<number | null>((resolve) => running.on('exit', resolve)), text };
      };
      // The sandbox works: where the audit log may not be written, the run fails.
      const sandboxed = await run(dirname(auditFile('elsewhere')));
      expect(sandboxed.code).not.toBe(0);
      expect(sandboxed.text).toMatch(/ERR_ACCESS_DENIED/);
      // …and, its audit log refused, it sent no write at all.
      expect(sim.requests.filter(isAccessWrite)).toEqual([]);
      const { code, text: output } = await run(directory);
      expect(code, output).toBe(0);
      expect(output).toMatch(/^succeeded/);
      expect(sim.requests.some((record) => record.authScheme === 'CACertificate')).toBe(true);

      const secrets = [
        passphrase,
        ...[privateKey, certificate.privateKey].flatMap((pem) =>
          pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
        ),
      ];
      const written = readdirSync(directory).map((name) => readFileSync(join(directory, name), 'latin1'));
      expect(written.length).toBe(1);
      for (const text of [...written, output]) {
        expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
        for (const secret of secrets) expect(text.includes(secret)).toBe(false);
      }
    } finally {
      await sim.close();
    }
  });
});
