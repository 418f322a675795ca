/**
 * A `fetch` for tests that lets `rewrite` answer a request in the server's place: it gets the request's URL and a
 * `forward()` that sends it on unchanged. Set `rewrite` to `undefined` to pass everything through.
 */
export interface RewritingFetch {
  fetch: typeof globalThis.fetch;
  rewrite: ((url: URL, forward: () => Promise<Response>) => Promise<Response>) | undefined;
}

export function rewritingFetch(): RewritingFetch {
  const state: RewritingFetch = {
    rewrite: undefined,
    fetch: (input, init) => {
      const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const forward = () => globalThis.fetch(input, init);
      return state.rewrite ? state.rewrite(new URL(href), forward) : forward();
    },
  };
  return state;
}

/** A 200 answer with `body` (bytes or text), as a chunk download would get it. */
export function bytesResponse(body: Uint8Array | string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** A 200 answer with a JSON body. */
export function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}
