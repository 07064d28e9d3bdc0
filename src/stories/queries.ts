/**
 * Reading stories for public pages. A story is public once it has a published claim; each read
 * is bounded by one story's rows and goes through the indexes on story_id.
 */
import { and, asc, desc, eq, exists } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import {
  claimSummaryColumns,
  isPublic,
  publishedClaimsOfStory,
  publishedStancesOfStory,
  type ClaimSummary,
} from '../claims/queries.js';
import type { Db } from '../db.js';
import { buildMatrix, type Matrix, type MatrixFilter, type QuestionRow } from './narrative.js';

export type StoryHeader = {
  id: number;
  slug: string;
  title: string;
  summaryMd: string;
  startsOn: string;
  endsOn: string | null;
};

export type CastMember = { id: number; slug: string; name: string; involvement: string; claimCount: number };

const storyHeaderColumns = {
  id: t.stories.id,
  slug: t.stories.slug,
  title: t.stories.title,
  summaryMd: t.stories.summaryMd,
  startsOn: t.stories.startsOn,
  endsOn: t.stories.endsOn,
};

/** A correlated EXISTS: uses the claims_story_state_date index and stops at the first row. */
function publicStoryCondition(db: Db) {
  return exists(
    db
      .select({ id: t.claims.id })
      .from(t.claims)
      .where(and(eq(t.claims.storyId, t.stories.id), isPublic)),
  );
}

export function publicStoryBySlug(db: Db, slug: string): StoryHeader | undefined {
  return db
    .select(storyHeaderColumns)
    .from(t.stories)
    .where(and(eq(t.stories.slug, slug), publicStoryCondition(db)))
    .get();
}

export function castOfStory(db: Db, storyId: number, claims: ClaimSummary[]): CastMember[] {
  const counts = new Map<number, number>();
  for (const claim of claims) counts.set(claim.party.id, (counts.get(claim.party.id) ?? 0) + 1);
  const listed = db
    .select({
      id: t.parties.id,
      slug: t.parties.slug,
      name: t.parties.name,
      involvement: t.storyParties.involvement,
    })
    .from(t.storyParties)
    .innerJoin(t.parties, eq(t.parties.id, t.storyParties.partyId))
    .where(eq(t.storyParties.storyId, storyId))
    .orderBy(asc(t.storyParties.position))
    .all();
  const cast: CastMember[] = listed.map((p) => ({ ...p, claimCount: counts.get(p.id) ?? 0 }));
  // A party with a published claim belongs in the cast even if nobody listed them.
  const listedIds = new Set(listed.map((p) => p.id));
  for (const claim of claims) {
    if (listedIds.has(claim.party.id)) continue;
    listedIds.add(claim.party.id);
    cast.push({ ...claim.party, involvement: '', claimCount: counts.get(claim.party.id) ?? 0 });
  }
  return cast;
}

export function questionsOfStory(db: Db, storyId: number): QuestionRow[] {
  return db
    .select({
      id: t.questions.id,
      slug: t.questions.slug,
      proposition: t.questions.proposition,
      shortLabel: t.questions.shortLabel,
    })
    .from(t.questions)
    .where(eq(t.questions.storyId, storyId))
    .orderBy(asc(t.questions.position), asc(t.questions.id))
    .all();
}

export type StoryPage = {
  story: StoryHeader;
  questions: QuestionRow[];
  cast: CastMember[];
  /** Every published claim, oldest first: the timeline. */
  timeline: ClaimSummary[];
  matrix: Matrix;
  /** The full matrix before filtering, so the filter form can list every choice. */
  allParties: Matrix['parties'];
};

export function storyPage(db: Db, slug: string, filter: MatrixFilter = {}): StoryPage | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const questions = questionsOfStory(db, story.id);
  const claims = publishedClaimsOfStory(db, story.id);
  const stances = publishedStancesOfStory(db, story.id);
  const matrix = buildMatrix({ questions, claims, stances, filter });
  const allParties = filter.parties?.length ? buildMatrix({ questions: [], claims, stances }).parties : matrix.parties;
  return { story, questions, cast: castOfStory(db, story.id, claims), timeline: claims, matrix, allParties };
}

export type StoryCard = StoryHeader & { cast: CastMember[]; latest: ClaimSummary[]; claimCount: number };

/** The home page: public stories, newest first, each with its cast and latest claims. */
export function storyCards(db: Db, latestPerStory = 3): StoryCard[] {
  const stories = db
    .select(storyHeaderColumns)
    .from(t.stories)
    .where(publicStoryCondition(db))
    .orderBy(desc(t.stories.startsOn), desc(t.stories.id))
    .all();
  return stories.map((story) => {
    const claims = publishedClaimsOfStory(db, story.id);
    const latest = [...claims]
      .sort((a, b) => b.saidOn.localeCompare(a.saidOn) || b.id - a.id)
      .slice(0, latestPerStory);
    return { ...story, cast: castOfStory(db, story.id, claims), latest, claimCount: claims.length };
  });
}

/** One question of a story with every party's position on it and the sources. */
export function questionPage(db: Db, storySlug: string, questionSlug: string) {
  const story = publicStoryBySlug(db, storySlug);
  if (!story) return undefined;
  const question = questionsOfStory(db, story.id).find((q) => q.slug === questionSlug);
  if (!question) return undefined;
  const rows = db
    .select({ ...claimSummaryColumns, position: t.stances.position, note: t.stances.note })
    .from(t.stances)
    .innerJoin(t.claims, eq(t.claims.id, t.stances.claimId))
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(and(eq(t.stances.questionId, question.id), isPublic))
    .orderBy(asc(t.claims.saidOn), asc(t.claims.id))
    .all();
  const claims = rows.map(({ position: _p, note: _n, ...claim }) => claim);
  const matrix = buildMatrix({
    questions: [question],
    claims,
    stances: rows.map((r) => ({ claimId: r.id, questionId: question.id, position: r.position, note: r.note })),
  });
  return { story, question, row: matrix.rows[0]!, claimIds: claims.map((c) => c.id) };
}

