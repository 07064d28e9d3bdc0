/**
 * Reading claims for public pages. Everything here returns published claims only: the one rule
 * that keeps drafts and unreviewed work off every public page lives in `isPublic`.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { inList, listParam, preparedOnce, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { groupRowsBy } from '../lib/group-rows.js';
import { rolesAt, rolesOfParties } from '../parties/roles.js';
import { alterationsOf, type QuoteCheck } from '../quotes/quote-checks.js';
import { claimWordsByClaim, type ClaimWords } from './rendering-view.js';

export const isPublic = eq(t.claims.state, 'published');

/**
 * A claim some public page shows: published (corrected or not), or retracted — a retracted claim
 * keeps its page, its /corrections entry and its feed entry, with its speaker, roles and sources.
 * A party, source or story referred to by such a claim is "on record": changing it changes what
 * readers see, so the editor's rules apply (src/publication/visibility.ts).
 */
export const isOnRecord = inArray(t.claims.state, ['published', 'retracted']);

export type ClaimSummary = {
  id: number;
  statement: string;
  form: (typeof t.CLAIM_FORMS)[number];
  type: (typeof t.CLAIM_TYPES)[number];
  saidOn: string;
  datePrecision: (typeof t.DATE_PRECISIONS)[number];
  venue: string;
  rating: (typeof t.RATINGS)[number];
  party: { id: number; slug: string; name: string };
};

export type StanceOfClaim = {
  claimId: number;
  questionId: number;
  position: (typeof t.STANCE_POSITIONS)[number];
  note: string;
};

export const claimSummaryColumns = {
  id: t.claims.id,
  statement: t.claims.statement,
  form: t.claims.form,
  type: t.claims.type,
  saidOn: t.claims.saidOn,
  datePrecision: t.claims.datePrecision,
  venue: t.claims.venue,
  rating: t.claims.rating,
  party: { id: t.parties.id, slug: t.parties.slug, name: t.parties.name },
};

/** A claim's own columns as ClaimSummary has them, without its party (rows that flatten the party). */
export type ClaimColumns = Omit<ClaimSummary, 'party'>;

/** What a claim is, as the open formats (the API, the story export) give it: form and type, when and where it was said, its rating. */
export function claimFacts({ form, type, saidOn, datePrecision, venue, rating }: Omit<ClaimColumns, 'id' | 'statement'>) {
  return { form, type, saidOn, datePrecision, venue, rating };
}

/** The published claims of a story as summaries, for the caller to order and window. */
export function publishedClaimsOfStoryQuery(db: Db, storyId: number) {
  return db
    .select(claimSummaryColumns)
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(and(eq(t.claims.storyId, storyId), isPublic));
}

/** Published claims of a story, oldest first (the timeline's order). */
export function publishedClaimsOfStory(db: Db, storyId: number): ClaimSummary[] {
  return publishedClaimsOfStoryQuery(db, storyId).orderBy(asc(t.claims.saidOn), asc(t.claims.id)).all();
}

const stanceColumns = {
  claimId: t.stances.claimId,
  questionId: t.stances.questionId,
  position: t.stances.position,
  note: t.stances.note,
};

/** Stances of the published claims of a story. */
export function publishedStancesOfStory(db: Db, storyId: number): StanceOfClaim[] {
  return db
    .select(stanceColumns)
    .from(t.stances)
    .innerJoin(t.claims, eq(t.claims.id, t.stances.claimId))
    .where(and(eq(t.claims.storyId, storyId), isPublic))
    .all();
}

export function stancesOfClaims(db: Db, claimIds: number[]): StanceOfClaim[] {
  if (claimIds.length === 0) return [];
  return db
    .select(stanceColumns)
    .from(t.stances)
    .where(inArray(t.stances.claimId, claimIds))
    .all();
}

export type CitationView = {
  claimId: number;
  role: (typeof t.CITATION_ROLES)[number];
  passage: string;
  /** The quote found (or not) in the source's archived text; null when there is nothing to check. */
  check: {
    outcome: (typeof t.QUOTE_OUTCOMES)[number];
    start: number | null;
    end: number | null;
    snapshotId: number;
    /** For an altered quote, the words it changes (“never” for “not”); otherwise ''. */
    changes: string;
  } | null;
  source: {
    id: number;
    title: string;
    publisher: string;
    kind: (typeof t.SOURCE_KINDS)[number];
    publishedOn: string | null;
    url: string | null;
    /** BCP 47; a passage quoted from it carries it as `lang` (ADR 027). Optional for callers that build views by hand. */
    language?: string;
  };
};

const citationsOfClaimsQuery = preparedOnce((db) =>
  db
    .select({
      claimId: t.citations.claimId,
      role: t.citations.role,
      passage: t.citations.passage,
      checkOutcome: t.quoteChecks.outcome,
      checkStart: t.quoteChecks.start,
      checkEnd: t.quoteChecks.end,
      checkSnapshotId: t.quoteChecks.snapshotId,
      checkDetail: t.quoteChecks.detail,
      source: columnsOf(t.sources, ['id', 'title', 'publisher', 'kind', 'publishedOn', 'url', 'language']),
    })
    .from(t.citations)
    .innerJoin(t.sources, eq(t.sources.id, t.citations.sourceId))
    .leftJoin(t.quoteChecks, eq(t.quoteChecks.citationId, t.citations.id))
    .where(inList(t.citations.claimId, 'claimIds'))
    .orderBy(asc(t.citations.claimId), asc(t.citations.id))
    .prepare(),
);

function citationsOfClaims(db: Db, claimIds: number[]): CitationView[] {
  if (claimIds.length === 0) return [];
  return citationsOfClaimsQuery(db)
    .all({ claimIds: listParam(claimIds) })
    .map(({ checkOutcome, checkStart, checkEnd, checkSnapshotId, checkDetail, ...citation }) => ({
      ...citation,
      check:
        checkOutcome && checkSnapshotId
          ? {
              outcome: checkOutcome,
              start: checkStart,
              end: checkEnd,
              snapshotId: checkSnapshotId,
              changes: checkOutcome === 'altered' && checkDetail ? alterationsOf((JSON.parse(checkDetail) as Pick<QuoteCheck, 'fragments'>).fragments ?? []) : '',
            }
          : null,
    }));
}

/** A quote found in an archived text, with the rest of its paragraph around it. */
export type FoundPassage = { before: string; quote: string; after: string };

const snapshotTexts = preparedOnce((db) =>
  db.select({ id: t.sourceSnapshots.id, text: t.sourceSnapshots.text }).from(t.sourceSnapshots).where(inList(t.sourceSnapshots.id, 'ids')).prepare(),
);

/** The archived passages the quote checks found, each within its paragraph. */
function checkedPassages(db: Db, citations: CitationView[]): Map<CitationView, FoundPassage> {
  const found = citations.filter((c) => c.check && c.check.start !== null && c.check.end !== null);
  const ids = [...new Set(found.map((c) => c.check!.snapshotId))];
  const texts = new Map(
    ids.length
      ? snapshotTexts(db).all({ ids: listParam(ids) }).map((r) => [r.id, r.text])
      : [],
  );
  const passages = new Map<CitationView, FoundPassage>();
  for (const citation of found) {
    const text = texts.get(citation.check!.snapshotId);
    if (!text) continue;
    const { start, end } = citation.check as { start: number; end: number };
    const paragraphStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', end);
    const paragraphEnd = newline === -1 ? text.length : newline;
    passages.set(citation, {
      before: text.slice(paragraphStart, start),
      quote: text.slice(start, end),
      after: text.slice(end, paragraphEnd),
    });
  }
  return passages;
}

export type CorrectionListing = {
  kind: 'correction' | 'retraction';
  claimId: number;
  note: string;
  at: string;
  statement: string;
  form: ClaimSummary['form'];
  party: { slug: string; name: string };
};

/** The claim a listed correction or retraction is on, as the listing names it. */
const listedClaimColumns = { statement: t.claims.statement, form: t.claims.form, party: { slug: t.parties.slug, name: t.parties.name } };

/** A listing entry's columns, from a correction's row or from a retracted claim's own. */
const correctionEntryColumns = { claimId: t.corrections.claimId, note: t.corrections.note, at: t.corrections.createdAt, ...listedClaimColumns };
const retractionEntryColumns = { claimId: t.claims.id, note: t.claims.retractionNote, at: t.claims.retractedAt, ...listedClaimColumns };

/** Corrections and retractions, newest first: the newsroom's public record of its own changes. */
export function correctionsListing(db: Db, limit = 200): CorrectionListing[] {
  const corrected = db
    .select(correctionEntryColumns)
    .from(t.corrections)
    .innerJoin(t.claims, eq(t.claims.id, t.corrections.claimId))
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(isOnRecord)
    .orderBy(desc(t.corrections.createdAt))
    .limit(limit)
    .all()
    .map((row) => ({ kind: 'correction' as const, ...row }));
  const retracted = db
    .select(retractionEntryColumns)
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(eq(t.claims.state, 'retracted'))
    .orderBy(desc(t.claims.retractedAt))
    .limit(limit)
    .all()
    .map((row) => ({ kind: 'retraction' as const, ...row, at: row.at ?? '' }));
  return [...corrected, ...retracted].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

/** Citations of several claims, keyed by claim id. */
export function citationsByClaim(db: Db, claimIds: number[]): Map<number, CitationView[]> {
  const byClaim = new Map<number, CitationView[]>();
  for (const citation of citationsOfClaims(db, claimIds)) {
    const list = byClaim.get(citation.claimId) ?? [];
    list.push(citation);
    byClaim.set(citation.claimId, list);
  }
  return byClaim;
}

type PublicCorrection = { id: number; note: string; createdAt: string };

export type ClaimPage = {
  claim: ClaimSummary & {
    ratingExplanationMd: string;
    updatedAt: string;
    version: number;
    state: (typeof t.CLAIM_STATES)[number];
    retractionNote: string;
    retractedAt: string | null;
    /** When readers first saw it (later approved edits keep this date and add corrections). */
    publishedAt: string | null;
  };
  corrections: PublicCorrection[];
  speakerRoles: string[];
  story: { id: number; slug: string; title: string };
  stances: (StanceOfClaim & { question: { slug: string; proposition: string; shortLabel: string } })[];
  citations: CitationView[];
  /** The passages of archived sources where the quote was found. */
  foundPassages: Map<CitationView, FoundPassage>;
  /** Per question of this claim: the latest of what each other party says on it. */
  otherViews: {
    questionId: number;
    /** Whether more parties speak to it than the entries show (the question page has them all). */
    more: boolean;
    entries: { claim: ClaimSummary; position: StanceOfClaim['position']; note: string }[];
  }[];
  /** Its language, original and renderings (ADR 027). */
  words?: ClaimWords;
};

/**
 * `otherViews: false` skips "what the others say", `passages: false` the archived passages around
 * each quote (the API's claims carry neither): they come back empty.
 */
type ClaimPageParts = { otherViews?: boolean; passages?: boolean };

export function claimPage(db: Db, claimId: number, parts: ClaimPageParts = {}): ClaimPage | undefined {
  return claimPages(db, [claimId], parts).get(claimId);
}

// claimPages' reads, built once per connection (decision 030).
const claimPageRows = preparedOnce((db) =>
  db
    .select({
      ...claimSummaryColumns,
      ...columnsOf(t.claims, ['ratingExplanationMd', 'updatedAt', 'version', 'state', 'retractionNote', 'retractedAt', 'publishedAt']),
      story: { id: t.stories.id, slug: t.stories.slug, title: t.stories.title },
    })
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId))
    // A retracted claim keeps its address, with the retraction notice: readers who cited it must find why.
    .where(and(inList(t.claims.id, 'claimIds'), isOnRecord))
    .prepare(),
);
const claimPageStances = preparedOnce((db) =>
  db
    .select({
      ...stanceColumns,
      question: { slug: t.questions.slug, proposition: t.questions.proposition, shortLabel: t.questions.shortLabel },
    })
    .from(t.stances)
    .innerJoin(t.questions, eq(t.questions.id, t.stances.questionId))
    .where(inList(t.stances.claimId, 'claimIds'))
    .orderBy(asc(t.questions.position))
    .prepare(),
);
const claimPageCorrections = preparedOnce((db) =>
  db
    .select(columnsOf(t.corrections, ['id', 'claimId', 'note', 'createdAt']))
    .from(t.corrections)
    .where(inList(t.corrections.claimId, 'claimIds'))
    .orderBy(asc(t.corrections.id))
    .prepare(),
);

/**
 * Several claims as their pages show them, a fixed number of statements for all of them (a page of
 * the API's claims), plus one per claim for "what the others say" when it is asked for. Only claims
 * on the record (published or retracted) are in the map.
 */
export function claimPages(db: Db, claimIds: number[], { otherViews: withOtherViews = true, passages = true }: ClaimPageParts = {}): Map<number, ClaimPage> {
  const pages = new Map<number, ClaimPage>();
  if (claimIds.length === 0) return pages;
  const rows = claimPageRows(db).all({ claimIds: listParam(claimIds) });
  if (rows.length === 0) return pages;
  const ids = rows.map((row) => row.id);

  const roles = rolesOfParties(db, [...new Set(rows.map((row) => row.party.id))]);
  const stances = claimPageStances(db).all({ claimIds: listParam(ids) });
  const corrections = groupRowsBy(claimPageCorrections(db).all({ claimIds: listParam(ids) }), 'claimId');
  const citations = citationsByClaim(db, ids);
  // One map for every page: each looks up its own citations in it.
  const found = passages ? checkedPassages(db, [...citations.values()].flat()) : new Map<CitationView, FoundPassage>();
  const words = claimWordsByClaim(db, ids);

  for (const { story, ...claim } of rows) {
    const own = stances.filter((stance) => stance.claimId === claim.id);
    const questionIds = own.map((stance) => stance.questionId);
    const others = withOtherViews ? latestOtherViews(db, questionIds, claim.party.id, OTHER_PARTIES_SHOWN) : [];
    pages.set(claim.id, {
      claim,
      corrections: corrections.get(claim.id) ?? [],
      speakerRoles: rolesAt(roles.get(claim.party.id) ?? [], claim.saidOn),
      story,
      stances: own,
      citations: citations.get(claim.id) ?? [],
      foundPassages: found,
      words: words.get(claim.id),
      otherViews: questionIds.map((questionId) => {
        const all = others.filter((o) => o.questionId === questionId);
        return {
          questionId,
          more: all.length > OTHER_PARTIES_SHOWN,
          entries: all.slice(0, OTHER_PARTIES_SHOWN).map(({ questionId: _q, position, note, ...summary }) => ({ claim: summary, position, note })),
        };
      }),
    });
  }
  return pages;
}

/** Parties shown under "what the others say" per question; the question page has the rest. */
const OTHER_PARTIES_SHOWN = 8;

const LATEST_OTHER_VIEWS = `
  WITH latest AS (
    SELECT question_id AS questionId, claim_id AS claimId,
      row_number() OVER (PARTITION BY question_id ORDER BY said_on DESC, claim_id DESC) AS rank
    FROM question_party_latest
    WHERE question_id IN (SELECT value FROM json_each(?)) AND party_id <> ?
  )
  SELECT l.questionId AS questionId, st.position AS position, st.note AS note,
    c.id AS id, c.statement AS statement, c.form AS form, c.type AS type, c.said_on AS saidOn,
    c.date_precision AS datePrecision, c.venue AS venue, c.rating AS rating,
    p.id AS partyId, p.slug AS partySlug, p.name AS partyName
  FROM latest l
    JOIN claims c ON c.id = l.claimId
    JOIN stances st ON st.claim_id = l.claimId AND st.question_id = l.questionId
    JOIN parties p ON p.id = c.party_id
  WHERE l.rank <= ?
  ORDER BY questionId, saidOn DESC, id DESC`;

/**
 * Per question, the other parties' latest published claims on it, the most recent first: one row
 * per party, at most `limit` + 1 parties per question (one more than shown tells that there are
 * more). Read from question_party_latest (kept by triggers, decision 031) in its newest-first
 * index: the cost follows the rows shown, not how many parties spoke or how often.
 */
function latestOtherViews(db: Db, questionIds: number[], exceptPartyId: number, limit: number) {
  if (questionIds.length === 0) return [];
  // One constant text, prepared once (src/db.ts keeps it): drizzle's sql`` would build it afresh.
  const rows = db.$client.prepare(LATEST_OTHER_VIEWS).all(listParam(questionIds), exceptPartyId, limit + 1) as (ClaimColumns & {
    questionId: number;
    position: StanceOfClaim['position'];
    note: string;
    partyId: number;
    partySlug: string;
    partyName: string;
  })[];
  return rows.map(({ partyId, partySlug, partyName, ...rest }) => ({ ...rest, party: { id: partyId, slug: partySlug, name: partyName } }));
}
