/**
 * The application: middleware, routes and error pages, built around a database handed in, so
 * every test can own its database. `server.ts` is the only caller outside the tests.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from './db.js';
import { assetRoutes } from './http/assets.js';
import { DomainError } from './http/errors.js';
import { createPageCache } from './http/page-cache.js';
import { healthRoutes } from './routes/health.js';
import { publicRoutes } from './routes/public.js';
import { ErrorPage } from '../views/pages/error.js';

export type AppOptions = {
  db: Db;
  log?: (line: Record<string, unknown>) => void;
  /** Keep rendered public pages until the next publication (on by default; off to measure rendering). */
  cachePages?: boolean;
};

export function createApp({ db, log = defaultLog, cachePages = true }: AppOptions) {
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      // HSTS is only meaningful over HTTPS; sent there by the proxy or when TLS is configured.
      strictTransportSecurity: false,
    }),
  );

  app.route('/', assetRoutes);
  app.route('/', healthRoutes(db));

  if (cachePages) {
    const pageCache = createPageCache(db);
    for (const path of ['/', '/stories/*', '/parties/*', '/claims/*', '/sources/*']) app.use(path, pageCache.middleware);
  }
  app.route('/', publicRoutes(db));

  app.notFound((c) => c.html(<ErrorPage status={404} message="We could not find that page." />, 404));

  app.onError((error, c) => {
    if (error instanceof DomainError) {
      return c.html(<ErrorPage status={error.status} message={error.message} />, error.status);
    }
    log({ level: 'error', msg: 'unhandled error', method: c.req.method, path: c.req.path, error: String(error?.stack ?? error) });
    return c.html(
      <ErrorPage status={500} message="The error has been logged. Please try again in a moment." />,
      500,
    );
  });

  return app;
}

function defaultLog(line: Record<string, unknown>) {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}
