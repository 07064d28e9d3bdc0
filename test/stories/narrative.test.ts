import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ClaimSummary } from '../../src/claims/queries.js';
import { buildMatrix, compareOnQuestion, type CellEntry, type Position } from '../../src/stories/narrative.js';

const party = (id: number, name: string) => ({ id, slug: name.toLowerCase().replace(/ /g, '-'), name });
const claim = (id: number, p: ReturnType<typeof party>, saidOn = '2024-03-05'): ClaimSummary => ({
  id,
  statement: `Statement ${id}`,
  form: 'paraphrase',
  type: 'factual',
  saidOn,
  datePrecision: 'day',
  venue: '',
  rating: 'unverified',
  party: p,
});
const cell = (p: ReturnType<typeof party>, ...positions: Position[]) => ({
  party: p,
  entries: positions.map((position, i): CellEntry => ({ claim: claim(i + 1, p), position, note: '' })),
});

const ana = party(1, 'Ana');
const ben = party(2, 'Ben');
const cy = party(3, 'Cy');

describe('compareOnQuestion', () => {
  test('assert against deny is contested, and the summary names both sides', () => {
    const result = compareOnQuestion([cell(ana, 'asserts'), cell(ben, 'denies'), cell(cy, 'qualifies')]);
    assert.equal(result.verdict, 'contested');
    assert.equal(result.summary, 'Contested: Ana asserts it; Ben denies it; Cy qualifies it.');
  });
  test('a party that both asserts and denies makes it contested on its own', () => {
    const result = compareOnQuestion([cell(ana, 'asserts', 'denies')]);
    assert.equal(result.verdict, 'contested');
    assert.deepEqual(result.mixed, [ana]);
  });
  test('two parties asserting and none denying agree', () => {
    assert.equal(compareOnQuestion([cell(ana, 'asserts'), cell(ben, 'asserts', 'qualifies')]).verdict, 'agreed');
  });
  test('one side only, with nobody opposing, is one-sided', () => {
    const result = compareOnQuestion([cell(ana, 'asserts'), cell(ben, 'declines')]);
    assert.equal(result.verdict, 'disputed-by-none');
    assert.match(result.summary, /Ben declines to say/);
  });
  test('only refusals: unanswered; nothing at all: no positions', () => {
    assert.equal(compareOnQuestion([cell(ana, 'declines')]).verdict, 'unanswered');
    assert.equal(compareOnQuestion([cell(ana)]).verdict, 'no-positions');
  });
  test('over the parties a reader chose, the summary says so', () => {
    const chosen = { onlyChosenParties: true };
    assert.equal(compareOnQuestion([cell(ana, 'asserts'), cell(ben, 'denies')], chosen).summary, 'Contested among the chosen parties: Ana asserts it; Ben denies it.');
    assert.equal(compareOnQuestion([cell(ana)], chosen).summary, 'None of the chosen parties takes a position on it.');
    assert.equal(compareOnQuestion([cell(ana)]).summary, 'No published claim takes a position on it yet.');
  });
});

describe('buildMatrix', () => {
  const questions = [
    { id: 10, slug: 'q-one', proposition: 'One', shortLabel: 'One?' },
    { id: 20, slug: 'q-two', proposition: 'Two', shortLabel: 'Two?' },
  ];
  const claims = [claim(1, ana, '2024-03-06'), claim(2, ana, '2024-03-01'), claim(3, ben)];
  const stances = [
    { claimId: 1, questionId: 10, position: 'asserts' as const, note: '' },
    { claimId: 2, questionId: 10, position: 'qualifies' as const, note: '' },
    { claimId: 3, questionId: 20, position: 'denies' as const, note: '' },
  ];

  test('columns are the parties with stances, cells hold their claims oldest first', () => {
    const matrix = buildMatrix({ questions, claims, stances });
    assert.deepEqual(matrix.parties.map((p) => p.name), ['Ana', 'Ben']);
    assert.deepEqual(matrix.rows[0]!.cells[0]!.entries.map((e) => e.claim.id), [2, 1]);
    assert.deepEqual(matrix.rows[0]!.cells[1]!.entries, []);
  });

  test('the filter keeps the chosen parties and questions, and ignores names it does not know', () => {
    const matrix = buildMatrix({ questions, claims, stances, filter: { parties: ['ben', 'zed'], questions: ['q-two'] } });
    assert.deepEqual(matrix.parties.map((p) => p.slug), ['ben']);
    assert.deepEqual(matrix.rows.map((r) => r.question.slug), ['q-two']);
    const unknownOnly = buildMatrix({ questions, claims, stances, filter: { parties: ['zed'] } });
    assert.equal(unknownOnly.parties.length, 2);
  });
});
