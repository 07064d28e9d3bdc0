/**
 * Reading a source for its public page. A source is public once a published claim cites it;
 * the page lists only the published claims that rest on it.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { claimSummaryColumns, isPublic } from '../claims/queries.js';
import type { Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { paged, pageWindow } from '../lib/paging.js';
import { storedChecks } from '../quotes/quote-checks.js';
import { highlightText, type FurnitureRange, type Range } from './highlight.js';

/** Claims listed per page of a source; the archived text still marks every published one. */
const SOURCE_CLAIMS_PER_PAGE = 30;

export function sourcePage(db: Db, sourceId: number, page = 1) {
  const source = db.select().from(t.sources).where(eq(t.sources.id, sourceId)).get();
  if (!source) return undefined;
  // Every published citation of the source, lightly: what the highlights of its text need.
  const cited = db
    .select({ id: t.claims.id, passage: t.citations.passage })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .where(and(eq(t.citations.sourceId, sourceId), isPublic))
    .all();
  if (cited.length === 0) return undefined;
  const { limit, offset } = pageWindow(page, SOURCE_CLAIMS_PER_PAGE);
  const citing = db
    .select({
      ...claimSummaryColumns,
      role: t.citations.role,
      passage: t.citations.passage,
      story: { id: t.stories.id, slug: t.stories.slug, title: t.stories.title },
    })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId))
    .where(and(eq(t.citations.sourceId, sourceId), isPublic))
    .orderBy(asc(t.claims.saidOn), asc(t.claims.id))
    .limit(limit)
    .offset(offset)
    .all();
  if (citing.length === 0) return undefined;
  const snapshot = db
    .select(columnsOf(t.sourceSnapshots, ['id', 'text', 'sha256', 'capturedAt', 'origin', 'furniture']))
    .from(t.sourceSnapshots)
    .where(eq(t.sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(t.sourceSnapshots.id))
    .limit(1)
    .get();
  const paragraphs = snapshot ? highlightText(snapshot.text, citedRanges(db, sourceId, snapshot, cited), JSON.parse(snapshot.furniture) as FurnitureRange[]) : [];
  return { source, citing: paged(citing, page, SOURCE_CLAIMS_PER_PAGE, cited.length), snapshot, paragraphs };
}

/**
 * Where the published claims citing this source rest in its archived text: the quote checks'
 * offsets, and for other claims their typed passage where it appears word for word.
 */
function citedRanges(db: Db, sourceId: number, snapshot: { id: number; text: string }, citing: { id: number; passage: string }[]): Range[] {
  const published = new Set(citing.map((c) => c.id));
  const ranges: Range[] = storedChecks(db, { sourceId })
    .filter((check) => published.has(check.claimId) && check.snapshotId === snapshot.id && check.start !== null && check.end !== null)
    .map((check) => ({ start: check.start!, end: check.end!, claimId: check.claimId }));
  const located = new Set(ranges.map((r) => r.claimId));
  for (const citation of citing) {
    if (located.has(citation.id) || !citation.passage) continue;
    const at = snapshot.text.indexOf(citation.passage);
    if (at >= 0) ranges.push({ start: at, end: at + citation.passage.length, claimId: citation.id });
  }
  return ranges;
}
