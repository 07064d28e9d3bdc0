/**
 * Reading a party for its public page: who they are, the role they held at each claim, and
 * every published claim they made, grouped by story and question.
 */
import { and, asc, desc, eq, exists, inArray, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import {
  citationsByClaim,
  claimSummaryColumns,
  isPublic,
  stancesOfClaims,
  type CitationView,
  type ClaimSummary,
  type StanceOfClaim,
} from '../claims/queries.js';
import type { Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { paged, pageWindow, type Paged } from '../lib/paging.js';
import { positionsSummary, type PositionsSummary } from './positions-summary.js';
import { roleLabel, rolesAt, rolesOfParty } from './roles.js';

export type PartyPage = {
  party: { id: number; slug: string; name: string; kind: (typeof t.PARTY_KINDS)[number]; description: string };
  roles: string[];
  aliases: string[];
  stories: {
    story: { id: number; slug: string; title: string };
    involvement: string;
    groups: {
      question: { slug: string; proposition: string; shortLabel: string } | null;
      entries: { claim: ClaimSummary; roles: string[]; stance: StanceOfClaim | null }[];
    }[];
  }[];
  citations: Map<number, CitationView[]>;
  /** Its position on each question it has spoken on, one line each (the page's summary). */
  summary: PositionsSummary;
  /** The page of claims shown (newest first, a page at a time) and how many there are. */
  claims: Paged<{ id: number }>;
};

const PARTY_CLAIMS_PER_PAGE = 30;
/** Stories whose cast names the party without a claim on this page: at most this many are listed. */
const CAST_STORIES_SHOWN = 20;

/**
 * A party without a published claim of its own is public only when it belongs to the cast of a
 * story that has one (RT's editor); a party created for a draft stays off the public site.
 */
function isInPublicCast(db: Db) {
  return exists(
    db
      .select({ id: t.claims.id })
      .from(t.claims)
      .where(
        and(
          isPublic,
          inArray(
            t.claims.storyId,
            db
              .select({ storyId: t.storyParties.storyId })
              .from(t.storyParties)
              .where(eq(t.storyParties.partyId, t.parties.id)),
          ),
        ),
      ),
  );
}

/** Whether the party has a public page: a published claim, or a place in a public story's cast. */
export function isPartyPublic(db: Db, partyId: number): boolean {
  const withClaim = db
    .select({ id: t.claims.id })
    .from(t.claims)
    .where(and(eq(t.claims.partyId, partyId), isPublic))
    .limit(1)
    .get();
  if (withClaim) return true;
  return db.select({ id: t.parties.id }).from(t.parties).where(and(eq(t.parties.id, partyId), isInPublicCast(db))).get() !== undefined;
}

export function partyPage(db: Db, slug: string, page = 1): PartyPage | undefined {
  const party = db
    .select(columnsOf(t.parties, ['id', 'slug', 'name', 'kind', 'description']))
    .from(t.parties)
    .where(eq(t.parties.slug, slug))
    .get();
  if (!party) return undefined;

  const claims = db
    .select({ ...claimSummaryColumns, story: { id: t.stories.id, slug: t.stories.slug, title: t.stories.title } })
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId))
    .where(and(eq(t.claims.partyId, party.id), isPublic))
    .orderBy(desc(t.claims.saidOn), desc(t.claims.id))
    .limit(PARTY_CLAIMS_PER_PAGE)
    .offset(pageWindow(page, PARTY_CLAIMS_PER_PAGE).offset)
    .all();
  if (claims.length === 0 && (page > 1 || !isPartyPublic(db, party.id))) return undefined;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM claims WHERE party_id = ${party.id} AND state = 'published'`)!.n;

  const roles = rolesOfParty(db, party.id);
  const aliases = aliasesOf(db, party.id);

  const claimIds = claims.map((c) => c.id);
  const stances = stancesOfClaims(db, claimIds);
  const questions = stances.length
    ? db
        .select(columnsOf(t.questions, ['id', 'storyId', 'slug', 'proposition', 'shortLabel', 'position']))
        .from(t.questions)
        .where(inArray(t.questions.id, [...new Set(stances.map((s) => s.questionId))]))
        .orderBy(asc(t.questions.position))
        .all()
    : [];

  const cast = db
    .select({
      storyId: t.storyParties.storyId,
      involvement: t.storyParties.involvement,
      story: { id: t.stories.id, slug: t.stories.slug, title: t.stories.title },
    })
    .from(t.storyParties)
    .innerJoin(t.stories, eq(t.stories.id, t.storyParties.storyId))
    .where(eq(t.storyParties.partyId, party.id))
    .orderBy(desc(t.stories.startsOn), desc(t.stories.id))
    .limit(CAST_STORIES_SHOWN)
    .all();

  const storyList = new Map<number, PartyPage['stories'][number]>();
  for (const c of cast) storyList.set(c.storyId, { story: c.story, involvement: c.involvement, groups: [] });
  for (const claim of claims) {
    if (!storyList.has(claim.story.id)) storyList.set(claim.story.id, { story: claim.story, involvement: '', groups: [] });
  }

  for (const entry of storyList.values()) {
    const storyClaims = claims.filter((c) => c.story.id === entry.story.id);
    for (const question of questions.filter((q) => q.storyId === entry.story.id)) {
      const entries = stances
        .filter((s) => s.questionId === question.id)
        .flatMap((stance) => {
          const claim = storyClaims.find((c) => c.id === stance.claimId);
          return claim ? [{ claim, roles: rolesAt(roles, claim.saidOn), stance }] : [];
        });
      if (entries.length) entry.groups.push({ question, entries });
    }
    const withStance = new Set(stances.map((s) => s.claimId));
    const others = storyClaims
      .filter((c) => !withStance.has(c.id))
      .map((claim) => ({ claim, roles: rolesAt(roles, claim.saidOn), stance: null }));
    if (others.length) entry.groups.push({ question: null, entries: others });
  }

  return {
    party,
    roles: roles.map((r) => roleLabel(r)),
    aliases,
    stories: [...storyList.values()].filter((s) => s.groups.length > 0 || (page === 1 && s.involvement !== '')),
    citations: citationsByClaim(db, claimIds),
    summary: positionsSummary(db, party.id),
    claims: paged(claimIds.map((id) => ({ id })), page, PARTY_CLAIMS_PER_PAGE, total),
  };
}

/** A party's aliases, in the order they were added. */
export function aliasesOf(db: Db, partyId: number): string[] {
  return db
    .select({ alias: t.partyAliases.alias })
    .from(t.partyAliases)
    .where(eq(t.partyAliases.partyId, partyId))
    .orderBy(asc(t.partyAliases.id))
    .all()
    .map((a) => a.alias);
}
