/**
 * The app on Node's HTTP server. A request for a page the cache keeps is answered from the cache
 * on Node's own request and response (`serveKeptPage`), before @hono/node-server builds a Request
 * and turns a Response back into a write: on a hit that adapter was most of the cost left beside
 * the bytes (decision 030). Everything else, misses included, goes through the adapter to Hono.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { NodeHit } from './page-cache.js';

export type ServableApp = {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  serveKeptPage: NodeHit;
};

export type ServeOptions = { port: number; hostname: string; serverOptions?: ServerOptions };

/**
 * `app` is a function so that a caller may listen before it builds the app (a test that must
 * know its port to configure the app's origin).
 */
export function serveApp(app: () => ServableApp, options: ServeOptions, onListening?: (info: AddressInfo) => void): Server {
  const withKeptPages = (serverOptions: ServerOptions, listener: RequestListener) =>
    createServer(serverOptions, (request: IncomingMessage, response: ServerResponse) => {
      if (!app().serveKeptPage(request, response)) listener(request, response);
    });
  return serve(
    {
      fetch: (request, env) => app().fetch(request, env),
      port: options.port,
      hostname: options.hostname,
      serverOptions: options.serverOptions ?? {},
      createServer: withKeptPages as typeof createServer,
    },
    onListening,
  ) as Server;
}
