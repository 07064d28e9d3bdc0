/**
 * Quote checks: every verbatim or partial quote of a claim, looked for in the archived text of
 * each source the claim cites. The result, with the passage's offsets, is stored per citation and
 * recomputed whenever the claim's record or the source's snapshot changes (both call
 * `refreshQuoteChecks` inside their own transaction).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { renderingsByClaim, textForSource } from '../claims/renderings.js';
import { changedStretches, verifyQuote, type DiffOp, type QuoteOutcome, type QuoteVerification } from './verify-quote.js';

export type QuoteCheck = {
  outcome: QuoteOutcome;
  start: number | null;
  end: number | null;
  similarity: number | null;
  /** One entry per quoted fragment (a verbatim quote is one fragment). */
  fragments: { quote: string; result: QuoteVerification }[];
};

const RANK: Record<QuoteOutcome, number> = { exact: 0, normalised: 1, editorial: 2, altered: 3, not_found: 4 };

/** The fragments a partial quote puts between quotation marks (curly or straight). */
function quotedFragments(statement: string): string[] {
  return [...statement.matchAll(/[“"]([^”"]+)[”"]/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

/** What must be found in the source: the whole statement, or a partial quote's fragments. */
export function quotesOf(record: { statement: string; form: string }): string[] {
  if (record.form === 'verbatim') return [record.statement];
  if (record.form === 'partial_quote') return quotedFragments(record.statement);
  return [];
}

export function checkQuotes(quotes: string[], text: string): QuoteCheck | null {
  if (quotes.length === 0) return null;
  const fragments = quotes.map((quote) => ({ quote, result: verifyQuote(quote, text) }));
  const worst = fragments.reduce((a, b) => (RANK[b.result.outcome] > RANK[a.result.outcome] ? b : a));
  const found = fragments.map((f) => f.result).filter((r): r is Extract<QuoteVerification, { start: number }> => 'start' in r);
  return {
    outcome: worst.result.outcome,
    start: found.length ? Math.min(...found.map((r) => r.start)) : null,
    end: found.length ? Math.max(...found.map((r) => r.end)) : null,
    similarity: 'similarity' in worst.result ? worst.result.similarity : null,
    fragments,
  };
}

/**
 * The words an altered quote changes, as an editor reads them: “deliver” for “send”; adds
 * “never”; leaves out “not”. At most `limit` changes, then how many more.
 */
export function describeAlteration(diff: DiffOp[], limit = 3): string {
  const changes: string[] = [];
  for (const stretch of changedStretches(diff)) {
    const a = stretch.added.trim();
    const r = stretch.removed.trim();
    if (a && r) changes.push(`“${a}” for “${r}”`);
    else if (a) changes.push(`adds “${a}”`);
    else if (r) changes.push(`leaves out “${r}”`);
  }
  const shown = changes.slice(0, limit).join('; ');
  return changes.length > limit ? `${shown}; and ${changes.length - limit} more` : shown;
}

/** What an altered check changed, over all its fragments ('' when nothing was altered). */
export function alterationsOf(fragments: QuoteCheck['fragments']): string {
  return fragments
    .map((f) => (f.result.outcome === 'altered' ? describeAlteration(f.result.diff) : ''))
    .filter(Boolean)
    .join('; ');
}

export function isVerified(outcome: QuoteOutcome): boolean {
  return outcome === 'exact' || outcome === 'normalised' || outcome === 'editorial';
}

/** The latest snapshot of each source, by source id. */
export function latestSnapshots(db: Db, sourceIds: number[]): Map<number, { id: number; text: string }> {
  const latest = new Map<number, { id: number; text: string }>();
  if (sourceIds.length === 0) return latest;
  const rows = db
    .select({ id: t.sourceSnapshots.id, sourceId: t.sourceSnapshots.sourceId, text: t.sourceSnapshots.text })
    .from(t.sourceSnapshots)
    .where(inArray(t.sourceSnapshots.sourceId, [...new Set(sourceIds)]))
    .orderBy(desc(t.sourceSnapshots.id))
    .all();
  for (const row of rows) if (!latest.has(row.sourceId)) latest.set(row.sourceId, { id: row.id, text: row.text });
  return latest;
}

/**
 * Recompute the stored checks of one claim's citations, or of every citation of one source.
 * Call inside the transaction that changed the claim or the snapshot.
 */
export function refreshQuoteChecks(db: Db, scope: { claimId: number } | { sourceId: number }): void {
  const citations = db
    .select({
      id: t.citations.id,
      claimId: t.citations.claimId,
      sourceId: t.citations.sourceId,
      sourceLanguage: t.sources.language,
      statement: t.claims.statement,
      language: t.claims.language,
      originalStatement: t.claims.originalStatement,
      form: t.claims.form,
    })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .innerJoin(t.sources, eq(t.sources.id, t.citations.sourceId))
    .where('claimId' in scope ? eq(t.citations.claimId, scope.claimId) : eq(t.citations.sourceId, scope.sourceId))
    .all();
  const snapshots = latestSnapshots(db, citations.map((c) => c.sourceId));
  const renderings = renderingsByClaim(db, [...new Set(citations.map((c) => c.claimId))]);
  for (const citation of citations) {
    db.delete(t.quoteChecks).where(eq(t.quoteChecks.citationId, citation.id)).run();
    const snapshot = snapshots.get(citation.sourceId);
    // Each source is checked for its own words (ADR 027): its rendering, the original in its language, else the statement.
    const text = textForSource(
      { ...citation, renderings: renderings.get(citation.claimId) ?? [] },
      { id: citation.sourceId, language: citation.sourceLanguage },
    );
    const check = snapshot ? checkQuotes(quotesOf({ statement: text, form: citation.form }), snapshot.text) : null;
    if (!snapshot || !check) continue;
    db.insert(t.quoteChecks)
      .values({
        citationId: citation.id,
        snapshotId: snapshot.id,
        outcome: check.outcome,
        start: check.start,
        end: check.end,
        similarity: check.similarity,
        detail: JSON.stringify({ fragments: check.fragments }),
      })
      .run();
  }
}

type StoredQuoteCheck = {
  citationId: number;
  claimId: number;
  sourceId: number;
  outcome: QuoteOutcome;
  start: number | null;
  end: number | null;
  snapshotId: number;
};

export function storedChecks(db: Db, where: { claimIds?: number[]; sourceId?: number }): StoredQuoteCheck[] {
  const conditions = [];
  if (where.claimIds) conditions.push(inArray(t.citations.claimId, where.claimIds.length ? where.claimIds : [-1]));
  if (where.sourceId !== undefined) conditions.push(eq(t.citations.sourceId, where.sourceId));
  return db
    .select({
      citationId: t.quoteChecks.citationId,
      claimId: t.citations.claimId,
      sourceId: t.citations.sourceId,
      outcome: t.quoteChecks.outcome,
      start: t.quoteChecks.start,
      end: t.quoteChecks.end,
      snapshotId: t.quoteChecks.snapshotId,
    })
    .from(t.quoteChecks)
    .innerJoin(t.citations, eq(t.citations.id, t.quoteChecks.citationId))
    .where(and(...conditions))
    .all();
}
