import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectFurniture } from '../../src/sources/furniture.js';

const SEED = readFileSync(
  new URL('../../fixtures/sources/independent-2024-03-05-german-military-leak.txt', import.meta.url),
  'utf8',
);

describe('detectFurniture', () => {
  it('finds the donation appeal, the agency credit and the comments block of the seed article', () => {
    const furniture = detectFurniture(SEED);
    assert.deepEqual(
      furniture.map((f) => f.reason),
      ['donation_appeal', 'credit', 'comments'],
    );
    const [appeal, credit, comments] = furniture;
    assert.ok(appeal && credit && comments);
    assert.equal(appeal.start, 0);
    assert.equal(appeal.end, SEED.indexOf('A German military leak'));
    assert.ok(appeal.text.endsWith('Your support makes all the difference.'));
    assert.equal(credit.text, 'Associated Press contributed to this report');
    assert.ok(comments.text.startsWith('Join our commenting forum'));
    assert.equal(comments.end, SEED.trimEnd().length);
    for (const f of furniture) assert.equal(SEED.slice(f.start, f.end), f.text);
  });

  it('finds newsletter prompts, promotions and credits in other layouts', () => {
    const text = [
      'Sign up for the Daily Briefing newsletter to get the news in your inbox',
      'The council approved the plan on Monday.',
      'Read more: Why the plan matters',
      'The mayor said the vote was close.',
      'Additional reporting by Sam Lee',
    ].join('\n');
    assert.deepEqual(
      detectFurniture(text).map((f) => [f.reason, f.text]),
      [
        ['newsletter', 'Sign up for the Daily Briefing newsletter to get the news in your inbox'],
        ['promotion', 'Read more: Why the plan matters'],
        ['credit', 'Additional reporting by Sam Lee'],
      ],
    );
  });

  it('leaves reporting alone, even when it quotes an appeal', () => {
    const text = [
      '“Thank you for your support,” the candidate told voters on Friday.',
      'She said the campaign would publish its accounts.',
      'Comments from residents were mixed.',
    ].join('\n');
    assert.deepEqual(detectFurniture(text), []);
  });
});
