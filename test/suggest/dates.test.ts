import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestClaims } from '../../src/suggest/suggest.js';
import { brief, party } from './helpers.js';

const BRIDGE = [
  'Mayor Ana Silva said today that the bridge would reopen in April.',
  'Speaking to reporters a fortnight ago, she had insisted the repairs were on schedule.',
  'On 3 March, the council leader, Peter Grant, told the Evening Courier newspaper that the budget was “under control”.',
  'In an interview with Channel 9 News on Monday, Ms Silva said the contractor had been paid.',
  'Mr Grant, appearing on the BBC’s Politics Live programme, said the council had “no plans” to raise fares.',
  '“We will fight this,” Mr Grant said, adding that the ruling was “deeply flawed”.',
].join('\n');

describe('suggestClaims on relative dates and venues', () => {
  it('dates and places each claim, and links a titled surname to the full name', () => {
    const suggestions = suggestClaims({
      text: BRIDGE,
      publishedOn: '2024-03-07',
      parties: [party('ana-silva', 'Ana Silva', [], ['mayor'])],
    });
    assert.deepEqual(suggestions.map(brief), [
      'ana-silva | paraphrase | 2024-03-07 day | the bridge would reopen in April',
      'ana-silva | paraphrase | 2024-02-22 approximate | the repairs were on schedule',
      '?Peter Grant | partial_quote | 2024-03-03 day @Evening Courier | the budget was “under control”',
      'ana-silva | paraphrase | 2024-03-04 day @Channel 9 News | the contractor had been paid',
      '?Peter Grant | partial_quote | 2024-03-07 reported_by @BBC’s Politics Live programme | the council had “no plans” to raise fares',
      '?Peter Grant | verbatim | 2024-03-07 reported_by | We will fight this',
      '?Peter Grant | partial_quote | 2024-03-07 reported_by | the ruling was “deeply flawed”',
    ]);
  });

  it('reads explicit and relative dates', () => {
    const claims = (sentence: string, publishedOn: string): string[] =>
      suggestClaims({ text: sentence, publishedOn, parties: [] }).map((s) => `${s.saidOn} ${s.datePrecision}`);
    // 2024-01-05 is a Friday.
    assert.deepEqual(claims('Jane Doe said on 28 December that the plan had failed.', '2024-01-05'), ['2023-12-28 day']);
    assert.deepEqual(claims('Jane Doe said on December 28, 2022 that the plan had failed.', '2024-01-05'), ['2022-12-28 day']);
    assert.deepEqual(claims('Jane Doe said on Friday that the plan had failed.', '2024-01-05'), ['2024-01-05 day']);
    assert.deepEqual(claims('Last Friday, Jane Doe said the plan had failed.', '2024-01-05'), ['2023-12-29 day']);
    assert.deepEqual(claims('Jane Doe said yesterday the plan had failed.', '2024-01-05'), ['2024-01-04 day']);
    assert.deepEqual(claims('Jane Doe said last week the plan had failed.', '2024-01-05'), ['2023-12-29 approximate']);
    assert.deepEqual(claims('Three days ago, Jane Doe said the plan had failed.', '2024-01-05'), ['2024-01-02 day']);
    assert.deepEqual(claims('Jane Doe said last month the plan had failed.', '2024-01-05'), ['2023-12-05 approximate']);
    // A future day, or a date inside the claim, is not when it was said.
    assert.deepEqual(claims('Jane Doe said she would travel on Monday.', '2024-01-05'), ['2024-01-05 reported_by']);
    assert.deepEqual(claims('Jane Doe will meet them next Tuesday, Ms Doe said.', '2024-01-05'), ['2024-01-05 reported_by']);
  });
});
