/**
 * Which records readers can see, for the desk's permission checks and for knowing when a save
 * must refresh the public page cache. Visibility is derived, never flagged (decision 004): a
 * story is public when it has a published claim; a source when a published claim cites it; a
 * party when it made a published claim or is in the cast (`story_parties`) of a story that has
 * one — the same notions as src/stories, src/sources and src/parties/queries.ts.
 *
 * Parties and sources count as public when they are ON RECORD (`isOnRecord`): a retracted claim
 * still shows its speaker, roles and sources on its page, /corrections and the feed, so editing
 * them must follow the editor's rules exactly as for a published claim's.
 */
import { and, eq, exists, inArray, or, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { isOnRecord, isPublic } from '../claims/queries.js';
import type { Db } from '../db.js';

export function isStoryPublic(db: Db, storyId: number): boolean {
  return (
    db
      .select({ id: t.claims.id })
      .from(t.claims)
      .where(and(eq(t.claims.storyId, storyId), isPublic))
      .limit(1)
      .get() !== undefined
  );
}

export function isSourcePublic(db: Db, sourceId: number): boolean {
  return (
    db
      .select({ id: t.citations.id })
      .from(t.citations)
      .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
      .where(and(eq(t.citations.sourceId, sourceId), isOnRecord))
      .limit(1)
      .get() !== undefined
  );
}

export function isPartyPublic(db: Db, partyId: number): boolean {
  const castStories = db
    .select({ storyId: t.storyParties.storyId })
    .from(t.storyParties)
    .where(eq(t.storyParties.partyId, partyId));
  return (
    db
      .select({ id: t.claims.id })
      .from(t.claims)
      .where(or(and(isOnRecord, eq(t.claims.partyId, partyId)), and(isPublic, inArray(t.claims.storyId, castStories))))
      .limit(1)
      .get() !== undefined
  );
}

/** The ids of every public party, for marking them in the desk's list. */
export function publicPartyIds(db: Db): Set<number> {
  const speakers = db.selectDistinct({ id: t.claims.partyId }).from(t.claims).where(isOnRecord).all();
  const cast = db
    .selectDistinct({ id: t.storyParties.partyId })
    .from(t.storyParties)
    .where(
      exists(
        db
          .select({ id: t.claims.id })
          .from(t.claims)
          .where(and(eq(t.claims.storyId, t.storyParties.storyId), isPublic)),
      ),
    )
    .all();
  return new Set([...speakers, ...cast].map((row) => row.id));
}

export function publicSourceIds(db: Db): Set<number> {
  const rows = db
    .selectDistinct({ id: t.citations.sourceId })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .where(isOnRecord)
    .all();
  return new Set(rows.map((row) => row.id));
}

export function publicStoryIds(db: Db): Set<number> {
  const rows = db.selectDistinct({ id: t.claims.storyId }).from(t.claims).where(isPublic).all();
  return new Set(rows.map((row) => row.id));
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Where a story or party named by its slug in an address is looked up: its table, name, and claims' column. */
const BY_SLUG = {
  story: { table: 'stories', nameColumn: 'title', claimColumn: 'story_id' },
  party: { table: 'parties', nameColumn: 'name', claimColumn: 'party_id' },
} as const;

/**
 * The story or party at this slug, with its name (a story's title). `publishedOnly`, as readers
 * see them: only one with a published claim. A malformed slug names nothing.
 */
export function findBySlug(db: Db, kind: keyof typeof BY_SLUG, slug: string, { publishedOnly }: { publishedOnly: boolean }) {
  if (!SLUG.test(slug)) return undefined;
  const { table, nameColumn, claimColumn } = BY_SLUG[kind];
  const published = publishedOnly
    ? sql` AND EXISTS (SELECT 1 FROM claims c WHERE c.${sql.raw(claimColumn)} = r.id AND c.state = 'published')`
    : sql``;
  return db.get<{ id: number; slug: string; name: string } | undefined>(
    sql`SELECT id, slug, ${sql.raw(nameColumn)} AS name FROM ${sql.raw(table)} r WHERE slug = ${slug}${published}`,
  );
}
