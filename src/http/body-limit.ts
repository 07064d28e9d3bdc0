/**
 * Reading a request body under a size limit. Hono's bodyLimit lets a failed read (a malformed
 * chunk, a client that hangs up midway: Node reports "aborted") escape as an unhandled error,
 * a 500 with a stack trace in the log that anyone could provoke. Here a body that cannot be
 * read is the client's fault: a 400, logged as one request line. Oversize stays a 413.
 * Requests that carry no body (GET, HEAD) skip this entirely.
 */
import type { Context, MiddlewareHandler } from 'hono';

export type BodyLimitOptions = {
  maxSize: number;
  onTooLarge: (c: Context) => Response | Promise<Response>;
  onUnreadable: (c: Context) => Response | Promise<Response>;
};

export function limitBody({ maxSize, onTooLarge, onUnreadable }: BodyLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || !c.req.raw.body) return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && !c.req.raw.headers.has('Transfer-Encoding') && Number(declared) > maxSize) return onTooLarge(c);

    const reader = c.req.raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > maxSize) {
          void reader.cancel().catch(() => {});
          return onTooLarge(c);
        }
        chunks.push(value);
      }
    } catch {
      return onUnreadable(c);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    // The body is read once, here: later readers (forms, uploads) get these bytes.
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}
