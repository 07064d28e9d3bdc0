/**
 * Revisions: an immutable copy of a record after each change, written in the same transaction as
 * the change. Listing and reading them is all the app does besides appending.
 */
import { and, asc, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';

export type EntityType = (typeof t.REVISABLE)[number];
type RevisionEvent = (typeof t.REVISION_EVENTS)[number];

export function writeRevision(
  db: Db,
  revision: {
    entityType: EntityType;
    entityId: number;
    version: number;
    event: RevisionEvent;
    snapshot: unknown;
    authorId: number | null;
    comment?: string;
  },
): number {
  const { id } = db
    .insert(t.revisions)
    .values({
      entityType: revision.entityType,
      entityId: revision.entityId,
      version: revision.version,
      event: revision.event,
      snapshot: JSON.stringify(revision.snapshot),
      authorId: revision.authorId,
      comment: revision.comment ?? '',
    })
    .returning({ id: t.revisions.id })
    .get();
  return id;
}

export type RevisionRow = {
  id: number;
  version: number;
  event: RevisionEvent;
  comment: string;
  createdAt: string;
  authorName: string | null;
  snapshot: string;
};

function selectRevisions(db: Db) {
  return db
    .select({
      id: t.revisions.id,
      version: t.revisions.version,
      event: t.revisions.event,
      comment: t.revisions.comment,
      createdAt: t.revisions.createdAt,
      authorName: t.users.name,
      snapshot: t.revisions.snapshot,
    })
    .from(t.revisions)
    .leftJoin(t.users, eq(t.users.id, t.revisions.authorId));
}

export function listRevisions(db: Db, entityType: EntityType, entityId: number): RevisionRow[] {
  return selectRevisions(db)
    .where(and(eq(t.revisions.entityType, entityType), eq(t.revisions.entityId, entityId)))
    .orderBy(asc(t.revisions.version))
    .all();
}

export function getRevision(db: Db, entityType: EntityType, entityId: number, version: number): RevisionRow | undefined {
  return selectRevisions(db)
    .where(
      and(eq(t.revisions.entityType, entityType), eq(t.revisions.entityId, entityId), eq(t.revisions.version, version)),
    )
    .get();
}

export function getRevisionById(db: Db, id: number): RevisionRow | undefined {
  return selectRevisions(db).where(eq(t.revisions.id, id)).get();
}
