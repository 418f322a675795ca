// Tests: ./scim-access.test.ts, ./user-writes.test.ts, ./list-users.test.ts

import { recordUserChanges, snapshotUser } from '../audit/user-changes.js';
import type { SimulatorContext } from '../internal/context.js';
import type { RouteContext, RouteHandler, Router } from '../internal/router.js';
import type { SimUser } from '../state.js';
import { resourceTypesList, schemasList, serviceProviderConfig, userResourceType } from './discovery.js';
import { listUsers } from './list-users.js';
import { requireUserAdmin } from './scim-caller.js';
import { ScimRequestError, sendScim, sendScimError } from './scim-response.js';
import { scimBaseUrl, scimPathPrefix, scimUrns } from './urns.js';
import { createUser, findUser, patchUser, readJsonObject, replaceUser } from './user-handlers.js';
import { toScimUser, userLocation } from './user-representation.js';
import { userSchemaResource } from './user-schema.js';
import { sendUserWrite } from './user-write-response.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Paths that exist, with the methods they answer (anything else on them is 405). */
const knownEndpoints: { pattern: RegExp; allow: string }[] = [
  { pattern: /^\/Users\/?$/, allow: 'GET, POST' },
  { pattern: /^\/Users\/[^/]+\/?$/, allow: 'GET, PUT, PATCH, DELETE' },
  { pattern: /^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/, allow: 'GET' },
];

/** Answers a client asking for something other than JSON with 406, as the Apiary error table documents. */
function acceptsJson(accept: string | undefined): boolean {
  return accept === undefined || accept.trim() === '' || /json|\*\/\*|application\/\*/i.test(accept);
}

/** Wraps a SCIM handler: 406 check, and {@link ScimRequestError} → SCIM Error body. */
function scimRoute(handler: RouteHandler): RouteHandler {
  return async (route: RouteContext) => {
    try {
      if (!acceptsJson(route.request.headers.accept))
        throw new ScimRequestError(
          406,
          'Only application/scim+json and application/json responses are available',
        );
      await handler(route);
    } catch (error) {
      if (!(error instanceof ScimRequestError)) throw error;
      sendScimError(route.response, error.status, error.detail, error.scimType, error.headers);
    }
  };
}

/**
 * Registers Anaplan's SCIM 2.0 API under `/scim/1/0/v2`: `/Users` (list, create, get, replace, patch; DELETE is
 * 501), and the public `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas`. `/Bulk`, `/Me` and `/.search`
 * answer 501; `/Groups` and any other path answer 404, all with SCIM Error bodies.
 */
export function registerScimRoutes(router: Router, context: SimulatorContext): void {
  const { state } = context;
  const base = () => scimBaseUrl(context.baseUrl());
  const on = (method: string, path: string, handler: RouteHandler) =>
    router.on(method, `${scimPathPrefix}${path}`, scimRoute(handler));
  const adminOnly =
    (handler: (route: RouteContext, caller: SimUser) => void | Promise<void>): RouteHandler =>
    (route) =>
      handler(route, requireUserAdmin(context, route.request));

  on('GET', '/ServiceProviderConfig', ({ response }) =>
    sendScim(response, 200, serviceProviderConfig(base())),
  );
  on('GET', '/ResourceTypes', ({ response }) => sendScim(response, 200, resourceTypesList(base())));
  on('GET', '/ResourceTypes/:id', ({ response, params }) => {
    if (params['id'] !== 'User') throw new ScimRequestError(404, `Resource type ${params['id']} not found`);
    sendScim(response, 200, userResourceType(base()));
  });
  on('GET', '/Schemas', ({ response }) => sendScim(response, 200, schemasList(base())));
  on('GET', '/Schemas/:id', ({ response, params }) => {
    if (params['id'] !== scimUrns.user) throw new ScimRequestError(404, `Schema ${params['id']} not found`);
    sendScim(response, 200, userSchemaResource(base()));
  });

  const unsupported = (what: string) => () => {
    throw new ScimRequestError(501, `${what} is not supported`);
  };
  on('POST', '/Users/.search', unsupported('POST /Users/.search'));
  on('POST', '/.search', unsupported('POST /.search'));
  for (const method of methods) {
    on(method, '/Bulk', unsupported('/Bulk'));
    on(method, '/Me', unsupported('/Me'));
  }

  on(
    'GET',
    '/Users',
    adminOnly(({ response, url }) => sendScim(response, 200, listUsers(state, url, base()))),
  );
  on(
    'POST',
    '/Users',
    adminOnly(({ response, body }, caller) => {
      const { user, changes } = createUser(state, readJsonObject(body));
      recordUserChanges(context, caller.id, undefined, user);
      sendUserWrite(response, state, base(), user, changes, state.switches.scimCreateStatus);
    }),
  );
  on(
    'GET',
    '/Users/:id',
    adminOnly(({ response, params }) => {
      const user = findUser(state, params['id'] ?? '');
      sendScim(response, 200, toScimUser(user, state, base()), { location: userLocation(base(), user.id) });
    }),
  );
  on(
    'PUT',
    '/Users/:id',
    adminOnly(({ response, params, body }, caller) => {
      const user = findUser(state, params['id'] ?? '');
      const before = snapshotUser(user);
      const { changes } = replaceUser(state, user, readJsonObject(body));
      recordUserChanges(context, caller.id, before, user);
      sendUserWrite(response, state, base(), user, changes, 200);
    }),
  );
  on(
    'PATCH',
    '/Users/:id',
    adminOnly(({ response, params, body }, caller) => {
      const user = findUser(state, params['id'] ?? '');
      const before = snapshotUser(user);
      const { changes } = patchUser(state, user, readJsonObject(body));
      recordUserChanges(context, caller.id, before, user);
      sendUserWrite(response, state, base(), user, changes, 200);
    }),
  );
  on(
    'DELETE',
    '/Users/:id',
    adminOnly(() => {
      throw new ScimRequestError(
        501,
        'DELETE is not supported; deactivate the user (active=false) or remove its entitlements instead',
      );
    }),
  );

  const fallback: RouteHandler = ({ path, method }) => {
    const relative = path.slice(scimPathPrefix.length) || '/';
    const known = knownEndpoints.find((endpoint) => endpoint.pattern.test(relative));
    if (known)
      throw new ScimRequestError(405, `${method} is not allowed on ${relative}`, undefined, {
        allow: known.allow,
      });
    throw new ScimRequestError(404, `${relative} is not a SCIM endpoint of this service provider`);
  };
  // The router has no wildcard: cover paths up to six segments deep.
  const depths = [
    '',
    '/:s1',
    '/:s1/:s2',
    '/:s1/:s2/:s3',
    '/:s1/:s2/:s3/:s4',
    '/:s1/:s2/:s3/:s4/:s5',
    '/:s1/:s2/:s3/:s4/:s5/:s6',
  ];
  for (const method of methods) for (const pattern of depths) on(method, pattern, fallback);
}
