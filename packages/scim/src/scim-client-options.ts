import type { ClientOptions } from '@anaplan-access/core';

/**
 * Options of {@link ScimClient}: core's {@link ClientOptions}, where `baseUrl` is the SCIM service's (without
 * `/Users`; default: the region's, e.g. `https://api.anaplan.com/scim/1/0/v2`), plus `anaplan`. Every key is
 * checked when the client is built; an unknown key is a `ConfigurationError` naming the valid keys.
 *
 * @example
 * ```ts
 * // Anaplan, with an Anaplan login (the token comes from the auth service of the region):
 * new ScimClient({ region: 'eu3', auth: basicAuth({ username, password }) });
 * // Any SCIM 2.0 server, with a bearer token:
 * new ScimClient({ baseUrl: 'https://idp.example.com/scim/v2', auth: bearerToken(token), anaplan: false });
 * ```
 */
export interface ScimClientOptions extends ClientOptions {
  /**
   * Apply Anaplan's documented limits before sending: page size ≤ 100, only Anaplan's filterable attributes and
   * operators, ≤ 50 workspaces per call, and no PUT that would silently remove every workspace. Turn it off for
   * other SCIM 2.0 servers. @default true
   */
  anaplan?: boolean | undefined;
}
