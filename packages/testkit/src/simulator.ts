// Tests: ./faults.test.ts, ./cli.test.ts, ./scim/scim-access.test.ts

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerAdminUserRoutes } from './administration/admin-user-routes.js';
import { SimAuditLog } from './audit/audit-log.js';
import { auditPathPrefix, registerAuditRoutes } from './audit/audit-routes.js';
import { SimulatorUi } from './audit/simulator-ui.js';
import { type DeviceDecision, decideDeviceAuthorizations } from './auth/device-authorizations.js';
import { registerAuthRoutes } from './auth/routes.js';
import { type CloudWorksOptions, registerCloudWorksRoutes } from './cloudworks/routes.js';
import { adminPathPrefix, registerExceptionUserRoutes } from './exception-users/exception-routes.js';
import { Faults, type RequestRecord } from './faults.js';
import { registerIntegrationRoutes } from './integration/routes.js';
import type { SimulatorContext } from './internal/context.js';
import { sendJson } from './internal/respond.js';
import { Router } from './internal/router.js';
import { sendError } from './internal/send-error.js';
import { StateFile } from './internal/state-file.js';
import { registerScimRoutes } from './scim/routes.js';
import type { TenantSeed } from './seed.js';
import { type SimulatorSwitches, TenantState } from './state.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** The tenant to start with. @default an empty tenant */
  seed?: TenantSeed;
  /** Port to listen on. @default 0 (a random free port) */
  port?: number;
  /** Lifetime of auth-service tokens in ms. @default 2100000 (35 minutes) */
  tokenTtlMs?: number;
  /** Latency added to every request, in ms. @default 0 */
  latencyMs?: number;
  /** Requests per second above which the simulator answers 429 with `Retry-After`. @default unlimited */
  rateLimit?: number;
  /** Behaviour switches where the real API's behaviour is not documented. */
  switches?: Partial<SimulatorSwitches>;
  /** Largest request body accepted, in bytes. @default 104857600 (100 MB) */
  maxBodyBytes?: number;
  /**
   * A JSON file that keeps the tenant between processes, so that a plan made in one process sees what an apply in
   * another wrote. When the file exists (and is not empty) the tenant is read from it instead of from `seed`;
   * otherwise it starts from `seed` and the file is created. It is written again, atomically (a temporary file
   * renamed over it), before the answer to any request that changed the tenant goes out, and on `close()`.
   *
   * It keeps the tenant's settings, users (with their SCIM `meta`), workspaces and administrators, and models (roles,
   * lists, Users lists, saved actions). It holds no credential: passwords, certificates, OAuth clients and API keys
   * always come from `seed`. Sessions and tokens, device authorizations, uploaded files, tasks and failure dumps last
   * only as long as the process. One simulator at a time per file: two running at once would each overwrite the
   * other's changes. Delete the file to start again from the seed.
   * @default none: the tenant lives in memory only
   */
  stateFile?: string;
  /** The CloudWorks API: where connections' storage is (Azurite, a local S3 server), the integration cap. */
  cloudWorks?: CloudWorksOptions;
}

/** A running simulator. */
export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Base of the auth service (`/token/...`). */
  readonly authUrl: string;
  /** Base of the OAuth service (`/oauth/...`). */
  readonly oauthUrl: string;
  /** Base of the Integration API (`.../2/0`). */
  readonly apiUrl: string;
  /** Base of the SCIM API (`.../scim/1/0/v2`). */
  readonly scimUrl: string;
  /** Base of the CloudWorks API (`.../cloudworks/2/0`). */
  readonly cloudWorksUrl: string;
  /** Base of the Audit API (`.../audit/api/1`): the `baseUrl` of an `AuditClient`. */
  readonly auditUrl: string;
  /** Base of the Administration API (`.../admin/1/0`), where the Exception Users API lives. */
  readonly adminUrl: string;
  /** The tenant's audit trail, as the Audit API serves it; `setEventTime` places the events that follow in time. */
  readonly audit: SimAuditLog;
  /** Hand edits in the Anaplan UI (a model role, Workspace Administrator, an SSO exception …), each audited. */
  readonly ui: SimulatorUi;
  /** The in-memory tenant. */
  readonly state: TenantState;
  /** Fault injection. */
  readonly faults: Faults;
  /** Every request handled so far, oldest first. */
  readonly requests: RequestRecord[];
  /** Moves the simulator's clock forward (tokens expire, tasks age) without waiting. */
  advanceTime(ms: number): void;
  /**
   * Decides a pending OAuth device authorization, as the person at the verification page would. After `approve`,
   * the next poll of `/oauth/token` (no sooner than `interval` after the previous one) gets tokens for the OAuth
   * client's user; after `deny` it gets `access_denied`. `userCode` is the `user_code` of `/oauth/device/code`
   * (case and dashes do not matter); `'all'` decides every pending authorization.
   *
   * @example
   * ```ts
   * const { user_code } = await (await fetch(`${sim.oauthUrl}/oauth/device/code`, { method: 'POST', body })).json();
   * sim.approveDevice(user_code);
   * ```
   * @returns how many authorizations were decided
   * @throws Error when a specific `userCode` names no pending authorization
   */
  approveDevice(userCode: string, decision?: DeviceDecision): number;
  /**
   * Stops listening and drops open connections, then writes the `stateFile` (if any) with changes made through
   * `state` since the last request.
   * @throws Error when a write of the `stateFile` failed, now or during a request (that request's connection was
   *   dropped instead of answered).
   */
  close(): Promise<void>;
}

/**
 * Starts a simulated Anaplan tenant on 127.0.0.1 and a random port.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: { users: [{ userName: 'admin@example.com', password: 'pw', roles: ['USER_ADMIN'] }] } });
 * // … point a client at sim.authUrl / sim.apiUrl / sim.scimUrl …
 * await sim.close();
 * ```
 * @throws Error when `stateFile` cannot be read or written, is not a state file of this version, or the seed is
 *   inconsistent (a duplicate user, an unknown workspace); the error of the server when the port is taken.
 * @group Simulator
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const stateFile = options.stateFile === undefined ? undefined : new StateFile(options.stateFile);
  const state = stateFile
    ? stateFile.load(options.seed, options.switches)
    : new TenantState(options.seed, options.switches);
  /** The first write of the state file that failed; `close()` reports it. */
  let stateFileFailure: unknown;
  /** Writes the state file if there is one and the tenant changed; false when that failed. */
  const keepState = (): boolean => {
    try {
      stateFile?.save(state);
      return true;
    } catch (error) {
      stateFileFailure ??= error;
      return false;
    }
  };
  const faults = new Faults();
  if (options.latencyMs) faults.latency({ ms: options.latencyMs });
  if (options.rateLimit) faults.rateLimit({ requestsPerSecond: options.rateLimit });
  const requests: RequestRecord[] = [];
  const maxBodyBytes = options.maxBodyBytes ?? 100 * 1024 * 1024;
  let clockOffset = 0;
  let baseUrl = '';
  const context: SimulatorContext = {
    state,
    faults,
    baseUrl: () => baseUrl,
    now: () => Date.now() + clockOffset,
    tokenTtlMs: options.tokenTtlMs ?? 35 * 60 * 1000,
    audit: new SimAuditLog(() => Date.now() + clockOffset),
  };
  const router = new Router();
  registerAuthRoutes(router, context);
  registerScimRoutes(router, context);
  registerIntegrationRoutes(router, context);
  registerCloudWorksRoutes(router, context, options.cloudWorks);
  registerAuditRoutes(router, context);
  registerExceptionUserRoutes(router, context);
  registerAdminUserRoutes(router, context);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { status: { code: 500, message: String(error) } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const path = url.pathname;
    const authorization = request.headers.authorization;
    const record: RequestRecord = {
      method,
      path,
      query: url.search,
      status: 0,
      authScheme: authorization?.split(' ')[0],
      startedAt,
      durationMs: 0,
    };
    requests.push(record);
    response.on('finish', () => {
      record.status = response.statusCode;
      record.durationMs = Date.now() - startedAt;
    });
    response.on('close', () => {
      record.durationMs = Date.now() - startedAt;
    });

    const reset = faults.takeReset(method, path);
    if (reset && reset.afterBodyBytes === undefined && !reset.afterHandling) {
      request.socket.destroy();
      return;
    }
    let received = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (reset?.afterBodyBytes !== undefined && received >= reset.afterBodyBytes) {
        request.socket.destroy();
        return;
      }
      if (received > maxBodyBytes) {
        sendJson(response, 413, { status: { code: 413, message: 'Request body too large' } });
        request.socket.destroy();
        return;
      }
      chunks.push(chunk);
    }
    const delay = faults.latencyFor(method, path);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (request.socket.destroyed) return;

    const forced = faults.takeStatus(method, path);
    if (forced) {
      const headers: Record<string, string> = {};
      if (forced.retryAfter !== undefined) headers['retry-after'] = String(forced.retryAfter);
      if (forced.body !== undefined) sendJson(response, forced.status, forced.body, headers);
      else sendError(response, path, forced.status, 'Injected fault', headers);
      return;
    }
    const wait = faults.checkRate(method, path, context.now());
    if (wait !== undefined) {
      sendError(response, path, 429, 'Too Many Requests', { 'retry-after': String(wait) });
      return;
    }

    const found = router.match(method, path);
    if (found === undefined) {
      sendError(response, path, 404, `No route for ${path}`);
      return;
    }
    if (found === 'method-not-allowed') {
      sendError(response, path, 405, 'Method Not Allowed');
      return;
    }
    if (stateFile) {
      // Written before the first byte of the answer, so that whoever saw the answer finds the change in the file.
      const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
      response.writeHead = ((...args: unknown[]) => {
        // A change that could not be kept gets no answer that says it was made: the connection is dropped.
        if (!keepState()) response.destroy();
        return writeHead(...args);
      }) as typeof response.writeHead;
    }
    if (reset?.afterHandling) {
      // The handler runs and changes the state; its answer is thrown away with the connection.
      const drop = () => {
        request.socket.destroy();
        return response;
      };
      response.writeHead = drop as never;
      response.write = (() => true) as never;
      response.end = drop as never;
    }
    await found.handler({
      request,
      response,
      method,
      path,
      url,
      params: found.params,
      body: Buffer.concat(chunks),
    });
    keepState();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    authUrl: baseUrl,
    oauthUrl: baseUrl,
    apiUrl: `${baseUrl}/2/0`,
    scimUrl: `${baseUrl}/scim/1/0/v2`,
    cloudWorksUrl: `${baseUrl}/cloudworks/2/0`,
    auditUrl: `${baseUrl}${auditPathPrefix}`,
    adminUrl: `${baseUrl}${adminPathPrefix}`,
    audit: context.audit,
    ui: new SimulatorUi(context),
    state,
    faults,
    requests,
    advanceTime(ms: number) {
      clockOffset += ms;
    },
    approveDevice: (userCode: string, decision: DeviceDecision = 'approve') =>
      decideDeviceAuthorizations(state, userCode, decision),
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      // Changes made through `state` rather than over HTTP are kept too.
      keepState();
      if (stateFileFailure !== undefined) throw stateFileFailure;
    },
  };
}
