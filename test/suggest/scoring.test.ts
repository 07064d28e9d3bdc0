import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchByCoverage, matchSuggestions } from '../../src/suggest/scoring.js';
import { STATEMENT_MATCH_THRESHOLD, statementSimilarity } from '../../src/suggest/similarity.js';
import type { Suggestion } from '../../src/suggest/suggest.js';

describe('matchSuggestions', () => {
  const suggestion = (slug: string | null, statement: string, start = 0): Suggestion => ({
    speaker: { partySlug: slug, name: slug ?? 'Someone' },
    statement,
    form: 'paraphrase',
    passage: statement,
    start,
    end: start + statement.length,
    saidOn: '2024-01-01',
    datePrecision: 'reported_by',
    venue: '',
  });

  it('matches on party and similar statements, one to one', () => {
    const suggestions = [
      suggestion('a', 'the bridge will reopen in April', 0),
      suggestion('a', 'The bridge will reopen in April.', 10),
      suggestion('b', 'the bridge will reopen in April', 20),
      suggestion(null, 'profits are up', 30),
    ];
    const expected = [
      { partySlug: 'a', statement: 'Bridge to reopen in April' },
      { partySlug: 'c', statement: 'profits are up' },
    ];
    const report = matchSuggestions(suggestions, expected);
    assert.equal(report.truePositives, 1);
    assert.equal(report.precision, 1 / 4);
    assert.equal(report.recall, 1 / 2);
    assert.equal(report.matched[0]?.suggestion, suggestions[0]);
    assert.deepEqual(report.missed, [expected[1]]);
    assert.equal(report.unmatchedSuggestions.length, 3);
  });

  it('prefers the closest pairing', () => {
    const suggestions = [suggestion('a', 'exports rose in May and June'), suggestion('a', 'exports rose in May', 5)];
    const expected = [{ partySlug: 'a', statement: 'exports rose in May' }, { partySlug: 'a', statement: 'exports rose in May and June' }];
    const report = matchSuggestions(suggestions, expected);
    assert.equal(report.truePositives, 2);
    assert.deepEqual(
      report.matched.map((m) => [m.suggestion.statement, m.expected.statement]),
      [
        ['exports rose in May and June', 'exports rose in May and June'],
        ['exports rose in May', 'exports rose in May'],
      ],
    );
  });

  it('defines statement similarity by containment or content-word overlap', () => {
    assert.equal(statementSimilarity('“Very serious matter”', 'the leak was a very serious matter'), 1);
    assert.ok(statementSimilarity('the talks had stalled badly', 'talks stalled') >= STATEMENT_MATCH_THRESHOLD);
    assert.ok(statementSimilarity('the bridge will reopen', 'profits are up') < STATEMENT_MATCH_THRESHOLD);
    assert.equal(statementSimilarity('', 'anything'), 0);
  });

  it('handles empty lists', () => {
    const none = matchSuggestions([], []);
    assert.deepEqual([none.precision, none.recall, none.truePositives], [1, 1, 0]);
    const missed = matchSuggestions([], [{ partySlug: 'a', statement: 'x' }]);
    assert.deepEqual([missed.precision, missed.recall], [1, 0]);
  });
});

describe('matchByCoverage (issue 13’s metric)', () => {
  const s = (statement: string): Suggestion => ({
    speaker: { partySlug: null, name: 'x' },
    statement,
    form: 'paraphrase',
    passage: statement,
    start: 0,
    end: statement.length,
    saidOn: '2025-01-01',
    datePrecision: 'reported_by',
    venue: '',
  });

  it('finds a label when one suggestion covers 30% of its content words, each counted once', () => {
    const labels = [{ statement: 'the bridge would reopen in May after repairs' }, { statement: 'tolls would double next year' }];
    const report = matchByCoverage([s('the bridge would reopen'), s('the bridge would reopen in May')], labels);
    // Both suggestions cover the first label; only one may count, and neither covers the second.
    assert.equal(report.found.length, 1);
    assert.equal(report.precision, 0.5);
    assert.equal(report.recall, 0.5);
    // 1 of its 5 content words (tolls, would, double, next, year) is under 30%.
    assert.equal(matchByCoverage([s('next week')], [labels[1]!]).found.length, 0);
  });
});
