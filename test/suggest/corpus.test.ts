/**
 * The development corpus (fixtures/suggest-corpus) as a regression test: each split keeps issue
 * 13's targets with its metric (a label is found when one suggestion covers 30% of its words,
 * each suggestion counting once; speaker right on found labels). `npm run eval:suggest` prints
 * the same numbers with every miss.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSuggestCorpus, parseCorpusFile } from '../../fixtures/suggest-corpus.js';
import { matchKey } from '../../src/suggest/match-key.js';
import { matchByCoverage } from '../../src/suggest/scoring.js';
import { suggestClaims } from '../../src/suggest/suggest.js';

const corpus = loadSuggestCorpus();

function score(split: 'dev' | 'test') {
  let labels = 0;
  let suggestions = 0;
  let found = 0;
  let right = 0;
  for (const article of corpus.filter((a) => a.split === split)) {
    const list = suggestClaims({ text: article.text, publishedOn: article.date, parties: [] });
    const report = matchByCoverage(list, article.labels);
    labels += article.labels.length;
    suggestions += list.length;
    found += report.found.length;
    right += report.found.filter((f) => {
      const name = ` ${matchKey(f.suggestion.speaker.name)} `;
      return f.label.speakers.some((alt) => name.includes(` ${matchKey(alt).replace(/^(?:the|a|an) /, '')} `));
    }).length;
  }
  return { precision: found / suggestions, recall: found / labels, speaker: right / found };
}

describe('the suggester on its development corpus', () => {
  it('has at least 40 articles, ten of them held out, every one labelled', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} articles`);
    assert.ok(corpus.filter((a) => a.split === 'test').length >= 10);
    for (const a of corpus) assert.ok(a.labels.every((l) => l.speakers.length > 0 && l.statement !== ''), a.file);
  });

  for (const split of ['dev', 'test'] as const) {
    it(`keeps precision ≥ 0.93, recall ≥ 0.85 and speaker ≥ 0.93 on the ${split} split`, () => {
      const s = score(split);
      assert.ok(s.precision >= 0.93 && s.recall >= 0.85 && s.speaker >= 0.93, JSON.stringify(s));
    });
  }

  it('reads the corpus file format', () => {
    const a = parseCorpusFile('x.md', '---\ndate: 2025-01-02\nsplit: test\nstyle: wire\n---\nJo Doe said it rained.\n## Labels\n- Jo Doe | Doe :: it rained\n');
    assert.deepEqual(a.labels, [{ speakers: ['Jo Doe', 'Doe'], statement: 'it rained' }]);
    assert.equal(a.split, 'test');
  });
});
