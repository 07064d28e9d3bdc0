import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestClaims } from '../../src/suggest/suggest.js';

describe('suggestClaims: venues', () => {
  const venueOf = (sentence: string): string[] =>
    suggestClaims({ text: sentence, publishedOn: '2024-05-01', parties: [] }).map((s) => s.venue);

  it('reads the usual venue phrases', () => {
    assert.deepEqual(venueOf('Jane Doe told Times Radio: “We are ready.”'), ['Times Radio']);
    assert.deepEqual(venueOf('Jane Doe told Germany’s Bild newspaper that they were ready.'), ['Bild']);
    assert.deepEqual(venueOf('Jane Doe told the BBC that they were ready.'), ['BBC']);
    assert.deepEqual(venueOf('In an interview with Le Monde, Jane Doe said they were ready.'), ['Le Monde']);
    assert.deepEqual(venueOf('Jane Doe said at a press conference that they were ready.'), ['press conference']);
    assert.deepEqual(venueOf('Speaking on Radio Four’s Today programme, Jane Doe said they were ready.'), [
      'Radio Four’s Today programme',
    ]);
    assert.deepEqual(venueOf('Jane Doe said in a statement that they were ready.'), ['statement']);
    assert.deepEqual(venueOf('Jane Doe wrote on Telegram that they were ready.'), ['Telegram']);
  });

  it('does not take an audience or a person for a venue', () => {
    assert.deepEqual(venueOf('Jane Doe told reporters that they were ready.'), ['']);
    assert.deepEqual(venueOf('Jane Doe told Mr Smith that they were ready.'), ['']);
    assert.deepEqual(venueOf('Jane Doe said they were ready.'), ['']);
  });
});
