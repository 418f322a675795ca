#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readSeedFile, SeedFileError } from './internal/seed-file.js';
import { StateFileError } from './internal/state-file.js';
import { type Simulator, startSimulator } from './simulator.js';

const usage = `Usage: anaplan-sim --seed <tenant.json> [--state-file <state.json>] [--port <n>] [--token-ttl-ms <n>] [--latency-ms <n>] [--rate-limit <n>]

Starts a simulated Anaplan tenant (auth, OAuth, Integration API, SCIM) on 127.0.0.1 until Ctrl+C.

  --seed <file>         JSON tenant seed (users, workspaces, models, oauthClients, apiKeys)
  --state-file <file>   keep the tenant in this JSON file between runs: read at start when it exists (the seed
                        then gives only the credentials), written after every change; one simulator per file
  --port <n>            port to listen on (default: 0, a free port)
  --token-ttl-ms <n>    lifetime of auth tokens in ms (default: 2100000, 35 minutes)
  --latency-ms <n>      latency added to every request in ms (default: 0)
  --rate-limit <n>      requests per second before 429 + Retry-After (default: unlimited)
  -h, --help            show this help`;

/** Where {@link runCli} writes; the default is the console. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** What {@link runCli} ended with: an exit code, and the running simulator when it started one. */
export interface CliResult {
  exitCode: number;
  /** The running simulator; the caller stops it with `close()`. */
  simulator?: Simulator;
}

interface NumericRange {
  minimum: number;
  maximum: number;
}

const numericOptions = {
  port: { minimum: 0, maximum: 65_535 },
  'token-ttl-ms': { minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  'latency-ms': { minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  'rate-limit': { minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
} satisfies Record<string, NumericRange>;

const consoleOutput: CliOutput = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

/**
 * The `anaplan-sim` command without the process around it: parses `argv` (the arguments after the script name),
 * reads and checks the seed file (and the state file, with `--state-file`), starts the simulator and prints its
 * URLs. Bad arguments, a bad seed or a bad state file print a message naming the problem and give exit code 1 (2
 * for usage errors); `--help` gives 0 and no simulator.
 *
 * @example
 * ```ts
 * const { exitCode, simulator } = await runCli(['--seed', 'tenant.json', '--port', '8080']);
 * await simulator?.close();
 * ```
 */
export async function runCli(argv: readonly string[], output: CliOutput = consoleOutput): Promise<CliResult> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        seed: { type: 'string' },
        'state-file': { type: 'string' },
        port: { type: 'string' },
        'token-ttl-ms': { type: 'string' },
        'latency-ms': { type: 'string' },
        'rate-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    output.error(`anaplan-sim: ${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (values.help) {
    output.log(usage);
    return { exitCode: 0 };
  }
  const seedPath = values.seed;
  if (typeof seedPath !== 'string') {
    output.error(`anaplan-sim: --seed <file> is required\n\n${usage}`);
    return { exitCode: 2 };
  }
  const stateFile = values['state-file'];
  if (stateFile === '') {
    output.error(`anaplan-sim: --state-file needs a file path\n\n${usage}`);
    return { exitCode: 2 };
  }
  const numbers: Partial<Record<keyof typeof numericOptions, number>> = {};
  for (const [name, range] of Object.entries(numericOptions) as [
    keyof typeof numericOptions,
    NumericRange,
  ][]) {
    const text = values[name];
    if (typeof text !== 'string') continue;
    const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(number >= range.minimum && number <= range.maximum)) {
      output.error(
        `anaplan-sim: --${name} must be a whole number from ${range.minimum} to ${range.maximum}, got "${text}"`,
      );
      return { exitCode: 2 };
    }
    numbers[name] = number;
  }

  let simulator: Simulator;
  try {
    const seed = await readSeedFile(seedPath);
    simulator = await startSimulator({
      seed,
      port: numbers.port ?? 0,
      tokenTtlMs: numbers['token-ttl-ms'],
      latencyMs: numbers['latency-ms'],
      rateLimit: numbers['rate-limit'],
      ...(typeof stateFile === 'string' ? { stateFile } : {}),
    });
  } catch (error) {
    output.error(`anaplan-sim: ${describeStartFailure(error, seedPath, numbers.port)}`);
    return { exitCode: 1 };
  }
  const { state } = simulator;
  output.log(`Anaplan simulator listening on ${simulator.baseUrl}`);
  output.log(
    `  tenant: ${state.name} (${state.users.size} users, ${state.workspaces.size} workspaces, ${state.models.size} models)`,
  );
  output.log(`  auth:   ${simulator.authUrl}/token/authenticate`);
  output.log(`  oauth:  ${simulator.oauthUrl}/oauth/token`);
  output.log(`  api:    ${simulator.apiUrl}`);
  output.log(`  scim:   ${simulator.scimUrl}`);
  if (typeof stateFile === 'string') output.log(`  state:  ${stateFile}`);
  output.log('Press Ctrl+C to stop.');
  return { exitCode: 0, simulator };
}

function describeStartFailure(error: unknown, seedPath: string, port: number | undefined): string {
  if (error instanceof SeedFileError || error instanceof StateFileError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}`;
  const message = error instanceof Error ? error.message : String(error);
  // The tenant state refuses inconsistent seeds (duplicate users, unknown workspaces) with `Seed: …`.
  if (message.startsWith('Seed: ')) return `seed file ${seedPath}: ${message.slice('Seed: '.length)}`;
  return `could not start: ${message}`;
}

async function main(): Promise<void> {
  const { exitCode, simulator } = await runCli(process.argv.slice(2));
  if (!simulator) {
    process.exitCode = exitCode;
    return;
  }
  const stop = (signal: NodeJS.Signals) => {
    simulator.close().then(
      () => {
        console.log(`anaplan-sim: stopped (${signal})`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`anaplan-sim: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
