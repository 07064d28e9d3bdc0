/**
 * An altered quote whose first or last word was changed: the diff shows what the source has
 * there ("not on the schedule" against "not on the agenda" is “schedule” for “agenda”, not
 * 'adds “schedule”' with "agenda" hidden).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAlteration } from '../../src/quotes/quote-checks.js';
import { verifyQuote } from '../../src/quotes/verify-quote.js';

const SOURCE =
  'The ministry spoke on Tuesday. A spokeswoman said the talks were not on the agenda at all this week, and that meetings would resume later in the month.';

function alteration(quote: string) {
  const result = verifyQuote(quote, SOURCE);
  assert.equal(result.outcome, 'altered', quote);
  return { text: describeAlteration(result.diff), passage: result.passage };
}

test('the last word changed: the diff names the word it replaced', () => {
  const { text, passage } = alteration('the talks were not on the schedule');
  assert.equal(text, '“schedule” for “agenda”');
  assert.match(passage, /agenda$/);
});

test('the first word changed: the diff names the word it replaced', () => {
  const { text, passage } = alteration('spokesman said the talks were not on the agenda');
  assert.equal(text, '“spokesman” for “spokeswoman”');
  assert.match(passage, /^spokeswoman/);
});

test('a word put at the end is shown against the word the source has there', () => {
  const { text, passage } = alteration('the talks were not on the agenda at all this week today');
  assert.equal(text, '“today” for “and”');
  assert.match(passage, /this week, and$/);
});

test('a middle word changed is unaffected', () => {
  assert.equal(alteration('the talks were never on the agenda at all').text, '“never” for “not”');
});
