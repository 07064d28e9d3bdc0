/**
 * The parties of stories, most central first: those who made the most published claims in the
 * story, then the editor's order of the cast, then by name. A story's page, its home-page card
 * and its matrix show the first few and count the rest, so they stay small however many people
 * a story quotes. One statement for any number of stories, from the per-story counts the database
 * keeps (story_party_counts), so its cost follows the stories' casts, not their claims.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';

type RankedParty = {
  storyId: number;
  id: number;
  slug: string;
  name: string;
  involvement: string;
  claimCount: number;
};

export type RankedCast = { parties: RankedParty[]; total: number; speaking: number };

/**
 * For each story: its first `limit` parties by centrality (cast members without a published
 * claim included, after those with one), how many there are in all, and how many have spoken.
 * `speakingOnly` leaves out cast members without a published claim (the matrix's columns).
 */
export function centralParties(db: Db, storyIds: number[], limit: number, options: { speakingOnly?: boolean } = {}): Map<number, RankedCast> {
  const result = new Map<number, RankedCast>(storyIds.map((id) => [id, { parties: [], total: 0, speaking: 0 }]));
  if (storyIds.length === 0) return result;
  const ids = JSON.stringify(storyIds);
  const rows = db.all<RankedParty & { total: number; speaking: number }>(sql`
    WITH speaking AS (
      -- Kept by triggers (db/schema/summaries.ts): one row per speaking party, not per claim.
      SELECT story_id, party_id, claims AS n FROM story_party_counts
      WHERE story_id IN (SELECT value FROM json_each(${ids}))
    ),
    members AS (
      SELECT story_id, party_id FROM speaking
      UNION
      SELECT story_id, party_id FROM story_parties
      WHERE ${options.speakingOnly ? 0 : 1} AND story_id IN (SELECT value FROM json_each(${ids}))
    ),
    ranked AS (
      SELECT m.story_id, m.party_id, coalesce(s.n, 0) AS n, coalesce(sp.involvement, '') AS involvement,
        row_number() OVER (
          PARTITION BY m.story_id
          ORDER BY coalesce(s.n, 0) DESC, sp.position IS NULL, sp.position, p.name, p.id
        ) AS rank,
        count(*) OVER (PARTITION BY m.story_id) AS total,
        count(s.n) OVER (PARTITION BY m.story_id) AS speaking
      FROM members m
      JOIN parties p ON p.id = m.party_id
      LEFT JOIN speaking s ON s.story_id = m.story_id AND s.party_id = m.party_id
      LEFT JOIN story_parties sp ON sp.story_id = m.story_id AND sp.party_id = m.party_id
    )
    SELECT r.story_id AS storyId, p.id AS id, p.slug AS slug, p.name AS name, r.involvement AS involvement,
      r.n AS claimCount, r.total AS total, r.speaking AS speaking
    FROM ranked r JOIN parties p ON p.id = r.party_id
    WHERE r.rank <= ${limit}
    ORDER BY r.story_id, r.rank`);
  for (const { total, speaking, ...party } of rows) {
    const entry = result.get(party.storyId)!;
    entry.parties.push(party);
    entry.total = total;
    entry.speaking = speaking;
  }
  return result;
}

/** The parties among `slugs` that have a published claim in the story (a reader's chosen columns). */
export function speakingPartiesBySlug(db: Db, storyId: number, slugs: string[]): { id: number; slug: string; name: string; claimCount: number }[] {
  if (slugs.length === 0) return [];
  return db.all(sql`
    SELECT p.id AS id, p.slug AS slug, p.name AS name, sp.claims AS claimCount
    FROM story_party_counts sp JOIN parties p ON p.id = sp.party_id
    WHERE sp.story_id = ${storyId} AND p.slug IN (SELECT value FROM json_each(${JSON.stringify(slugs)}))
    ORDER BY claimCount DESC, p.name, p.id`);
}
