/**
 * Scoring suggestions against the claims a journalist extracted by hand: pairs one to one, best
 * first, and reports precision and recall with the misses and the extras. For the tests and
 * `npm run eval:suggest`.
 */
import { STATEMENT_MATCH_THRESHOLD, contentWords, statementCloseness, statementSimilarity } from './similarity.js';
import type { Suggestion } from './suggest.js';

export interface ExpectedClaim {
  partySlug: string;
  statement: string;
}

interface SuggestionMatch<E extends ExpectedClaim> {
  suggestion: Suggestion;
  expected: E;
  similarity: number;
}

interface MatchReport<E extends ExpectedClaim> {
  truePositives: number;
  /** truePositives / suggestions (1 when there are no suggestions) */
  precision: number;
  /** truePositives / expected (1 when nothing is expected) */
  recall: number;
  matched: SuggestionMatch<E>[];
  unmatchedSuggestions: Suggestion[];
  missed: E[];
}

/**
 * Match suggestions to expected claims one to one: a pair qualifies when the party slugs are
 * equal and statementSimilarity ≥ STATEMENT_MATCH_THRESHOLD; pairs are taken best first.
 */
export function matchSuggestions<E extends ExpectedClaim>(suggestions: Suggestion[], expected: E[]): MatchReport<E> {
  const pairs: { s: number; e: number; similarity: number; closeness: number }[] = [];
  suggestions.forEach((suggestion, s) => {
    expected.forEach((claim, e) => {
      if (suggestion.speaker.partySlug !== claim.partySlug) return;
      const similarity = statementSimilarity(suggestion.statement, claim.statement);
      if (similarity >= STATEMENT_MATCH_THRESHOLD) {
        pairs.push({ s, e, similarity, closeness: statementCloseness(suggestion.statement, claim.statement) });
      }
    });
  });
  // Best first; among equals (containment scores 1 either way), the closer pair in size.
  pairs.sort((x, y) => y.similarity - x.similarity || y.closeness - x.closeness || x.s - y.s || x.e - y.e);
  const usedS = new Set<number>();
  const usedE = new Set<number>();
  const matched: SuggestionMatch<E>[] = [];
  for (const pair of pairs) {
    if (usedS.has(pair.s) || usedE.has(pair.e)) continue;
    const suggestion = suggestions[pair.s];
    const claim = expected[pair.e];
    if (!suggestion || !claim) continue;
    usedS.add(pair.s);
    usedE.add(pair.e);
    matched.push({ suggestion, expected: claim, similarity: pair.similarity });
  }
  matched.sort((x, y) => x.suggestion.start - y.suggestion.start);
  const truePositives = matched.length;
  return {
    truePositives,
    precision: suggestions.length === 0 ? 1 : truePositives / suggestions.length,
    recall: expected.length === 0 ? 1 : truePositives / expected.length,
    matched,
    unmatchedSuggestions: suggestions.filter((_, i) => !usedS.has(i)),
    missed: expected.filter((_, i) => !usedE.has(i)),
  };
}

// ---------------------------------------------------------------------------------------------
// The quote-extraction metric of issue 13: a labelled quote is found when one suggestion covers
// at least 30% of its content words; each suggestion and each label counts once.

/** The share of a label's words a suggestion must cover for the label to count as found. */
const COVERAGE_THRESHOLD = 0.3;

/** The share of `label`'s content words that `suggestion` has. */
function coverage(suggestion: string, label: string): number {
  const wl = contentWords(label);
  const ws = contentWords(suggestion);
  let shared = 0;
  for (const w of wl) if (ws.has(w)) shared++;
  return wl.size === 0 ? 0 : shared / wl.size;
}

interface CoverageReport<L> {
  found: { suggestion: Suggestion; label: L; coverage: number }[];
  extras: Suggestion[];
  missed: L[];
  precision: number;
  recall: number;
}

/** Pair suggestions with labels one to one, best coverage first, ignoring who said it. */
export function matchByCoverage<L extends { statement: string }>(suggestions: Suggestion[], labels: L[]): CoverageReport<L> {
  const pairs: { s: number; l: number; c: number }[] = [];
  suggestions.forEach((s, si) =>
    labels.forEach((l, li) => {
      const c = coverage(s.statement, l.statement);
      if (c >= COVERAGE_THRESHOLD) pairs.push({ s: si, l: li, c });
    }),
  );
  pairs.sort((a, b) => b.c - a.c || a.s - b.s || a.l - b.l);
  const usedS = new Set<number>();
  const usedL = new Set<number>();
  const found: CoverageReport<L>['found'] = [];
  for (const p of pairs) {
    if (usedS.has(p.s) || usedL.has(p.l)) continue;
    usedS.add(p.s);
    usedL.add(p.l);
    found.push({ suggestion: suggestions[p.s]!, label: labels[p.l]!, coverage: p.c });
  }
  return {
    found,
    extras: suggestions.filter((_, i) => !usedS.has(i)),
    missed: labels.filter((_, i) => !usedL.has(i)),
    precision: suggestions.length === 0 ? 1 : found.length / suggestions.length,
    recall: labels.length === 0 ? 1 : found.length / labels.length,
  };
}
