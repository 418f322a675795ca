// Tests: ../integration/model-routes.test.ts, ../scim/scim-access.test.ts

import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler receives: the parsed request and helpers to answer it. */
export interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly method: string;
  /** Path without the query string, percent-decoded per segment. */
  readonly path: string;
  readonly url: URL;
  /** Named `:params` of the matched pattern. */
  readonly params: Record<string, string>;
  /** The raw request body (already read in full). */
  readonly body: Buffer;
}

export type RouteHandler = (context: RouteContext) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/**
 * A tiny method + path router. Patterns use `:name` segments, e.g. `/2/0/models/:modelId/files/:fileId`.
 * `match` tells "no such path" (404) apart from "path exists, method not allowed" (405).
 */
export class Router {
  readonly #routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.#routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: Record<string, string> } | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}
