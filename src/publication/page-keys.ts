/**
 * Page keys: the names the public page cache uses for what a page shows and what a write changed.
 * A page is tagged with the keys of every record it shows (a claim page: its claim, story, speaker
 * and sources); a write names the keys of the records it changed, widened to the pages that show
 * them under another key (a renamed party shows on every page of its stories). The cache renders
 * again exactly the pages that share a key with a write. Listing pages (home, corrections, feeds)
 * carry LISTING and are rendered again after every public change: they show a little of everything.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';

export const LISTING = 'listing';

export const claimKey = (id: number) => `claim:${id}`;
/** Everything a story shows: its claims, stances, cast, questions. */
export const storyKey = (id: number) => `story:${id}`;
/** What other pages show of a story: its title, summary and question labels. */
export const storyHeaderKey = (id: number) => `story-header:${id}`;
export const partyKey = (id: number) => `party:${id}`;
export const sourceKey = (id: number) => `source:${id}`;

/** A claim as readers see it: its own page, its story's pages, its speaker's page, its sources' pages. */
export function claimChangeKeys(db: Db, claimId: number): string[] {
  const row = db.get<{ storyId: number; partyId: number } | undefined>(
    sql`SELECT story_id AS storyId, party_id AS partyId FROM claims WHERE id = ${claimId}`,
  );
  if (!row) return [claimKey(claimId)];
  const sources = db.all<{ id: number }>(sql`SELECT DISTINCT source_id AS id FROM citations WHERE claim_id = ${claimId}`);
  return [claimKey(claimId), storyKey(row.storyId), partyKey(row.partyId), ...sources.map((s) => sourceKey(s.id))];
}

/**
 * A party's name, kind or roles show on its page and on every page of the stories it is part of
 * (and their claims' pages), including its retracted claims' pages and the corrections listing.
 */
export function partyChangeKeys(db: Db, partyId: number): string[] {
  const stories = db.all<{ id: number }>(sql`
    SELECT story_id AS id FROM claims WHERE party_id = ${partyId} AND state IN ('published', 'retracted')
    UNION SELECT story_id FROM story_parties WHERE party_id = ${partyId}`);
  const retracted = db.all<{ id: number }>(sql`SELECT id FROM claims WHERE party_id = ${partyId} AND state = 'retracted'`);
  return [partyKey(partyId), ...stories.map((s) => storyKey(s.id)), ...retracted.map((c) => claimKey(c.id)), ...(retracted.length ? [LISTING] : [])];
}

/** A story's title, summary or questions: its own pages, and wherever its header shows. */
export function storyChangeKeys(storyId: number): string[] {
  return [storyKey(storyId), storyHeaderKey(storyId)];
}

/**
 * A source's title, publisher or archived text: every page citing it carries its key; a retracted
 * claim citing it is named too (its page, and the corrections listing).
 */
export function sourceChangeKeys(db: Db, sourceId: number): string[] {
  const retracted = db.all<{ id: number }>(sql`
    SELECT DISTINCT c.id FROM citations ci JOIN claims c ON c.id = ci.claim_id WHERE ci.source_id = ${sourceId} AND c.state = 'retracted'`);
  return [sourceKey(sourceId), ...retracted.map((c) => claimKey(c.id)), ...(retracted.length ? [LISTING] : [])];
}
