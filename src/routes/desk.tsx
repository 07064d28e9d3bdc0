/**
 * The newsroom desk under /desk: every route needs a signed-in user; each area checks its own
 * permissions. Areas live in their own route modules.
 */
import { Hono } from 'hono';
import { requireUser } from '../auth/middleware.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http/env.js';
import type { PasswordCost } from '../users/service.js';
import { dashboard } from '../claims/desk-lists.js';
import { DashboardPage } from '../../views/desk/dashboard.js';
import { auditRoutes } from './desk-audit.js';
import { importRoutes } from './desk-import.js';
import { claimDeskRoutes } from './desk-claims.js';
import { claimWordsRoutes } from './desk-renderings.js';
import { provenanceRoutes } from './desk-provenance.js';
import { recordRoutes } from './desk-records.js';
import { reviewRoutes } from './desk-review.js';
import { deskSearchRoutes } from './search.js';
import { userAdminRoutes } from './desk-users.js';

export function deskRoutes(db: Db, options: { passwordCost: PasswordCost }) {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireUser);
  routes.get('/', (c) => {
    const notice = c.req.query('password-changed') !== undefined ? 'Your password has been changed. Other devices signed in as you have been signed out.' : undefined;
    return c.html(<DashboardPage user={c.var.user!} data={dashboard(db, c.var.user!)} notice={notice} />);
  });
  routes.route('/claims', claimDeskRoutes(db));
  routes.route('/claims', claimWordsRoutes(db));
  routes.route('/review', reviewRoutes(db));
  routes.route('/users', userAdminRoutes(db, options));
  routes.route('/audit', auditRoutes(db));
  routes.route('/search', deskSearchRoutes(db));
  routes.route('/import', importRoutes(db));
  routes.route('/', provenanceRoutes(db));
  routes.route('/', recordRoutes(db));
  return routes;
}
