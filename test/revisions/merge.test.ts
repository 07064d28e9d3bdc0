/** The three-way merge of a stale form: only fields both sides changed are left to the person. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeValues } from '../../src/revisions/merge.js';

const base = { title: 'A', publisher: 'P', description: 'one\ntwo', comment: '' };

test('a field only they changed takes their value; only I changed keeps mine; both changed is a conflict', () => {
  const theirs = { ...base, title: 'A (theirs)', description: 'one\ntwo\nthree' };
  const mine = { ...base, publisher: 'P (mine)', description: 'one\r\ntwo\r\nfour', comment: 'my note' };
  const merged = mergeValues(base, theirs, mine);
  assert.deepEqual(merged.values, { title: 'A (theirs)', publisher: 'P (mine)', description: 'one\r\ntwo\r\nfour', comment: 'my note' });
  assert.deepEqual(merged.theirs, ['title']);
  assert.deepEqual(merged.conflicts, ['description']);
});

test('the same change on both sides is no conflict, and CRLF from a textarea is no change', () => {
  const theirs = { ...base, title: 'Same' };
  const mine = { ...base, title: 'Same', description: 'one\r\ntwo' };
  const merged = mergeValues(base, theirs, mine);
  assert.deepEqual(merged.conflicts, []);
  assert.deepEqual(merged.theirs, []);
});

test('rows compare after normalising (blank rows a form adds are not a change)', () => {
  type V = { rows: string[]; comment: string };
  const normalise = (v: V) => ({ ...v, rows: v.rows.filter(Boolean) });
  const merged = mergeValues<V>({ rows: ['a'], comment: '' }, { rows: ['a', 'b'], comment: '' }, { rows: ['a', ''], comment: '' }, { normalise });
  assert.deepEqual(merged.values.rows, ['a', 'b']);
  assert.deepEqual(merged.theirs, ['rows']);
});
