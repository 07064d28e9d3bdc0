/**
 * Reading stories for public pages. A story is public once it has a published claim; each read
 * is bounded by one story's rows and goes through the indexes on story_id.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { claimSummaryColumns, isPublic, publishedClaimsOfStoryQuery, type ClaimSummary } from '../claims/queries.js';
import { partingClaimIdsOfStory } from '../claims/rendering-view.js';
import type { Db } from '../db.js';
import { paged, pageWindow, type Paged } from '../lib/paging.js';
import { centralParties, type RankedCast } from './central-parties.js';
import { storiesByLatestActivity, storyGlances, type StoryGlance } from './story-glance.js';
import { cellKey, latestCellEntries, positionsByQuestion } from './matrix-queries.js';
import { assembleMatrix, compareOnQuestion, type CellEntry, type Matrix, type PartyColumn, type QuestionRow } from './narrative.js';

export type StoryHeader = {
  id: number;
  slug: string;
  title: string;
  summaryMd: string;
  startsOn: string;
  /** Set when an editor fixes the end of the story; otherwise pages show `latestSaidOn`. */
  endsOn: string | null;
  /** The day of its latest published claim: a story's range follows its claims (one index probe). */
  latestSaidOn: string | null;
};

const storyHeaderColumns = {
  id: t.stories.id,
  slug: t.stories.slug,
  title: t.stories.title,
  summaryMd: t.stories.summaryMd,
  startsOn: t.stories.startsOn,
  endsOn: t.stories.endsOn,
  // Spelt out: drizzle writes a selected column unqualified ("id"), which inside the subquery would be the claim's id.
  latestSaidOn: sql<string | null>`(SELECT max(c.said_on) FROM claims c WHERE c.story_id = "stories"."id" AND c.state = 'published')`,
};

/**
 * "The story has a published claim", as a correlated scalar subquery with LIMIT 1: one probe of
 * the claims_story_state_date index per story. Written as EXISTS, SQLite 3.53 turns it into a
 * join and took 10 ms instead of 0.14 ms for the home page's stories at 100,000 claims.
 */
function publicStoryCondition() {
  return sql`(SELECT 1 FROM claims WHERE claims.story_id = ${t.stories.id} AND claims.state = 'published' LIMIT 1) IS NOT NULL`;
}

export function publicStoryBySlug(db: Db, slug: string): StoryHeader | undefined {
  return db
    .select(storyHeaderColumns)
    .from(t.stories)
    .where(and(eq(t.stories.slug, slug), publicStoryCondition()))
    .get();
}

/** A story's questions, whole rows, in the story's order (the newsroom's; ties in the order added). */
export function storyQuestionRows(db: Db, storyId: number): (typeof t.questions.$inferSelect)[] {
  return db.select().from(t.questions).where(eq(t.questions.storyId, storyId)).orderBy(asc(t.questions.position), asc(t.questions.id)).all();
}

/** A story's questions as the public pages show them, in the story's order. */
export function questionsOfStory(db: Db, storyId: number): QuestionRow[] {
  return storyQuestionRows(db, storyId).map(({ id, slug, proposition, shortLabel }) => ({ id, slug, proposition, shortLabel }));
}

/** How much of a story its page shows; the rest is a link away. */
export const STORY_PAGE_LIMITS = {
  /** Parties in the cast list and the filter's choices. */
  cast: 40,
  /** Matrix columns when the reader has chosen none: the most central speaking parties. */
  columns: 8,
  /** Columns a reader may choose; the rest of a longer choice is left out, and the page says so. */
  chosenColumns: 16,
  /** Entries per matrix cell (the cell says how many more, and links to them). */
  perCell: 1,
  /** Latest claims in the page's timeline; the full timeline is paginated. */
  timeline: 30,
};

export type StoryPage = {
  story: StoryHeader;
  questions: QuestionRow[];
  /** The most central parties (see central-parties.ts), and how many there are in all. */
  cast: RankedCast;
  claimCount: number;
  /** The latest published claims, newest first. */
  timeline: ClaimSummary[];
  matrix: Matrix;
  /** Published claims whose renderings part ways (ADR 027); the story page marks them. */
  partingClaimIds?: Set<number>;
};

type StoryMatrixChoice = { parties: PartyColumn[]; questionSlugs: string[] };

/** How many published claims a story has, from the counts the triggers keep (story_party_counts). */
export function storyClaimCount(db: Db, storyId: number): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(sum(claims), 0) AS n FROM story_party_counts WHERE story_id = ${storyId}`)!.n;
}

/**
 * A story's page. `choice.parties` are the columns the reader chose (already checked to speak
 * in this story); none means the most central ones. `choice.questionSlugs` narrows the rows.
 */
export function storyPage(db: Db, slug: string, choose: (story: StoryHeader) => StoryMatrixChoice): StoryPage | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const choice = choose(story);
  const questions = questionsOfStory(db, story.id);
  const cast = centralParties(db, [story.id], STORY_PAGE_LIMITS.cast).get(story.id)!;
  const chosen = choice.parties.length > 0;
  const columns = chosen
    ? choice.parties
    : cast.parties.filter((p) => p.claimCount > 0).slice(0, STORY_PAGE_LIMITS.columns);
  const wanted = new Set(choice.questionSlugs);
  const rows = wanted.size ? questions.filter((q) => wanted.has(q.slug)) : questions;
  const rowIds = wanted.size ? rows.map((q) => q.id) : undefined;
  const parties = columns.map(({ id, slug, name }) => ({ id, slug, name }));
  const cells = latestCellEntries(db, story.id, parties, STORY_PAGE_LIMITS.perCell, rowIds);
  const matrix = assembleMatrix({
    questions: rows,
    parties,
    cell: (questionId, partyId) => cells.get(cellKey(questionId, partyId)),
    positions: positionsByQuestion(db, story.id, rowIds),
    onlyChosenParties: chosen,
  });
  return {
    story,
    questions,
    cast,
    claimCount: storyClaimCount(db, story.id),
    timeline: latestClaimsOfStory(db, story.id, { limit: STORY_PAGE_LIMITS.timeline, offset: 0 }),
    matrix,
    partingClaimIds: partingClaimIdsOfStory(db, story.id),
  };
}

/** Published claims of a story, newest first, a window of them. */
function latestClaimsOfStory(db: Db, storyId: number, window: { limit: number; offset: number }): ClaimSummary[] {
  return publishedClaimsOfStoryQuery(db, storyId).orderBy(desc(t.claims.saidOn), desc(t.claims.id)).limit(window.limit).offset(window.offset).all();
}

const TIMELINE_PAGE_SIZE = 50;

/** `/stories/<slug>/timeline`: every published claim of the story, newest first, a page at a time. */
export function storyTimeline(db: Db, slug: string, page: number): { story: StoryHeader; claims: Paged<ClaimSummary> } | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const total = storyClaimCount(db, story.id);
  const claims = latestClaimsOfStory(db, story.id, pageWindow(page, TIMELINE_PAGE_SIZE));
  if (claims.length === 0 && page > 1) return undefined;
  return { story, claims: paged(claims, page, TIMELINE_PAGE_SIZE, total) };
}

export type StoryCard = StoryHeader & { cast: RankedCast; claimCount: number; glance: StoryGlance; latestPublishedAt: string | null };

const HOME_LIMITS = { storiesPerPage: 20, castPerStory: 8, latestClaims: 10 };

/** The home page: public stories, newest first, a page at a time, each with its most central parties. */
export function storyCards(db: Db, page: number): Paged<StoryCard> | undefined {
  const total = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM stories s WHERE EXISTS (SELECT 1 FROM story_party_counts c WHERE c.story_id = s.id)`,
  )!.n;
  // Latest activity first: the story whose claim was published last leads.
  const order = storiesByLatestActivity(db, HOME_LIMITS.storiesPerPage, pageWindow(page, HOME_LIMITS.storiesPerPage).offset);
  const headers = new Map(
    order.length
      ? db.select(storyHeaderColumns).from(t.stories).where(inArray(t.stories.id, order.map((o) => o.id))).all().map((s) => [s.id, s])
      : [],
  );
  const stories = order.map((o) => ({ ...headers.get(o.id)!, latestPublishedAt: o.latestPublishedAt }));
  if (stories.length === 0 && page > 1) return undefined;
  const ids = stories.map((s) => s.id);
  const casts = centralParties(db, ids, HOME_LIMITS.castPerStory);
  const counts = new Map(
    db
      .all<{ storyId: number; n: number }>(sql`
        SELECT story_id AS storyId, sum(claims) AS n FROM story_party_counts
        WHERE story_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
        GROUP BY story_id`)
      .map((r) => [r.storyId, r.n]),
  );
  const glances = storyGlances(db, ids);
  const cards = stories.map((story) => ({ ...story, cast: casts.get(story.id)!, claimCount: counts.get(story.id) ?? 0, glance: glances.get(story.id)! }));
  return paged(cards, page, HOME_LIMITS.storiesPerPage, total);
}

export type LatestClaim = ClaimSummary & { story: { slug: string; title: string }; publishedAt: string | null };

/** At most this many of the latest claims come from one speaker, so one busy party does not fill the list. */
const LATEST_PER_PARTY = 2;

/**
 * The latest published claims across all stories, by when they were published (a correction
 * does not make a claim new), at most two per speaker: read from the newest end of the
 * claims_state_published index, a bounded window of it.
 */
export function latestClaims(db: Db, limit = HOME_LIMITS.latestClaims): LatestClaim[] {
  const window = db
    .select({ ...claimSummaryColumns, story: { slug: t.stories.slug, title: t.stories.title }, publishedAt: t.claims.publishedAt })
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId))
    .where(isPublic)
    .orderBy(desc(t.claims.publishedAt), desc(t.claims.id))
    .limit(limit * 5)
    .all();
  const perParty = new Map<number, number>();
  const chosen: LatestClaim[] = [];
  for (const claim of window) {
    const n = perParty.get(claim.party.id) ?? 0;
    if (n >= LATEST_PER_PARTY) continue;
    perParty.set(claim.party.id, n + 1);
    chosen.push(claim);
    if (chosen.length === limit) return chosen;
  }
  // Few speakers in the window: fill up with the next latest, whoever said them.
  for (const claim of window) {
    if (chosen.length === limit) break;
    if (!chosen.includes(claim)) chosen.push(claim);
  }
  return chosen.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id);
}

const QUESTION_PAGE_LIMITS = { partiesPerPage: 20, perParty: 3, claimsPerPage: 30 };

export type QuestionPosition = { party: PartyColumn; entries: CellEntry[]; total: number };

/**
 * One question of a story: the comparison, then the parties that take a position, most claims
 * first, each with its latest entries (a page of parties at a time); or, with `partySlug`, one
 * party's entries on it, a page at a time.
 */
export function questionPage(db: Db, storySlug: string, questionSlug: string, options: { page: number; partySlug?: string }) {
  const story = publicStoryBySlug(db, storySlug);
  if (!story) return undefined;
  const question = questionsOfStory(db, story.id).find((q) => q.slug === questionSlug);
  if (!question) return undefined;
  const positions = positionsByQuestion(db, story.id, [question.id]);
  const comparison = compareOnQuestion(positions.map((p) => ({ party: p.party, entries: p.positions.map((position) => ({ position })) })));
  const base = { story, question, comparison, partyCount: positions.length };
  if (options.partySlug !== undefined) {
    const party = positions.find((p) => p.party.slug === options.partySlug)?.party;
    if (!party) return { ...base, party: undefined, parties: undefined };
    const { limit, offset } = pageWindow(options.page, QUESTION_PAGE_LIMITS.claimsPerPage);
    const entries = entriesOnQuestion(db, question.id, party, limit, offset);
    if (entries.length === 0) return undefined;
    const column = { id: party.id, slug: party.slug, name: party.name };
    return { ...base, party: column, parties: paged([{ party: column, entries, total: party.claimCount }], options.page, QUESTION_PAGE_LIMITS.claimsPerPage, party.claimCount) };
  }
  const { limit, offset } = pageWindow(options.page, QUESTION_PAGE_LIMITS.partiesPerPage);
  const shown = positions.slice(offset, offset + limit).map(({ party }) => ({ id: party.id, slug: party.slug, name: party.name }));
  if (shown.length === 0 && options.page > 1) return undefined;
  const cells = latestCellEntries(db, story.id, shown, QUESTION_PAGE_LIMITS.perParty, [question.id]);
  const list: QuestionPosition[] = shown.map((party) => ({ party, ...(cells.get(cellKey(question.id, party.id)) ?? { entries: [], total: 0 }) }));
  return { ...base, party: undefined, parties: paged(list, options.page, QUESTION_PAGE_LIMITS.partiesPerPage, positions.length) };
}

function entriesOnQuestion(db: Db, questionId: number, party: PartyColumn, limit: number, offset: number): CellEntry[] {
  return db
    .select({ ...claimSummaryColumns, position: t.stances.position, note: t.stances.note })
    .from(t.stances)
    .innerJoin(t.claims, eq(t.claims.id, t.stances.claimId))
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(and(eq(t.stances.questionId, questionId), eq(t.claims.partyId, party.id), isPublic))
    .orderBy(desc(t.claims.saidOn), desc(t.claims.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map(({ position, note, ...claim }) => ({ claim, position, note }));
}
