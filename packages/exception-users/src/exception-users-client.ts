import {
  type ApiError,
  type CallOptions,
  ConfigurationError,
  isApiError,
  type Logger,
  regions,
} from '@anaplan-access/core';
import {
  createClientTransport,
  type RequestOptions,
  type Transport,
  type TransportResponse,
  withAnaplanAuthScheme,
  withCallOptions,
} from '@anaplan-access/core/client';
import { z } from 'zod';
import type { ExceptionUserSearch, ExceptionUserWorkspace } from './exception-user-types.js';
import type { ExceptionUsersClientOptions } from './exception-users-client-options.js';
import { ExceptionUsersPermissionError } from './exception-users-permission-error.js';

const guidPattern = /^[0-9a-f]{32}$/;

const searchResponseSchema = z.object({
  response: z.array(
    z.object({
      workspaceGuid: z.string(),
      workspaceName: z.string(),
      users: z.array(z.object({ userGuid: z.string(), email: z.string() })),
    }),
  ),
});

/** The Administration API base of a region: its Integration API host with `/admin/1/0`. */
function regionBaseUrl(region: unknown): string | undefined {
  const code = region ?? 'us1';
  if (typeof code !== 'string' || !Object.hasOwn(regions, code)) return undefined; // core reports the region
  return regions[code as keyof typeof regions].api.replace(/\/2\/0$/, '/admin/1/0');
}

/** @throws {ConfigurationError} naming `key` when `value` is not a user or workspace id. */
function guid(key: string, value: unknown): string {
  if (typeof value !== 'string' || !guidPattern.test(value))
    throw new ConfigurationError(key, `${key} must be an Anaplan id: 32 lower-case hexadecimal characters`);
  return value;
}

/**
 * A client of Anaplan's Exception Users API: which users may sign in with a password although a workspace enforces
 * SSO. Searching needs any user (the answer covers the workspaces the caller sees); assigning and unassigning need
 * the **Tenant Security Admin** role, and nobody can change their own status. Credentials never go out as `Bearer`
 * (the API refuses it).
 *
 * @example
 * ```ts
 * import { basicAuth } from '@anaplan-access/core';
 * import { ExceptionUsersClient } from '@anaplan-access/exception-users';
 *
 * const exceptions = new ExceptionUsersClient({ auth: basicAuth({ username, password }), region: 'eu3' });
 * const [workspace] = await exceptions.search({ workspaceGuid });
 * if (!workspace?.users.some((user) => user.email === 'break.glass@example.com'))
 *   await exceptions.assign(breakGlassGuid, workspaceGuid);
 * await exceptions.close();
 * ```
 * @throws `ConfigurationError` from the constructor for an unknown or invalid option.
 */
export class ExceptionUsersClient {
  /** The client's logger (scrubbed of secrets by core). */
  readonly logger: Logger;
  readonly #transport: Transport;

  constructor(options: ExceptionUsersClientOptions) {
    const given =
      typeof options === 'object' && options !== null ? options : ({} as ExceptionUsersClientOptions);
    this.#transport = createClientTransport('ExceptionUsersClient', 'api', {
      ...given,
      auth: withAnaplanAuthScheme(given.auth, {
        client: 'ExceptionUsersClient',
        api: 'the Exception Users API',
        apiKeys: 'AnaplanApiKey',
      }),
      baseUrl: given.baseUrl ?? regionBaseUrl(given.region),
    });
    this.logger = this.#transport.logger;
  }

  /** The Administration API base URL requests go to. */
  get baseUrl(): string {
    return this.#transport.baseUrls.api;
  }

  /**
   * The exception users of a workspace (`{ workspaceGuid }`, visitors included), or the workspaces where a user is
   * an exception user (`{ userGuid }`).
   *
   * @example
   * ```ts
   * const workspaces = await exceptions.search({ userGuid });
   * console.log(workspaces.map((workspace) => workspace.workspaceName));
   * ```
   * @throws {ConfigurationError} unless exactly one of `workspaceGuid` and `userGuid` is given, as an Anaplan id.
   * @throws `NotFoundError` for an unknown (or invisible) workspace or user; core's request errors.
   */
  search(criteria: ExceptionUserSearch, options: CallOptions = {}): Promise<ExceptionUserWorkspace[]> {
    const given = (typeof criteria === 'object' && criteria !== null ? criteria : {}) as Record<
      string,
      unknown
    >;
    const keys = Object.keys(given);
    if (keys.length !== 1 || !['workspaceGuid', 'userGuid'].includes(keys[0] ?? ''))
      throw new ConfigurationError(
        'criteria',
        'search() takes exactly one of { workspaceGuid } and { userGuid }',
      );
    const key = keys[0] as 'workspaceGuid' | 'userGuid';
    const json = { [key]: guid(key, given[key]) };
    return withCallOptions(options, async (signal) => {
      const { data } = await this.#send({
        method: 'POST',
        path: '/permissions/exception-users/search',
        json,
        schema: searchResponseSchema,
        // A search changes nothing: safe to repeat.
        idempotent: true,
        signal,
      });
      return (data as z.output<typeof searchResponseSchema>).response;
    });
  }

  /**
   * Makes a user an exception user of an SSO workspace (`PATCH … { op: "assign" }`). Assigning an exception user
   * again changes nothing.
   *
   * @example
   * ```ts
   * await exceptions.assign(breakGlassGuid, workspaceGuid);
   * ```
   * @throws {ConfigurationError} for an id that is not one (key `userGuid` or `workspaceGuid`).
   * @throws {@link ExceptionUsersPermissionError} without the Tenant Security Admin role, or for the caller's own
   *   account; `BadRequestError` for a workspace without SSO or a user outside it; core's request errors.
   */
  assign(userGuid: string, workspaceGuid: string, options: CallOptions = {}): Promise<void> {
    return this.#change('assign', userGuid, workspaceGuid, options);
  }

  /**
   * Removes a user's exception status in a workspace (`PATCH … { op: "unassign" }`): they sign in through SSO again.
   *
   * @example
   * ```ts
   * await exceptions.unassign(formerContractorGuid, workspaceGuid);
   * ```
   * @throws as {@link ExceptionUsersClient.assign}.
   */
  unassign(userGuid: string, workspaceGuid: string, options: CallOptions = {}): Promise<void> {
    return this.#change('unassign', userGuid, workspaceGuid, options);
  }

  /** Ends the session (logs the token out). A later call starts a new one. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  #change(
    op: 'assign' | 'unassign',
    userGuid: string,
    workspaceGuid: string,
    options: CallOptions,
  ): Promise<void> {
    const json = { op, workspaceGuid: guid('workspaceGuid', workspaceGuid) };
    const path = `/permissions/exception-users/users/${guid('userGuid', userGuid)}`;
    return withCallOptions(options, async (signal) => {
      // Setting a status to what it is again is harmless: safe to repeat.
      await this.#send({ method: 'PATCH', path, json, responseType: 'none', idempotent: true, signal });
    });
  }

  async #send(request: Omit<RequestOptions, 'api'>): Promise<TransportResponse<unknown>> {
    try {
      return await this.#transport.request({ ...request, api: 'api' });
    } catch (error) {
      throw isApiError(error) ? toExceptionUsersError(error) : error;
    }
  }
}

/** A 403 becomes an {@link ExceptionUsersPermissionError}; other errors stay core's. */
function toExceptionUsersError(error: ApiError): ApiError {
  if (error.status !== 403) return error;
  return new ExceptionUsersPermissionError({
    status: 403,
    method: error.method,
    url: error.url,
    headers: { ...error.headers },
    body: error.body,
    message:
      `${error.method} ${error.url} was refused (403): changing exception users needs the Tenant Security Admin ` +
      'role, and nobody can change their own exception status',
  });
}
