/**
 * Cross-site request forgery check for every state-changing request, whatever its content type
 * (forms, htmx, JSON). Hono's `csrf()` checks form content types only; this checks all of them.
 * A browser sends `Sec-Fetch-Site` and/or `Origin` with every POST: the request passes when they
 * say it comes from our own origin. A request with neither is refused: it is not from a browser
 * page of ours. Session cookies are also `SameSite=Lax`.
 */
import type { MiddlewareHandler } from 'hono';
import { Forbidden } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `accepted`: config.origin (and its loopback aliases, see acceptedOrigins); never the Host header. */
export function csrfProtection(options: { accepted: ReadonlySet<string> }): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const siteOk = site === undefined || site === 'same-origin';
    const originOk = origin === undefined ? site === 'same-origin' : options.accepted.has(origin);
    if (!siteOk || !originOk) {
      throw new Forbidden(
        'This form was not sent from a Claimdesk page, so nothing was changed. Reload the page and try again.',
      );
    }
    return next();
  };
}
