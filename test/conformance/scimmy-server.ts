import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

/**
 * A real third-party SCIM 2.0 server for the conformance suite: scimmy + scimmy-routers on Express 4, with an
 * in-memory user store, bearer authentication, and switches for server behaviours seen in the wild.
 */
export interface ScimmyServerOptions {
  /** The bearer token the server accepts. */
  token: string;
  /** Caps `count` (scimmy itself honours any count), as servers with a maximum page size do. */
  maxPageSize?: number;
  /** Drops `startIndex` from list requests, so every request gets page 1 (a broken server). */
  ignoreStartIndex?: boolean;
}

/** A running scimmy server. */
export interface ScimmyServer {
  /** SCIM base URL, e.g. `http://127.0.0.1:1234/scim/v2`. */
  url: string;
  /** The stored users by id (plain JSON as scimmy returned it). */
  store: Map<string, Record<string, unknown>>;
  /** Every request received: method and path with query. */
  requests: { method: string; url: string }[];
  /** Adds users directly to the store (fast seeding). */
  seed(users: Record<string, unknown>[]): void;
  close(): Promise<void>;
}

interface StoreContext {
  store: Map<string, Record<string, unknown>>;
}

/** SCIMMY's resource declarations are process-wide; the per-server store arrives through the request context. */
let declared = false;

function declareUsers(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .egress((resource, context?: StoreContext) => {
      const store = context!.store;
      if (resource.id !== undefined) {
        const user = store.get(resource.id);
        if (user === undefined)
          throw new SCIMMY.Types.Error(404, null as never, `Resource ${resource.id} not found`);
        return structuredClone(user) as never;
      }
      const all = [...store.values()].map((user) => structuredClone(user));
      return (resource.filter ? resource.filter.match(all) : all) as never;
    })
    .ingress((resource, instance, context?: StoreContext) => {
      const store = context!.store;
      const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
      const userName = String(data['userName'] ?? '').toLowerCase();
      const clash = [...store.values()].find(
        (user) => String(user['userName']).toLowerCase() === userName && user['id'] !== resource.id,
      );
      if (clash)
        throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(data['userName'])} is taken`);
      const now = new Date().toISOString();
      if (resource.id !== undefined) {
        const existing = store.get(resource.id);
        if (!existing) throw new SCIMMY.Types.Error(404, null as never, `Resource ${resource.id} not found`);
        const meta = { ...(existing['meta'] as object), lastModified: now };
        const updated = { ...data, id: resource.id, meta };
        store.set(resource.id, updated);
        return structuredClone(updated) as never;
      }
      const id = randomUUID();
      const created = { ...data, id, meta: { resourceType: 'User', created: now, lastModified: now } };
      store.set(id, created);
      return structuredClone(created) as never;
    })
    .degress((resource, context?: StoreContext) => {
      if (resource.id === undefined || !context!.store.delete(resource.id)) {
        throw new SCIMMY.Types.Error(404, null as never, `Resource ${resource.id} not found`);
      }
    });
}

/** Starts scimmy on 127.0.0.1 and a random port. */
export async function startScimmyServer(options: ScimmyServerOptions): Promise<ScimmyServer> {
  declareUsers();
  const store = new Map<string, Record<string, unknown>>();
  const requests: { method: string; url: string }[] = [];
  const app = express();
  const quirks = (request: Request, _response: Response, next: NextFunction): void => {
    requests.push({ method: request.method, url: request.originalUrl });
    const query = request.query as Record<string, unknown>;
    const isUserList = request.method === 'GET' && /^\/Users\/?$/.test(request.path);
    if (!isUserList) {
      next();
      return;
    }
    if (options.ignoreStartIndex) delete query['startIndex'];
    if (options.maxPageSize !== undefined) {
      const asked = Number(query['count'] ?? options.maxPageSize);
      query['count'] = String(
        Math.min(Number.isNaN(asked) ? options.maxPageSize : asked, options.maxPageSize),
      );
    }
    next();
  };
  const routers = new SCIMMYRouters({
    type: 'bearer',
    handler: (request) => {
      if (request.header('Authorization') !== `Bearer ${options.token}`)
        throw new Error('Invalid bearer token');
      return 'conformance-admin';
    },
    context: (): StoreContext => ({ store }),
  });
  app.use('/scim/v2', quirks, routers);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    store,
    requests,
    seed(users) {
      const now = new Date().toISOString();
      for (const user of users) {
        const id = randomUUID();
        store.set(id, {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          ...user,
          id,
          meta: { resourceType: 'User', created: now, lastModified: now },
        });
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
