/**
 * "Translations that part ways": a published story's claims whose renderings in one language use
 * different words (ADR 027). Only claims with a second rendering are looked at, so a story whose
 * claims each have only their statement costs one small query.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { claimSummaryColumns, type ClaimSummary } from '../claims/queries.js';
import { partingClaimsOfStory, type ClaimWords } from '../claims/rendering-view.js';
import { publicStoryBySlug, type StoryHeader } from './queries.js';

export type TranslationsPage = {
  story: StoryHeader;
  /** Oldest first, as said. */
  claims: (ClaimSummary & { words: ClaimWords })[];
};

export function translationsPage(db: Db, slug: string): TranslationsPage | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const parting = partingClaimsOfStory(db, story.id);
  const ids = [...parting.keys()];
  const rows = ids.length
    ? db
        .select(claimSummaryColumns)
        .from(t.claims)
        .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
        .where(inArray(t.claims.id, ids))
        .orderBy(asc(t.claims.saidOn), asc(t.claims.id))
        .all()
    : [];
  return { story, claims: rows.map((row) => ({ ...row, words: parting.get(row.id)! })) };
}
