/**
 * The application: middleware, routes and error pages, built around a database handed in, so
 * every test can own its database. `server.ts` is the only caller outside the tests.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { cookiePolicy, loadSession } from './auth/middleware.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { assetRoutes } from './http/assets.js';
import { csrfProtection } from './http/csrf.js';
import { limitBody } from './http/body-limit.js';
import { acceptedOrigins } from './config.js';
import type { AppEnv, Log } from './http/env.js';
import { DomainError } from './errors.js';
import { createPageCache, type NodeHit, type PageCacheOptions } from './http/page-cache.js';
import { writeLogLine } from './ops/log-lines.js';
import { authRoutes } from './routes/auth.js';
import { deskRoutes } from './routes/desk.js';
import { healthRoutes } from './routes/health.js';
import { publicRoutes } from './routes/public.js';
import { searchRoutes } from './routes/search.js';
import { openFormatRoutes } from './routes/open-formats.js';
import { API_BASE, apiRejectsWrites, apiRoutes } from './routes/api.js';
import type { PasswordCost } from './users/service.js';
import { storageErrorCode, explainStorageCode } from './storage/errors.js';
import { keptInput } from './storage/kept-input.js';
import { noteWriteFailed } from './storage/write-health.js';
import { ErrorPage } from '../views/pages/error.js';
import { NotSavedPage } from '../views/pages/not-saved.js';

export type { Log };

type AppOptions = {
  db: Db;
  config: Pick<Config, 'publicOrigin' | 'origin' | 'host' | 'port' | 'session' | 'trustProxy'> & Partial<Pick<Config, 'publisher'>>;
  log?: Log;
  /** Keep rendered public pages until the next publication (on by default; off to measure rendering). */
  cachePages?: boolean;
  /** The page cache's bounds and clock (tests); see src/http/page-cache.ts. */
  pageCacheOptions?: Omit<PageCacheOptions, 'log'>;
  /** scrypt cost; only tests lower it, to keep hundreds of logins fast. */
  passwordCost?: PasswordCost;
};

/** Every request body, forms, htmx posts and archived-source uploads alike (an upload's own text limit is a little lower). */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp({ db, config, log = defaultLog, cachePages = true, pageCacheOptions = {}, passwordCost = {} }: AppOptions) {
  const app = new Hono<AppEnv>();
  const cookie = cookiePolicy(config.publicOrigin);
  const https = config.publicOrigin?.startsWith('https://') ?? false;

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('requestId', c.req.header('X-Request-Id')?.slice(0, 64) || randomUUID());
    await next();
    c.header('X-Request-Id', c.var.requestId);
    log({
      level: 'info',
      msg: 'request',
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.user?.id,
    });
  });

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
      // For old browsers without frame-ancestors: the same answer, never framed (Hono's default is SAMEORIGIN).
      xFrameOptions: 'DENY',
      // HSTS only means something over HTTPS (PUBLIC_ORIGIN=https://…): two years.
      strictTransportSecurity: https ? 'max-age=63072000; includeSubDomains' : false,
    }),
  );

  // The read-only API answers every write with its own JSON 405, before the site's CSRF check.
  app.use(`${API_BASE}/*`, apiRejectsWrites);
  app.use(csrfProtection({ accepted: acceptedOrigins(config) }));
  app.use(
    limitBody({
      maxSize: MAX_BODY_BYTES,
      onTooLarge: (c) => {
        // The rest of the body was not read: the connection cannot carry another request.
        c.header('Connection', 'close');
        return c.html(<ErrorPage status={413} message="What you sent is larger than Claimdesk accepts (1 MB). Nothing was saved." />, 413);
      },
      onUnreadable: (c) => {
        // Malformed framing or a client that hung up: there may be no one left to answer.
        c.header('Connection', 'close');
        return c.html(<ErrorPage status={400} message="What you sent could not be read (it was cut off or malformed). Nothing was saved." />, 400);
      },
    }),
  );

  app.route('/', assetRoutes);
  app.route('/', healthRoutes(db, log));

  // Only the desk and signing in look at the session: public pages are the same for everyone.
  const session = loadSession(db, { cookie, session: config.session, trustProxy: config.trustProxy });
  for (const path of ['/login', '/logout', '/desk', '/desk/*']) app.use(path, session);
  app.route('/', authRoutes(db, { cookie, session: config.session, passwordCost }));
  app.route('/desk', deskRoutes(db, { passwordCost }));

  const publisher = config.publisher ?? { name: 'Claimdesk', url: `${config.origin}/` };
  app.route(API_BASE, apiRoutes(db, { log }));
  app.get('/api', (c) => c.redirect(`${API_BASE}/docs`, 302));
  app.route('/', publicRoutes(db, { origin: config.origin, publisher }));
  app.route('/', searchRoutes(db));
  app.route('/', openFormatRoutes(db, { origin: config.origin, publisher }));

  // On the desk a signed-in user keeps the desk's layout (c.var.user is only read there).
  app.notFound((c) => c.html(<ErrorPage status={404} message="We could not find that page." user={c.var.user} />, 404));

  app.onError(async (error, c) => {
    if (error instanceof DomainError) {
      return c.html(<ErrorPage status={error.status} message={error.message} user={c.var.user} />, error.status);
    }
    const storage = storageErrorCode(error);
    if (storage) {
      // The database could not store this (full disk, read-only, I/O error): say so, and give
      // the person back what they sent.
      const writing = !['GET', 'HEAD'].includes(c.req.method);
      if (writing) noteWriteFailed(db.$client, storage);
      log({
        level: 'error',
        msg: `storage failure: ${explainStorageCode(storage)}`,
        code: storage,
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        error: String(error),
      });
      c.header('Retry-After', '60');
      if (!writing) {
        const message = 'Claimdesk cannot use its database right now. The error has been logged; please try again in a moment.';
        return c.html(<ErrorPage status={503} message={message} user={c.var.user} />, 503);
      }
      return c.html(<NotSavedPage input={await keptInput(c)} user={c.var.user} />, 503);
    }
    log({
      level: 'error',
      msg: 'unhandled error',
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      error: String(error?.stack ?? error),
    });
    return c.html(<ErrorPage status={500} message="The error has been logged. Please try again in a moment." user={c.var.user} />, 500);
  });

  // Without the cache, nothing is kept: every request goes to the app.
  let serveKeptPage: NodeHit = () => false;
  if (cachePages) {
    // In front of everything: a kept page is answered before any middleware runs, on Node's own
    // request and response under a server (serveKeptPage, src/http/serve-app.ts), through fetch
    // in process (app.request).
    const pageCache = createPageCache(db, { ...pageCacheOptions, log });
    const fetch = app.fetch;
    app.fetch = pageCache.wrap(fetch);
    serveKeptPage = pageCache.serveNode;
  }

  return Object.assign(app, { serveKeptPage });
}

function defaultLog(line: Record<string, unknown>) {
  writeLogLine(line);
}
