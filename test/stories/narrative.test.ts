import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ClaimSummary } from '../../src/claims/queries.js';
import { assembleMatrix, compareOnQuestion, type CellEntry, type Position } from '../../src/stories/narrative.js';

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

describe('assembleMatrix', () => {
  const questions = [
    { id: 10, slug: 'q-one', proposition: 'One', shortLabel: 'One?' },
    { id: 20, slug: 'q-two', proposition: 'Two', shortLabel: 'Two?' },
  ];
  const entry = (id: number, p: ReturnType<typeof party>, position: Position): CellEntry => ({ claim: claim(id, p), position, note: '' });
  const cells = new Map([
    ['10:1', { entries: [entry(1, ana, 'asserts'), entry(2, ana, 'qualifies')], total: 5 }],
    ['20:2', { entries: [entry(3, ben, 'denies')], total: 1 }],
  ]);
  const positions = [
    { questionId: 10, party: ana, positions: ['asserts', 'qualifies'] as Position[] },
    { questionId: 10, party: cy, positions: ['denies'] as Position[] },
    { questionId: 20, party: ben, positions: ['denies'] as Position[] },
  ];
  const cell = (q: number, p: number) => cells.get(`${q}:${p}`);

  test('cells hold the entries read for them and their totals; empty cells are empty', () => {
    const matrix = assembleMatrix({ questions, parties: [ana, ben], cell, positions });
    assert.deepEqual(matrix.parties.map((p) => p.name), ['Ana', 'Ben']);
    assert.deepEqual(matrix.rows[0]!.cells[0]!.entries.map((e) => e.claim.id), [1, 2]);
    assert.equal(matrix.rows[0]!.cells[0]!.total, 5);
    assert.deepEqual(matrix.rows[0]!.cells[1], { party: ben, entries: [], total: 0 });
  });

  test('the comparison speaks of every party, also those not shown as columns, unless the reader chose', () => {
    const all = assembleMatrix({ questions, parties: [ana, ben], cell, positions });
    assert.equal(all.rows[0]!.comparison.verdict, 'contested', 'Cy denies what Ana asserts, though Cy is no column');
    const chosen = assembleMatrix({ questions, parties: [ana, ben], cell, positions, onlyChosenParties: true });
    assert.equal(chosen.rows[0]!.comparison.verdict, 'disputed-by-none');
    assert.match(chosen.rows[0]!.comparison.summary, /among the chosen parties/);
  });
});

describe('the comparison summary', () => {
  test('names the first four parties of a side and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => party(10 + i, `P${i}`));
    const result = compareOnQuestion(many.map((p) => ({ party: p, entries: [{ position: 'asserts' as const }] })));
    assert.equal(result.summary, 'Agreed: P0, P1, P2, P3 and 3 others assert it.');
  });
});
