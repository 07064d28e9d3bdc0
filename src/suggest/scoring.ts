/**
 * Scoring suggestions against the claims a journalist extracted by hand: pairs one to one, best
 * first, and reports precision and recall with the misses and the extras. For the tests and
 * `npm run eval:suggest`.
 */
import { STATEMENT_MATCH_THRESHOLD, statementCloseness, statementSimilarity } from './similarity.js';
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
