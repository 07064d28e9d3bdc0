/**
 * Reading a source for its public page. A source is public once a published claim cites it;
 * the page lists only the published claims that rest on it.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { claimSummaryColumns, isPublic } from '../claims/queries.js';
import type { Db } from '../db.js';

export function sourcePage(db: Db, sourceId: number) {
  const source = db.select().from(t.sources).where(eq(t.sources.id, sourceId)).get();
  if (!source) return undefined;
  const citing = db
    .select({
      ...claimSummaryColumns,
      role: t.citations.role,
      passage: t.citations.passage,
      story: { slug: t.stories.slug, title: t.stories.title },
    })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId))
    .where(and(eq(t.citations.sourceId, sourceId), isPublic))
    .orderBy(asc(t.claims.saidOn), asc(t.claims.id))
    .all();
  if (citing.length === 0) return undefined;
  const snapshot = db
    .select({
      text: t.sourceSnapshots.text,
      sha256: t.sourceSnapshots.sha256,
      capturedAt: t.sourceSnapshots.capturedAt,
    })
    .from(t.sourceSnapshots)
    .where(eq(t.sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(t.sourceSnapshots.id))
    .limit(1)
    .get();
  return { source, citing, snapshot };
}
