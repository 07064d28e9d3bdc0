/**
 * What a page shows of a claim's words (ADR 027): the language it was said in, the original when
 * the newsroom has it, each rendering with the source that published it and how its quote check
 * came out, and where renderings in one language differ, a word-level comparison of them (the
 * quote checker's own word diff, src/quotes/verify-quote.ts). Read for published rows only: the
 * callers pass claims the public may see.
 */
import { eq, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { inList, listParam, preparedOnce, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { changedStretches, diffWords, type DiffOp } from '../quotes/verify-quote.js';
import { languageName, sameLanguage } from './languages.js';
import { differingPairs, renderingsByClaim, type Rendering } from './renderings.js';

type Source = { id: number; title: string; publisher: string };
type Outcome = (typeof t.QUOTE_OUTCOMES)[number];

export type RenderingView = Rendering & { source: Source | null; outcome: Outcome | null; translated: boolean };

export type Comparison = {
  language: string;
  first: RenderingView;
  second: RenderingView;
  /** diffWords(first, second): 'added' words are the first's own, 'removed' the second's. */
  ops: DiffOp[];
  /** The differing words, side by side: [“chance”, “random”]. */
  changes: [string, string][];
};

export type ClaimWords = {
  language: string | null;
  languageName: string | null;
  original: string;
  renderings: RenderingView[];
  comparisons: Comparison[];
  /** Shown only in translation: said in another language than the statement, without the original. */
  inTranslation: boolean;
  /** "Said in German; English as translated by The Independent", or '' when there is nothing to say. */
  note: string;
};

/** Who a rendering's words are by, for a reader: "as translated by The Independent". */
export function translatorPhrase(r: Pick<RenderingView, 'translatedBy' | 'translatorName' | 'source'>): string {
  if (r.translatedBy === 'outlet') return `as translated by ${r.source?.publisher ?? 'the outlet'}`;
  if (r.translatedBy === 'newsroom') return 'as translated by our newsroom';
  if (r.translatedBy === 'translator') return `as translated by ${r.translatorName}`;
  return r.source ? `as reported by ${r.source.publisher}` : '';
}

function changesOf(ops: DiffOp[]): [string, string][] {
  return changedStretches(ops).map(({ added, removed }) => [added, removed]);
}

export function claimWordsOf(
  claim: { id: number; form: string; language: string | null; originalStatement: string },
  renderings: Rendering[],
  sources: Map<number, Source>,
  outcomes: Map<string, Outcome>,
): ClaimWords {
  const views: RenderingView[] = renderings.map((r) => ({
    ...r,
    source: r.sourceId !== null ? (sources.get(r.sourceId) ?? null) : null,
    outcome: r.sourceId !== null ? (outcomes.get(`${claim.id}:${r.sourceId}`) ?? null) : null,
    translated: !!claim.language && !sameLanguage(claim.language, r.language),
  }));
  const comparisons = differingPairs(views).map(([a, b]) => {
    const ops = diffWords(a.text, b.text);
    return { language: a.language, first: a as RenderingView, second: b as RenderingView, ops, changes: changesOf(ops) };
  });
  const lead = views[0];
  const hasOriginal = claim.originalStatement.trim() !== '';
  const inTranslation = !hasOriginal && !!lead && lead.translated;
  let note = '';
  if (claim.language && lead && lead.translated) {
    const who = translatorPhrase(lead);
    note = `Said in ${languageName(claim.language)}; ${languageName(lead.language)}${who ? ` ${who}` : ''}.`;
  }
  return {
    language: claim.language,
    languageName: claim.language ? languageName(claim.language) : null,
    original: claim.originalStatement,
    renderings: views,
    comparisons,
    inTranslation,
    note,
  };
}

/** The words of several claims at once (the story page marks those whose renderings differ). */
// claimWordsByClaim's reads, built once per connection (decision 030).
const wordsOfClaims = preparedOnce((db) =>
  db.select(columnsOf(t.claims, ['id', 'form', 'language', 'originalStatement'])).from(t.claims).where(inList(t.claims.id, 'claimIds')).prepare(),
);
const renderingSources = preparedOnce((db) =>
  db.select({ id: t.sources.id, title: t.sources.title, publisher: t.sources.publisher }).from(t.sources).where(inList(t.sources.id, 'sourceIds')).prepare(),
);
const checkOutcomesOfClaims = preparedOnce((db) =>
  db
    .select({ claimId: t.citations.claimId, sourceId: t.citations.sourceId, outcome: t.quoteChecks.outcome })
    .from(t.quoteChecks)
    .innerJoin(t.citations, eq(t.citations.id, t.quoteChecks.citationId))
    .where(inList(t.citations.claimId, 'claimIds'))
    .prepare(),
);

export function claimWordsByClaim(db: Db, claimIds: number[]): Map<number, ClaimWords> {
  const result = new Map<number, ClaimWords>();
  if (claimIds.length === 0) return result;
  const claims = wordsOfClaims(db).all({ claimIds: listParam(claimIds) });
  const renderings = renderingsByClaim(db, claimIds);
  const sourceIds = [...new Set([...renderings.values()].flat().map((r) => r.sourceId).filter((id): id is number => id !== null))];
  const sources = new Map(
    (sourceIds.length
      ? renderingSources(db).all({ sourceIds: listParam(sourceIds) })
      : []
    ).map((s) => [s.id, s]),
  );
  const outcomes = new Map(
    checkOutcomesOfClaims(db)
      .all({ claimIds: listParam(claimIds) })
      .map((row) => [`${row.claimId}:${row.sourceId}`, row.outcome] as const),
  );
  for (const claim of claims) result.set(claim.id, claimWordsOf(claim, renderings.get(claim.id) ?? [], sources, outcomes));
  return result;
}

/**
 * Published claims of a story whose renderings in one language use different words. Only claims
 * with a second rendering are looked at (a partial index finds them), and only their renderings
 * are read: a story whose claims have only their statement costs one small query. The story page
 * marks these; it needs no word diff, sources or quote checks for that.
 */
export function partingClaimIdsOfStory(db: Db, storyId: number): Set<number> {
  const ids = db
    .all<{ id: number }>(
      sql`SELECT DISTINCT c.id AS id FROM claim_renderings r JOIN claims c ON c.id = r.claim_id
          WHERE r.position > 0 AND c.story_id = ${storyId} AND c.state = 'published'`,
    )
    .map((r) => r.id);
  const parting = new Set<number>();
  for (const [id, renderings] of renderingsByClaim(db, ids)) if (differingPairs(renderings).length) parting.add(id);
  return parting;
}

/** The same claims with their words, compared (the story's "translations that part ways" page). */
export function partingClaimsOfStory(db: Db, storyId: number): Map<number, ClaimWords> {
  return claimWordsByClaim(db, [...partingClaimIdsOfStory(db, storyId)]);
}

