/**
 * The audit log: logins, failed logins, role changes, publishing, retractions, overrides. Written
 * in the same transaction as the action it records; never updated or deleted by the app.
 */
import { desc, eq, lt } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';

export type AuditAction = (typeof t.AUDIT_ACTIONS)[number];

export function recordEvent(
  db: Db,
  event: {
    action: AuditAction;
    actorId: number | null;
    targetType?: string;
    targetId?: number | null;
    detail?: Record<string, unknown>;
    ip?: string;
  },
): void {
  db.insert(t.auditEvents)
    .values({
      action: event.action,
      actorId: event.actorId,
      targetType: event.targetType ?? '',
      targetId: event.targetId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      ip: (event.ip ?? '').slice(0, 100),
    })
    .run();
}

export type AuditEntry = {
  id: number;
  at: string;
  action: AuditAction;
  actorName: string | null;
  targetType: string;
  targetId: number | null;
  detail: Record<string, unknown>;
  ip: string;
};

/** The newest events first, a page at a time (`before` is the last id of the previous page). */
export function listEvents(db: Db, options: { before?: number; limit?: number } = {}): AuditEntry[] {
  const rows = db
    .select({
      id: t.auditEvents.id,
      at: t.auditEvents.at,
      action: t.auditEvents.action,
      actorName: t.users.name,
      targetType: t.auditEvents.targetType,
      targetId: t.auditEvents.targetId,
      detail: t.auditEvents.detail,
      ip: t.auditEvents.ip,
    })
    .from(t.auditEvents)
    .leftJoin(t.users, eq(t.users.id, t.auditEvents.actorId))
    .where(options.before ? lt(t.auditEvents.id, options.before) : undefined)
    .orderBy(desc(t.auditEvents.id))
    .limit(options.limit ?? 100)
    .all();
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
