import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitIntoSentences } from '../../src/lib/sentences.js';

describe('splitIntoSentences', () => {
  it('minds titles, initials and abbreviations', () => {
    const text = 'Lt Gen. A. B. Smith met Dr. Jones at St. Mary’s. Prof. O. Brandt was not there. No. 10 said so.';
    assert.deepEqual(
      splitIntoSentences(text).map((s) => s.text),
      ['Lt Gen. A. B. Smith met Dr. Jones at St. Mary’s.', 'Prof. O. Brandt was not there.', 'No. 10 said so.'],
    );
  });

  it('never splits inside a quotation, but does after one', () => {
    const text =
      '“I know how it works. They do it well,” she says. “It was a find... targeted hacking followed.” He left. The verdict was “final”. Then it rained.';
    assert.deepEqual(
      splitIntoSentences(text).map((s) => s.text),
      [
        '“I know how it works. They do it well,” she says.',
        '“It was a find... targeted hacking followed.”',
        'He left.',
        'The verdict was “final”.',
        'Then it rained.',
      ],
    );
  });

  it('splits text glued together by a web capture, and keeps offsets', () => {
    const text = 'Thanks for reading.The minister resigned on Friday.\nA new paragraph.';
    const sentences = splitIntoSentences(text);
    assert.deepEqual(
      sentences.map((s) => s.text),
      ['Thanks for reading.', 'The minister resigned on Friday.', 'A new paragraph.'],
    );
    for (const s of sentences) assert.equal(text.slice(s.start, s.end), s.text);
  });
});
