/**
 * Signing in and out, and changing one's password. A login always issues a new session token
 * (no fixation), ending any session the browser came with.
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { clearSessionCookie, redirect, requireUser, setSessionCookie, type CookiePolicy } from '../auth/middleware.js';
import { signOut, startSession, type SessionPolicy } from '../auth/sessions.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http/env.js';
import { one, readForm, safeNext } from '../http/form.js';
import { authenticate, changePassword, type PasswordCost } from '../users/service.js';
import { REFUSAL_STATUS } from '../users/outcome.js';
import { LoginPage, PasswordPage } from '../../views/desk/login.js';

export function authRoutes(
  db: Db,
  options: { cookie: CookiePolicy; session: SessionPolicy; passwordCost: PasswordCost },
) {
  const routes = new Hono<AppEnv>();

  routes.get('/login', (c) => {
    c.header('Cache-Control', 'no-store');
    if (c.var.user) return redirect(c, '/desk');
    return c.html(<LoginPage next={c.req.query('next')} notice={c.req.query('signed-out') !== undefined ? 'You have signed out.' : undefined} />);
  });

  routes.post('/login', async (c) => {
    c.header('Cache-Control', 'no-store');
    const form = await readForm(c);
    const email = one(form, 'email');
    const password = one(form, 'password');
    const next = one(form, 'next');
    if (!email || !password) {
      return c.html(<LoginPage email={email} next={next} error="Enter your email and password." />, 422);
    }
    const result = await authenticate(db, { email, password, ip: c.var.clientIp }, options.passwordCost);
    if (!result.ok) {
      const message =
        result.reason === 'throttled'
          ? 'Too many failed attempts. Wait 15 minutes, then try again.'
          : 'That email and password do not match an account.';
      return c.html(<LoginPage email={email} next={next} error={message} />, result.reason === 'throttled' ? 429 : 401);
    }
    // A new token at every login; the session the browser came with (if any) ends.
    const previous = getCookie(c, options.cookie.name);
    const token = startSession(db, result.user.id, options.session, { ip: c.var.clientIp, userAgent: c.req.header('User-Agent') ?? '' }, previous);
    setSessionCookie(c, options.cookie, token, options.session.maxHours * 3600);
    return redirect(c, result.user.mustChangePassword ? '/desk/password' : safeNext(next));
  });

  routes.post('/logout', (c) => {
    const user = c.var.user;
    if (user) signOut(db, user, c.var.clientIp);
    clearSessionCookie(c, options.cookie);
    return redirect(c, '/login?signed-out');
  });

  routes.get('/desk/password', requireUser, (c) => c.html(<PasswordPage user={c.var.user!} />));

  routes.post('/desk/password', requireUser, async (c) => {
    const user = c.var.user!;
    const form = await readForm(c);
    // The form asks for the new password twice; a client that sends it once is not a typo risk.
    const confirm = form.confirm ? one(form, 'confirm') : undefined;
    const outcome = await changePassword(db, user.id, { current: one(form, 'current'), next: one(form, 'next'), confirm }, options.passwordCost, {
      sessionId: user.sessionId,
      ip: c.var.clientIp,
    });
    if (outcome.kind !== 'saved') return c.html(<PasswordPage user={user} errors={outcome.errors} />, REFUSAL_STATUS[outcome.reason]);
    return redirect(c, '/desk?password-changed');
  });

  return routes;
}
