import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificate } from './auth/test-certificate.js';
import { type CliOutput, runCli } from './cli.js';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = join(packageDirectory, '..', '..');
const builtCli = join(packageDirectory, 'dist', 'cli.js');

const tenant = {
  tenant: { name: 'CLI Tenant' },
  users: [{ userName: 'admin@example.com', password: 'pw', roles: ['USER_ADMIN'] }],
  workspaces: [{ id: '8a81b09d599f3c6e0159f605560c2630', name: 'Main' }],
};
const basic = `Basic ${Buffer.from('admin@example.com:pw').toString('base64')}`;

let directory: string;
function seedFile(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function capture(): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (line) => out.push(line), error: (line) => err.push(line) };
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'anaplan-sim-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('runCli', () => {
  it('starts the simulator from a seed file and prints its URLs', async () => {
    const output = capture();
    const { exitCode, simulator } = await runCli(
      ['--seed', seedFile('tenant.json', tenant), '--token-ttl-ms', '60000'],
      output,
    );
    expect(exitCode).toBe(0);
    if (!simulator) throw new Error('no simulator');
    try {
      const text = output.out.join('\n');
      expect(text).toContain(`listening on ${simulator.baseUrl}`);
      expect(text).toContain('CLI Tenant (1 users, 1 workspaces, 0 models)');
      expect(text).toContain(`${simulator.authUrl}/token/authenticate`);
      expect(text).toContain(simulator.apiUrl);
      expect(text).toContain(simulator.scimUrl);
      expect(output.err).toEqual([]);
      const before = Date.now();
      const response = await fetch(`${simulator.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(response.status).toBe(201);
      const { tokenInfo } = (await response.json()) as { tokenInfo: { expiresAt: number } };
      expect(tokenInfo.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
      expect(tokenInfo.expiresAt).toBeLessThan(before + 120_000);
    } finally {
      await simulator.close();
    }
  });

  it('applies --latency-ms, --rate-limit and --port', async () => {
    const port = await freePort();
    const output = capture();
    const { simulator } = await runCli(
      [
        '--seed',
        seedFile('tenant.json', tenant),
        '--port',
        String(port),
        '--latency-ms',
        '100',
        '--rate-limit',
        '1',
      ],
      output,
    );
    if (!simulator) throw new Error(output.err.join('\n'));
    try {
      expect(simulator.baseUrl).toBe(`http://127.0.0.1:${port}`);
      const startedAt = performance.now();
      const first = await fetch(`${simulator.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(first.status).toBe(201);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(90);
      const second = await fetch(`${simulator.authUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(second.status).toBe(429);
    } finally {
      await simulator.close();
    }
  });

  it('prints the usage for --help', async () => {
    const output = capture();
    expect(await runCli(['--help'], output)).toEqual({ exitCode: 0 });
    expect(output.out.join('\n')).toContain('Usage: anaplan-sim --seed <tenant.json>');
  });

  it.each([
    [[], /--seed <file> is required/],
    [['--seed'], /--seed/],
    [['--seed', 'x.json', '--bogus'], /Unknown option '--bogus'/],
    [['--seed', 'x.json', 'extra'], /positional/],
    [['--seed', 'x.json', '--port', 'http'], /--port must be a whole number from 0 to 65535, got "http"/],
    [['--seed', 'x.json', '--port', '70000'], /--port must be a whole number/],
    [['--seed', 'x.json', '--token-ttl-ms', '0'], /--token-ttl-ms must be a whole number from 1/],
    [['--seed', 'x.json', '--rate-limit', '-1'], /--rate-limit/],
    [['--seed', 'x.json', '--state-file='], /--state-file needs a file path/],
  ])('refuses the arguments %j with exit code 2', async (argv, message) => {
    const output = capture();
    const result = await runCli(argv, output);
    expect(result).toEqual({ exitCode: 2 });
    expect(output.err.join('\n')).toMatch(message);
  });

  it.each([
    ['a missing file', undefined, /cannot read seed file .*missing\.json: no such file/],
    ['a file that is not JSON', '{ "users": [', /is not valid JSON/],
    ['JSON with a bare word', '{"users": [{"userName": "a@b.c", "password": hunter2}]}', /not valid JSON$/],
    [
      'JSON with a missing comma',
      '{"users": []\n "x": 1}',
      /not valid JSON \(at position 14 \(line 2 column 2\)\)$/,
    ],
    ['a top level that is not an object', '[]', /the top level must be a JSON object/],
    ['a misspelt collection', { user: [] }, /user is not a known field \(known: tenant, users,/],
    ['users that is not an array', { users: {} }, /users must be an array of objects/],
    ['a user without userName', { users: [{ password: 'pw' }] }, /users\[0\]\.userName is required/],
    [
      'a misspelt user field',
      { users: [{ userName: 'a@b.c', pasword: 'pw' }] },
      /users\[0\]\.pasword is not a known field/,
    ],
    [
      'a password that is a number',
      { users: [{ userName: 'a@b.c', password: 1234 }] },
      /users\[0\]\.password must be a string/,
    ],
    [
      'a certificate that is not PEM',
      { users: [{ userName: 'a@b.c', certificate: 'abc' }] },
      /users\[0\]\.certificate is not a PEM certificate/,
    ],
    [
      'an OAuth client without userName',
      { oauthClients: [{ clientId: 'c' }] },
      /oauthClients\[0\]\.userName is required/,
    ],
    ['a model without workspaceId', { models: [{ name: 'M' }] }, /models\[0\]\.workspaceId is required/],
    [
      'a duplicate user',
      { users: [{ userName: 'a@b.c' }, { userName: 'A@b.c' }] },
      /duplicate userName A@b\.c/,
    ],
    [
      'an unknown workspace',
      { users: [{ userName: 'a@b.c', workspaces: ['nope'] }] },
      /unknown workspace nope/,
    ],
  ])('refuses %s with exit code 1 and a message naming the problem', async (_case, content, message) => {
    const path = content === undefined ? join(directory, 'missing.json') : seedFile('bad.json', content);
    const output = capture();
    const result = await runCli(['--seed', path], output);
    expect(result).toEqual({ exitCode: 1 });
    expect(output.err).toHaveLength(1);
    expect(output.err[0]).toMatch(/^anaplan-sim: /);
    expect(output.err[0]).toMatch(message);
    expect(output.err[0]).not.toContain('hunter2');
  });

  it('accepts a user certificate made by createTestCertificate', async () => {
    const { certificate } = createTestCertificate();
    const output = capture();
    const { simulator } = await runCli(
      ['--seed', seedFile('cert.json', { users: [{ userName: 'cert@example.com', certificate }] })],
      output,
    );
    expect(output.err).toEqual([]);
    await simulator?.close();
  });

  it('keeps the tenant in --state-file and prints where', async () => {
    const stateFile = join(directory, 'run-state.json');
    const output = capture();
    const { simulator } = await runCli(
      ['--seed', seedFile('tenant.json', tenant), '--state-file', stateFile],
      output,
    );
    if (!simulator) throw new Error(output.err.join('\n'));
    await simulator.close();
    expect(output.out).toContain(`  state:  ${stateFile}`);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({
      format: 'anaplan-sim-state',
      tenant: { name: 'CLI Tenant' },
    });
  });

  it.each([
    [
      'a state file that is not JSON',
      '{"format": "anaplan-sim-state", "ver',
      /state file .*\.json is not valid JSON/,
    ],
    [
      'a state file of another version',
      '{"format": "anaplan-sim-state", "version": 99}',
      /has version 99, and this anaplan-sim reads version 1; delete it to start again from the seed$/,
    ],
    ['a JSON file that is no state file', '{"users": []}', /is not an anaplan-sim state file/],
  ])('refuses %s with exit code 1 and a message naming it', async (_case, content, message) => {
    const output = capture();
    const result = await runCli(
      ['--seed', seedFile('tenant.json', tenant), '--state-file', seedFile('bad-state.json', content)],
      output,
    );
    expect(result).toEqual({ exitCode: 1 });
    expect(output.err).toHaveLength(1);
    expect(output.err[0]).toMatch(/^anaplan-sim: state file /);
    expect(output.err[0]).toMatch(message);
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const output = capture();
      const result = await runCli(
        ['--seed', seedFile('tenant.json', tenant), '--port', String(port)],
        output,
      );
      expect(result).toEqual({ exitCode: 1 });
      expect(output.err[0]).toBe(`anaplan-sim: port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('the built anaplan-sim binary', () => {
  beforeAll(() => {
    if (!isBuildCurrent()) {
      try {
        execFileSync(
          process.execPath,
          [join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-b', packageDirectory],
          {
            cwd: repositoryRoot,
            stdio: 'pipe',
          },
        );
      } catch {
        // Type errors elsewhere still emit JavaScript; the tests below fail if dist/cli.js is unusable.
      }
    }
  }, 120_000);

  it('starts with a shebang, prints the URLs, serves requests and stops on SIGTERM', async () => {
    expect(readFileSync(builtCli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const child = spawn(process.execPath, [builtCli, '--seed', seedFile('tenant.json', tenant)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const stdout = await readUntil(child, 'Press Ctrl+C to stop.');
      const baseUrl = baseUrlOf(stdout);
      expect(stdout).toContain(`${baseUrl}/scim/1/0/v2`);
      expect(stdout).toContain(`${baseUrl}/2/0`);
      const response = await fetch(`${baseUrl}/token/authenticate`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(response.status).toBe(201);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('keeps the tenant in --state-file from one process to the next', async () => {
    const stateFile = join(directory, 'two-processes.json');
    const args = [builtCli, '--seed', seedFile('tenant.json', tenant), '--state-file', stateFile];
    const first = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let created: { id: string; userName: string };
    try {
      const firstUrl = baseUrlOf(await readUntil(first, 'Press Ctrl+C to stop.'));
      const response = await fetch(`${firstUrl}/scim/1/0/v2/Users`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'jane.doe@example.com',
          name: { givenName: 'Jane', familyName: 'Doe' },
        }),
      });
      expect(response.status).toBe(201);
      created = (await response.json()) as { id: string; userName: string };
    } finally {
      // Killed without a chance to write anything more: the change was written before it was answered.
      first.kill('SIGKILL');
    }

    const second = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const stdout = await readUntil(second, 'Press Ctrl+C to stop.');
      expect(stdout).toContain('CLI Tenant (2 users, 1 workspaces, 0 models)');
      const filter = encodeURIComponent('userName eq "jane.doe@example.com"');
      const found = await fetch(`${baseUrlOf(stdout)}/scim/1/0/v2/Users?filter=${filter}`, {
        headers: { authorization: basic },
      });
      expect(found.status).toBe(200);
      const { Resources } = (await found.json()) as { Resources: { id: string; userName: string }[] };
      expect(Resources.map(({ id, userName }) => ({ id, userName }))).toEqual([
        { id: created.id, userName: created.userName },
      ]);
      const exited = new Promise<number | null>((resolve) => second.once('exit', (code) => resolve(code)));
      second.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      second.kill('SIGKILL');
    }
  });

  it('exits with 1 and names the problem for a state file of another version', async () => {
    const stateFile = seedFile('old-state.json', { format: 'anaplan-sim-state', version: 0 });
    const child = spawn(
      process.execPath,
      [builtCli, '--seed', seedFile('tenant.json', tenant), '--state-file', stateFile],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      `anaplan-sim: state file ${stateFile} has version 0, and this anaplan-sim reads version 1`,
    );
  });

  it('exits with 1 and names the problem for a bad seed file', async () => {
    const child = spawn(process.execPath, [builtCli, '--seed', seedFile('bad.json', { users: 'x' })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/users must be an array of objects/);
  });
});

function isBuildCurrent(): boolean {
  if (!existsSync(builtCli)) return false;
  const builtAt = statSync(builtCli).mtimeMs;
  const sources = readdirSync(join(packageDirectory, 'src'), { recursive: true, encoding: 'utf8' });
  return sources
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .every((file) => statSync(join(packageDirectory, 'src', file)).mtimeMs <= builtAt);
}

function baseUrlOf(stdout: string): string {
  const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
  if (baseUrl === undefined) throw new Error(`no URL in: ${stdout}`);
  return baseUrl;
}

function readUntil(child: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(marker)) resolve(text);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`anaplan-sim exited with ${code}: ${errors}`)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
