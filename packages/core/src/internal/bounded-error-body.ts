// Tests: ../transport/response-limits.test.ts, ../errors/errors.test.ts

/** Most bytes of an error body read for the error to quote (an `ApiError` keeps 64 KB of it). */
export const maxErrorBodyBytes = 1024 * 1024;

/** Statuses whose responses cannot carry a body. */
const bodiless = new Set([101, 103, 204, 205, 304]);

/** When an error body was cut, and why; the note is appended to what was read. */
function cutNote(reason: string): Uint8Array {
  return new TextEncoder().encode(`… [response body cut: ${reason}]`);
}

/**
 * The same response, whose body, when the status is not 2xx, ends after `limitBytes` bytes or at `deadline` (a
 * `performance.now()` time), whichever comes first, with a note saying it was cut. A body whose `Content-Length` is
 * over the limit is not read at all. ky reads the body of an error response itself to build its `HTTPError`; this
 * keeps that read bounded in size and time, so a huge or endless error body becomes a shortened one, never a failure
 * of its own.
 *
 * @example
 * ```ts
 * const response = boundErrorBody(await fetch(url), 1024 * 1024, performance.now() + 30_000);
 * ```
 */
export function boundErrorBody(response: Response, limitBytes: number, deadline: number): Response {
  if (response.ok || response.body === null || bodiless.has(response.status)) return response;
  const source = response.body;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  let body: ReadableStream<Uint8Array>;
  if (!encoded && declared > limitBytes) {
    void source.cancel().catch(() => undefined);
    body = new ReadableStream({
      start(controller) {
        controller.enqueue(
          cutNote(`${declared} bytes declared, over the ${limitBytes}-byte limit, not read`),
        );
        controller.close();
      },
    });
  } else body = boundedStream(source, limitBytes, deadline);
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function boundedStream(
  source: ReadableStream<Uint8Array>,
  limitBytes: number,
  deadline: number,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let received = 0;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, note?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (note !== undefined) {
      controller.enqueue(cutNote(note));
      void reader.cancel().catch(() => undefined);
    }
    controller.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(
        () => finish(controller, 'not complete within the timeout'),
        Math.max(0, deadline - performance.now()),
      );
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        finish(controller, 'the connection failed while it was read');
        return;
      }
      if (finished) return;
      if (chunk.done) {
        finish(controller);
        return;
      }
      const room = limitBytes - received;
      if (chunk.value.byteLength > room) {
        controller.enqueue(chunk.value.subarray(0, room));
        finish(controller, `over the ${limitBytes}-byte limit`);
        return;
      }
      received += chunk.value.byteLength;
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      finished = true;
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}
