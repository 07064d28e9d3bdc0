/**
 * What the public API reads: the same published (or on-record) records as the public pages,
 * through the pages' own domain queries, shaped as the API's schemas. Lists are keyset-paginated
 * by a sort key that never changes (the id, or a correction's time); details reuse the page
 * queries so the API can never show what the site hides.
 */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { claimFacts, claimPage, claimPages, isPublic, type ClaimPage } from '../claims/queries.js';
import type { Db } from '../db.js';
import { aliasesOf, isPartyPublic } from '../parties/queries.js';
import { roleLabel, rolesOfParty } from '../parties/roles.js';
import { publicStoryBySlug, questionsOfStory, storyClaimCount, storyPage, type StoryHeader } from '../stories/queries.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { ApiClaim, ApiCorrection, ApiParty, ApiQuestion, ApiSource, ApiStory, ApiStorySummary } from './schemas.js';

export type Page<T> = { items: T[]; next: string | null };

/** Reads one more row than asked: if it exists, there is a next page. */
function pageFrom<Row, T>(rows: Row[], limit: number, key: (row: Row) => (string | number)[], shape: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(shape), next: more ? encodeCursor(key(kept[kept.length - 1]!)) : null };
}

function afterId(cursor: string | undefined): number {
  return (decodeCursor(cursor, ['n'])?.[0] as number | undefined) ?? 0;
}

function storySummary(db: Db, story: StoryHeader): ApiStorySummary {
  return {
    slug: story.slug,
    title: story.title,
    summaryMd: story.summaryMd,
    startsOn: story.startsOn,
    endsOn: story.endsOn,
    claimCount: storyClaimCount(db, story.id),
    url: `/stories/${story.slug}`,
  };
}

export function listStories(db: Db, cursor: string | undefined, limit: number): Page<ApiStorySummary> {
  const rows = db
    .select({ slug: t.stories.slug })
    .from(t.stories)
    .where(and(gt(t.stories.id, afterId(cursor)), sql`EXISTS (SELECT 1 FROM claims WHERE claims.story_id = ${t.stories.id} AND claims.state = 'published')`))
    .orderBy(asc(t.stories.id))
    .limit(limit + 1)
    .all()
    .map((row) => publicStoryBySlug(db, row.slug)!);
  return pageFrom(rows, limit, (story) => [story.id], (story) => storySummary(db, story));
}

function apiQuestion(storySlug: string, q: { slug: string; proposition: string; shortLabel: string }): ApiQuestion {
  return { slug: q.slug, story: storySlug, proposition: q.proposition, shortLabel: q.shortLabel, url: `/stories/${storySlug}/questions/${q.slug}` };
}

/** A story with its questions and the matrix the story page shows (its default columns). */
export function storyDetail(db: Db, slug: string): ApiStory | undefined {
  const data = storyPage(db, slug, () => ({ parties: [], questionSlugs: [] }));
  if (!data) return undefined;
  const slugOf = (p: { slug: string }) => p.slug;
  return {
    ...storySummary(db, data.story),
    questions: data.questions.map((q) => apiQuestion(data.story.slug, q)),
    matrix: {
      parties: data.matrix.parties.map((p) => ({ slug: p.slug, name: p.name, url: `/parties/${p.slug}` })),
      rows: data.matrix.rows.map((row) => ({
        question: row.question.slug,
        cells: row.cells.map((cell) => ({
          party: cell.party.slug,
          total: cell.total,
          latest: cell.entries.map((e) => ({ claim: e.claim.id, position: e.position, note: e.note })),
        })),
        comparison: {
          verdict: row.comparison.verdict,
          summary: row.comparison.summary,
          asserts: row.comparison.asserts.map(slugOf),
          denies: row.comparison.denies.map(slugOf),
          qualifies: row.comparison.qualifies.map(slugOf),
          declines: row.comparison.declines.map(slugOf),
          mixed: row.comparison.mixed.map(slugOf),
        },
      })),
    },
  };
}

export function storyQuestions(db: Db, slug: string): Page<ApiQuestion> | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  return { items: questionsOfStory(db, story.id).map((q) => apiQuestion(story.slug, q)), next: null };
}

/** A claim as its public page shows it: published or retracted (with the notice), else undefined. */
export function claimDetail(db: Db, id: number): ApiClaim | undefined {
  const data = claimPage(db, id, API_CLAIM_PARTS);
  return data && apiClaim(data);
}

/** The API's claims carry neither "what the others say" nor the archived passages around a quote. */
const API_CLAIM_PARTS = { otherViews: false, passages: false };

function apiClaim(data: ClaimPage): ApiClaim {
  const { claim } = data;
  // The page's own reading of its words (one batch of queries for the claim: renderings, their sources, quote checks).
  const { words } = data;
  return {
    id: claim.id,
    url: `/claims/${claim.id}`,
    state: claim.state === 'retracted' ? 'retracted' : 'published',
    story: { slug: data.story.slug, title: data.story.title, url: `/stories/${data.story.slug}` },
    speaker: { slug: claim.party.slug, name: claim.party.name, url: `/parties/${claim.party.slug}`, roles: data.speakerRoles },
    statement: claim.statement,
    language: words?.language ?? null,
    originalStatement: words?.original.trim() ? words.original : null,
    renderings: (words?.renderings ?? []).map((r) => ({
      text: r.text,
      language: r.language,
      sourceId: r.sourceId,
      translated: r.translated,
      translatedBy: r.translatedBy,
      translatorName: r.translatorName,
      quoteCheck: r.outcome,
    })),
    ...claimFacts(claim),
    ratingExplanationMd: claim.ratingExplanationMd,
    publishedAt: claim.publishedAt,
    retractedAt: claim.retractedAt,
    retractionNote: claim.retractionNote,
    stances: data.stances.map((s) => ({ question: s.question.slug, proposition: s.question.proposition, position: s.position, note: s.note })),
    citations: data.citations.map((c) => ({
      source: {
        id: c.source.id,
        title: c.source.title,
        publisher: c.source.publisher,
        kind: c.source.kind,
        publishedOn: c.source.publishedOn,
        url: c.source.url,
        language: c.source.language ?? 'en',
        page: `/sources/${c.source.id}`,
      },
      role: c.role,
      passage: c.passage,
      quoteCheck: c.check ? { outcome: c.check.outcome, changes: c.check.changes } : null,
    })),
    corrections: data.corrections.map((c) => ({ note: c.note, at: c.createdAt })),
  };
}

/** Published claims, oldest id first; `story` and `party` narrow by slug (unknown ones: undefined). */
export function listClaims(
  db: Db,
  options: { cursor?: string; limit: number; story?: string; party?: string },
): Page<ApiClaim> | undefined {
  const where = [isPublic, gt(t.claims.id, afterId(options.cursor))];
  if (options.story !== undefined) {
    const story = publicStoryBySlug(db, options.story);
    if (!story) return undefined;
    where.push(eq(t.claims.storyId, story.id));
  }
  if (options.party !== undefined) {
    const party = db.select({ id: t.parties.id }).from(t.parties).where(eq(t.parties.slug, options.party)).get();
    if (!party || !isPartyPublic(db, party.id)) return undefined;
    where.push(eq(t.claims.partyId, party.id));
  }
  const rows = db
    .select({ id: t.claims.id })
    .from(t.claims)
    .where(and(...where))
    .orderBy(asc(t.claims.id))
    .limit(options.limit + 1)
    .all();
  // The page's claims read together: a fixed number of statements, not one set per claim.
  const pages = claimPages(db, rows.slice(0, options.limit).map((row) => row.id), API_CLAIM_PARTS);
  return pageFrom(rows, options.limit, (row) => [row.id], (row) => apiClaim(pages.get(row.id)!));
}

function partyRecord(db: Db, party: { id: number; slug: string; name: string; kind: ApiParty['kind']; description: string }): ApiParty {
  const aliases = aliasesOf(db, party.id);
  return {
    slug: party.slug,
    name: party.name,
    kind: party.kind,
    description: party.description,
    roles: rolesOfParty(db, party.id).map((r) => roleLabel(r)),
    aliases,
    url: `/parties/${party.slug}`,
  };
}

const partyColumns = { id: t.parties.id, slug: t.parties.slug, name: t.parties.name, kind: t.parties.kind, description: t.parties.description };

/** A party with a public page (src/parties/queries.ts `isPartyPublic`), else undefined. */
export function partyDetail(db: Db, slug: string): ApiParty | undefined {
  const party = db.select(partyColumns).from(t.parties).where(eq(t.parties.slug, slug)).get();
  if (!party || !isPartyPublic(db, party.id)) return undefined;
  return partyRecord(db, party);
}

export function listParties(db: Db, cursor: string | undefined, limit: number): Page<ApiParty> {
  // The public-party rule of src/parties/queries.ts, as a filter: a published claim, or a place in a public story's cast.
  const rows = db
    .select(partyColumns)
    .from(t.parties)
    .where(
      and(
        gt(t.parties.id, afterId(cursor)),
        sql`(EXISTS (SELECT 1 FROM claims c WHERE c.party_id = ${t.parties.id} AND c.state = 'published')
          OR EXISTS (SELECT 1 FROM story_parties sp JOIN claims c ON c.story_id = sp.story_id AND c.state = 'published' WHERE sp.party_id = ${t.parties.id}))`,
      ),
    )
    .orderBy(asc(t.parties.id))
    .limit(limit + 1)
    .all();
  return pageFrom(rows, limit, (row) => [row.id], (row) => partyRecord(db, row));
}

function sourceRecord(db: Db, source: typeof t.sources.$inferSelect, citedBy: number): ApiSource {
  const capture = db
    .select({ sha256: t.sourceSnapshots.sha256, capturedAt: t.sourceSnapshots.capturedAt })
    .from(t.sourceSnapshots)
    .where(eq(t.sourceSnapshots.sourceId, source.id))
    .orderBy(desc(t.sourceSnapshots.id))
    .limit(1)
    .get();
  return {
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    kind: source.kind,
    publishedOn: source.publishedOn,
    url: source.url,
    language: source.language,
    page: `/sources/${source.id}`,
    author: source.author,
    accessedOn: source.accessedOn,
    description: source.description,
    capture: capture ?? null,
    citedBy,
  };
}

/** Sources a published claim cites (the public source page's rule), with how many cite each. */
function publicSources(db: Db, where: ReturnType<typeof and>, limit: number) {
  return db
    .select({ source: t.sources, citedBy: sql<number>`count(DISTINCT ${t.claims.id})` })
    .from(t.sources)
    .innerJoin(t.citations, eq(t.citations.sourceId, t.sources.id))
    .innerJoin(t.claims, and(eq(t.claims.id, t.citations.claimId), isPublic))
    .where(where)
    .groupBy(t.sources.id)
    .orderBy(asc(t.sources.id))
    .limit(limit)
    .all();
}

export function sourceDetail(db: Db, id: number): ApiSource | undefined {
  const row = publicSources(db, eq(t.sources.id, id), 1)[0];
  return row && sourceRecord(db, row.source, row.citedBy);
}

export function listSources(db: Db, cursor: string | undefined, limit: number): Page<ApiSource> {
  const rows = publicSources(db, gt(t.sources.id, afterId(cursor)), limit + 1);
  return pageFrom(rows, limit, (row) => [row.source.id], (row) => sourceRecord(db, row.source, row.citedBy));
}

/**
 * Corrections and retractions, newest first, as /corrections lists them (claims on record only).
 * The key is (time, kind, row id): two notes at the same instant still have an order.
 */
export function listCorrections(db: Db, cursor: string | undefined, limit: number): Page<ApiCorrection> {
  const after = decodeCursor(cursor, ['s', 's', 'n']);
  const rows = db.all<{ kind: 'correction' | 'retraction'; claim: number; note: string; at: string; rid: number }>(sql`
    SELECT * FROM (
      SELECT 'correction' AS kind, co.claim_id AS claim, co.note AS note, co.created_at AS at, co.id AS rid
        FROM corrections co JOIN claims c ON c.id = co.claim_id WHERE c.state IN ('published', 'retracted')
      UNION ALL
      SELECT 'retraction', c.id, c.retraction_note, coalesce(c.retracted_at, ''), c.id FROM claims c WHERE c.state = 'retracted'
    )
    WHERE ${after ? sql`(at, kind, rid) < (${after[0]}, ${after[1]}, ${after[2]})` : sql`1`}
    ORDER BY at DESC, kind DESC, rid DESC
    LIMIT ${limit + 1}`);
  return pageFrom(
    rows,
    limit,
    (row) => [row.at, row.kind, row.rid],
    (row) => ({ kind: row.kind, claim: row.claim, note: row.note, at: row.at, url: `/claims/${row.claim}` }),
  );
}

