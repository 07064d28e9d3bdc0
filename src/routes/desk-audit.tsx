/**
 * `/desk/audit`, for editors and admins (`view:audit`): the audit log, newest first, 100 events
 * a page; `?before=<id>` shows the page older than that event. Users named as targets are looked
 * up once per page, so a row shows the name, not a number.
 */
import { Hono } from 'hono';
import { listEvents } from '../audit/log.js';
import { can } from '../auth/permissions.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http/env.js';
import { Forbidden, Invalid } from '../errors.js';
import { positiveInt } from '../lib/fields.js';
import { listUsers } from '../users/service.js';
import { AuditPage } from '../../views/desk/audit.js';

export const AUDIT_PAGE_SIZE = 100;

function parseBefore(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const id = positiveInt(value);
  if (id === null) throw new Invalid('“before” must be the number of an event, as in the “Older” link.');
  return id;
}

export function auditRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  routes.use('*', async (c, next) => {
    if (!can(c.var.user, 'view:audit')) throw new Forbidden('Only editors and admins can read the audit log.');
    return next();
  });

  routes.get('/', (c) => {
    const before = parseBefore(c.req.query('before'));
    // One more than a page: if it comes back, there is an older page.
    const events = listEvents(db, { before, limit: AUDIT_PAGE_SIZE + 1 });
    const page = events.slice(0, AUDIT_PAGE_SIZE);
    const names = page.some((e) => e.targetType === 'user') ? new Map(listUsers(db).map((u) => [u.id, u.name])) : new Map();
    const rows = page.map((e) => ({
      ...e,
      targetName: e.targetType === 'user' && e.targetId !== null ? (names.get(e.targetId) ?? null) : null,
    }));
    const older = events.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null;
    return c.html(<AuditPage user={c.var.user!} rows={rows} older={older} paged={before !== undefined} />);
  });

  return routes;
}
