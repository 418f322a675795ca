// run.sh passes names and paths to Anaplan Connect exactly as configured, whatever characters they hold: a fake
// AnaplanClient.sh that prints its arguments receives each one verbatim, and the script stays valid bash.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportConnectBundle, plan } from '@anaplan-access/reconcile';
import { describe, expect, it } from 'vitest';
import {
  desiredState,
  ids,
  modelAccess,
  desiredUser as person,
  startAccessTenant,
  targetModels,
  tenantSeed,
} from '../helpers/access-tenant.js';

// Everything but a double quote, which run.bat cannot carry (exportConnectBundle refuses it).
const awkward = `Users 'from' HR $HOME \`id\` \\ ; & | * ? {x} %PATH%.csv`;

describe('run.sh quotes what it passes to Anaplan Connect', () => {
  it('hands every configured value over verbatim', async () => {
    const desired = desiredState([
      person('joiner@corp.example', { models: { Budget: modelAccess('Viewer') } }),
    ]);
    const tenant = await startAccessTenant(tenantSeed([]));
    const p = await plan({ desired, target: tenant.target }).finally(() => tenant.close());
    const dir = join(mkdtempSync(join(tmpdir(), 'connect-quoting-')), 'bundle');
    const models = targetModels().map((model) => ({
      ...model,
      usersImport: { ...model.usersImport, importId: awkward.replace('.csv', '') },
      file: awkward,
    }));
    await exportConnectBundle(p, dir, {
      models,
      credentials: { certificate: '/certs/my $cert}.pem', privateKey: "/certs/it's key.pem" },
      service: 'https://api.example.com/`x`',
    });
    const fake = join(dir, '..', 'fake-connect.sh');
    writeFileSync(
      fake,
      '#!/usr/bin/env bash\nprintf "ARG[%s]\\n" "$@"\necho "<<< The operation was successful >>>"\n',
    );
    chmodSync(fake, 0o755);
    const syntax = spawnSync('bash', ['-n', join(dir, 'run.sh')], { encoding: 'utf8' });
    expect(syntax.status, syntax.stderr).toBe(0);
    const run = spawnSync('bash', [join(dir, 'run.sh')], {
      env: { PATH: process.env.PATH ?? '', ANAPLAN_CONNECT: fake, ANAPLAN_KEY_PASSPHRASE: 'pass:$phrase' },
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const expected of [
      awkward,
      awkward.replace('.csv', ''),
      '/certs/my $cert}.pem',
      "/certs/it's key.pem:pass:$phrase",
      'https://api.example.com/`x`',
      ids.budget,
      ids.finance,
    ])
      expect(run.stdout).toContain(`ARG[${expected}]`);

    // cmd.exe expands a call line's percent signs twice, so run.bat quadruples them there (and doubles them elsewhere).
    const bat = readFileSync(join(dir, 'run.bat'), 'utf8');
    const call = bat.split('\r\n').find((line) => line.startsWith('call "%ANAPLAN_CONNECT%"')) ?? '';
    expect(call).toContain('-file "Users \'from\' HR $HOME `id` \\ ; & | * ? {x} %%%%PATH%%%%.csv"');
    const refused = await exportConnectBundle(p, join(dir, '..', 'other'), {
      models: models.map((model) => ({ ...model, file: 'caret^.csv' })),
      credentials: { user: 'x' },
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ key: 'models[0].file' });
  });
});
