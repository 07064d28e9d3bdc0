/**
 * "Translations that part ways": a published story's claims whose renderings in one language use
 * different words (ADR 027). Only claims with a second rendering are looked at, so a story whose
 * claims each have only their statement costs one small query.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { partingClaimsOfStory, type ClaimWords } from '../claims/rendering-view.js';
import { publicStoryBySlug, type StoryHeader } from './queries.js';

export type TranslationsPage = {
  story: StoryHeader;
  claims: { id: number; statement: string; saidOn: string; party: { slug: string; name: string }; words: ClaimWords }[];
};

export function translationsPage(db: Db, slug: string): TranslationsPage | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const parting = partingClaimsOfStory(db, story.id);
  const ids = [...parting.keys()];
  const rows = ids.length
    ? db.all<{ id: number; statement: string; saidOn: string; partySlug: string; partyName: string }>(
        sql`SELECT c.id AS id, c.statement AS statement, c.said_on AS saidOn, p.slug AS partySlug, p.name AS partyName
            FROM claims c JOIN parties p ON p.id = c.party_id
            WHERE c.id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY c.said_on, c.id`,
      )
    : [];
  return {
    story,
    claims: rows.map((r) => ({
      id: r.id,
      statement: r.statement,
      saidOn: r.saidOn,
      party: { slug: r.partySlug, name: r.partyName },
      words: parting.get(r.id)!,
    })),
  };
}
