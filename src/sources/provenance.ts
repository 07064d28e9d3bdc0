/**
 * What the desk's archive and suggestion screens read about a source, and who may re-capture it.
 */
import { asc, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can, type Actor } from '../auth/permissions.js';
import type { Db } from '../db.js';
import { Forbidden, NotFound } from '../errors.js';
import { isSourcePublic } from '../publication/visibility.js';

/** The title line of a source's desk screens, or NotFound. */
export function sourceHeader(db: Db, id: number) {
  const source = db.select({ id: t.sources.id, title: t.sources.title, publisher: t.sources.publisher }).from(t.sources).where(eq(t.sources.id, id)).get();
  if (!source) throw new NotFound('There is no such source.');
  return source;
}

/** Every story, by title: the stories a suggested claim could belong to. */
export function storyChoices(db: Db) {
  return db.select({ id: t.stories.id, title: t.stories.title }).from(t.stories).orderBy(asc(t.stories.title)).all();
}

/** A story that already cites this source (the likeliest home for a claim suggested from it). */
export function storyCitingSource(db: Db, sourceId: number): number | undefined {
  return db
    .select({ storyId: t.claims.storyId })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .where(eq(t.citations.sourceId, sourceId))
    .limit(1)
    .get()?.storyId;
}

/** Re-capturing a source readers can see changes public pages: editors only, as for its fields. */
export function assertMayCapture(db: Db, actor: Actor | null | undefined, sourceId: number): void {
  const permission = isSourcePublic(db, sourceId) ? 'edit:record:published' : 'edit:record:unpublished';
  if (!can(actor, permission)) throw new Forbidden('Only an editor can re-capture a source readers can already see.');
}
