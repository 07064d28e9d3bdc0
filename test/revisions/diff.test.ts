import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffParagraphs, diffWords } from '../../src/revisions/diff.js';

const render = (changes: { op: string; text: string }[]) =>
  changes.map((c) => (c.op === 'same' ? c.text : c.op === 'added' ? `[+${c.text}]` : `[-${c.text}]`)).join('');

describe('word differences', () => {
  test('a word changed in the middle of a quote is shown alone, the rest unchanged', () => {
    const changes = diffWords('We will not send Taurus missiles to Ukraine', 'We will not deliver Taurus missiles to Ukraine');
    assert.equal(render(changes), 'We will not [-send][+deliver] Taurus missiles to Ukraine');
  });

  test('words added at the start and the end, and changes on both sides of a common middle', () => {
    assert.equal(render(diffWords('people on the ground', 'no people on the ground here')), '[+no ]people on the ground[+ here]');
    assert.equal(render(diffWords('a b c d e', 'x b c d y')), '[-a][+x] b c d [-e][+y]');
  });

  test('identical and empty texts', () => {
    assert.equal(render(diffWords('same words', 'same words')), 'same words');
    assert.equal(render(diffWords('', 'new text')), '[+new text]');
    assert.equal(render(diffWords('old text', '')), '[-old text]');
  });
});

describe('paragraph differences between two captures', () => {
  test('kept, changed, removed and added paragraphs', () => {
    const before = 'First paragraph.\nThe minister said no.\nA paragraph that goes.';
    const after = 'First paragraph.\nThe minister said yes.\nA paragraph that goes.\nA new paragraph.';
    const changes = diffParagraphs(before, after);
    assert.deepEqual(
      changes.map((c) => [c.op, render(c.words)]),
      [
        ['same', 'First paragraph.'],
        ['changed', 'The minister said [-no.][+yes.]'],
        ['same', 'A paragraph that goes.'],
        ['added', '[+A new paragraph.]'],
      ],
    );
  });
});
