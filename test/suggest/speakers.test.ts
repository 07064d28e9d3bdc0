import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestClaims } from '../../src/suggest/suggest.js';
import { party } from './helpers.js';

describe('suggestClaims: speakers', () => {
  const parties = [
    party('acme', 'Acme Ltd', ['Acme']),
    party('jo-bloggs', 'Jo Bloggs', [], ['Acme chief executive', 'head of Acme']),
    party('lee-chan', 'Lee Chan', ['Lady Chan'], ['Britain’s trade minister']),
  ];
  const run = (text: string): string[] =>
    suggestClaims({ text, publishedOn: '2024-05-01', parties }).map((s) => `${s.speaker.partySlug ?? s.speaker.name}: ${s.statement}`);

  it('matches roles case-insensitively, with or without "the" or a possessive', () => {
    assert.deepEqual(run('The trade minister said exports were rising.'), ['lee-chan: exports were rising']);
    assert.deepEqual(run('Britain’s Trade Minister, speaking in Leeds, said exports were rising.'), [
      'lee-chan: exports were rising',
    ]);
    assert.deepEqual(run('The Acme chief executive said profits were up.'), ['jo-bloggs: profits were up']);
  });

  it('matches titled surnames, aliases and bare surnames', () => {
    assert.deepEqual(run('Ms Bloggs said profits were up. Baroness Chan said exports were rising.'), [
      'jo-bloggs: profits were up',
      'lee-chan: exports were rising',
    ]);
    assert.deepEqual(run('Lady Chan said exports were rising. Bloggs said profits were up.'), [
      'lee-chan: exports were rising',
      'jo-bloggs: profits were up',
    ]);
  });

  it('prefers the longest match: the head of an organisation is not the organisation', () => {
    assert.deepEqual(run('The head of Acme said profits were up.'), ['jo-bloggs: profits were up']);
    assert.deepEqual(run('Acme said profits were up.'), ['acme: profits were up']);
  });

  it('carries pronouns from the last speaker, and drops them with no one to carry', () => {
    assert.deepEqual(run('He said profits were up.'), []);
    assert.deepEqual(run('“Profits are up,” she said.'), []);
    assert.deepEqual(run('“Profits are up.”'), []);
    assert.deepEqual(run('Lady Chan said exports were rising.\n“We are winning,” she added. They said no more.'), [
      'lee-chan: exports were rising',
      'lee-chan: We are winning',
      'lee-chan: no more',
    ]);
    // Issue 13: a person named as a sentence's subject is who a following pronoun means.
    assert.deepEqual(run('Lady Chan spoke first. She said exports were rising.'), ['lee-chan: exports were rising']);
    // A person only mentioned (not the subject) is not.
    assert.deepEqual(run('Reporters asked about Lady Chan. She said exports were rising.'), []);
  });

  it('keeps unknown speakers as the text names them', () => {
    assert.deepEqual(run('“It is a scandal,” said Jane Doe, a lawyer for the families.'), ['Jane Doe: It is a scandal']);
    // Issue 13: a spokesperson speaks for the body (the desk would otherwise make "a spokesperson" a party).
    assert.deepEqual(run('A spokesperson for the regulator said it was looking into the matter.'), [
      'the regulator: it was looking into the matter',
    ]);
    assert.deepEqual(run('Residents, who asked not to be named, said the water smelled.'), [
      'Residents: the water smelled',
    ]);
  });

  it('does not take non-speakers for speakers', () => {
    assert.deepEqual(
      run(
        [
          'It is said to have been a mistake.',
          'The decision added to the pressure on ministers.',
          'Their claim that exports fell was wrong.',
          'It was not clear what he said.',
        ].join('\n'),
      ),
      [],
    );
  });

  it('takes a document as the speaker of what it says (issue 13: "the suit says")', () => {
    assert.deepEqual(run('The report says that exports fell.'), ['the report: exports fell']);
  });

  it('deduplicates identical suggestions', () => {
    assert.deepEqual(run('Lady Chan said exports were rising.\nLady Chan said exports were rising.'), [
      'lee-chan: exports were rising',
    ]);
  });
});
