/**
 * Stopping the HTTP server on a signal: no new connections, idle keep-alive connections closed at
 * once, requests in flight allowed to finish until a deadline. A request still running at the
 * deadline is cut off and logged (method and path), and the stop reports it, so that the exit
 * status can tell a clean stop from one that lost work.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Log } from './env.js';

type StopResult = { cutOff: number };

export function gracefulShutdown(server: Server, options: { timeoutMs: number; log: Log }) {
  const inFlight = new Set<IncomingMessage>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // Answered already (a kept page, written synchronously): nothing is left to wait for.
    if (response.writableEnded) return;
    inFlight.add(request);
    response.on('close', () => inFlight.delete(request));
  });

  let stopping: Promise<StopResult> | undefined;
  const stop = (): Promise<StopResult> =>
    (stopping ??= new Promise<StopResult>((resolve) => {
      let settled = false;
      const finish = (cutOff: number) => {
        if (settled) return;
        settled = true;
        clearInterval(idleSweep);
        clearTimeout(deadline);
        resolve({ cutOff });
      };
      server.close(() => finish(0));
      // A connection whose request finishes after close() would stay open as keep-alive until it
      // times out: close each as soon as it is idle.
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      const deadline = setTimeout(() => {
        const cut = [...inFlight];
        for (const request of cut) {
          options.log({
            level: 'error',
            msg: `shutdown deadline (${options.timeoutMs / 1000} s): request cut off: ${request.method} ${pathOf(request)}`,
            method: request.method,
            path: pathOf(request),
          });
        }
        server.closeAllConnections();
        finish(cut.length);
      }, options.timeoutMs);
    }));

  return { stop, inFlight: () => inFlight.size };
}

/** The path alone: a query string is not logged. */
function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0]!.slice(0, 500);
}
