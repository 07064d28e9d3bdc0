/**
 * Authentication on every request: the session cookie, if any, becomes `c.var.user`. Desk routes
 * then require a user (else the login page) and a permission (else 403).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db.js';
import { Forbidden } from '../errors.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { isHtmxRequest } from '../http/htmx.js';
import { can } from './permissions.js';
import { validateSession, type SessionPolicy } from './sessions.js';

export type CookiePolicy = { name: string; secure: boolean };

/** `__Host-` pins the cookie to our host, path / and HTTPS; it needs Secure, so only over HTTPS. */
export function cookiePolicy(publicOrigin: string | undefined): CookiePolicy {
  const secure = publicOrigin?.startsWith('https://') ?? false;
  return { name: secure ? '__Host-claimdesk_session' : 'claimdesk_session', secure };
}

export function setSessionCookie(c: AppContext, policy: CookiePolicy, token: string, maxAgeSeconds: number) {
  setCookie(c, policy.name, token, {
    path: '/',
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'Lax',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: AppContext, policy: CookiePolicy) {
  deleteCookie(c, policy.name, { path: '/', secure: policy.secure });
}

export function clientAddress(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; anything to its left came from the client and can be
    // forged (a forged address would dodge the login throttle), so take the last entry.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function loadSession(
  db: Db,
  options: { cookie: CookiePolicy; session: SessionPolicy; trustProxy: boolean },
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('clientIp', clientAddress(c, options.trustProxy));
    const token = getCookie(c, options.cookie.name);
    const user = token ? validateSession(db, token, options.session) : null;
    if (token && !user) clearSessionCookie(c, options.cookie);
    c.set('user', user);
    return next();
  };
}

/** Desk pages: a user who is signed in, has chosen their own password, and may view the desk. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  const user = c.var.user;
  if (!user) {
    const next_ = encodeURIComponent(c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/desk');
    return redirect(c, `/login?next=${next_}`);
  }
  if (user.mustChangePassword && c.req.path !== '/desk/password') return redirect(c, '/desk/password');
  if (!can(user, 'view:desk')) throw new Forbidden();
  return next();
};

/** A redirect htmx follows as a full page load (it would otherwise swap the target page in). */
export function redirect(c: AppContext, location: string) {
  if (isHtmxRequest(c.req.raw.headers)) {
    c.header('HX-Redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
