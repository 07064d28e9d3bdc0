import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  ALTERED_THRESHOLD,
  MAX_ELLIPSIS_GAP,
  type QuoteVerification,
  describeOutcome,
  diffWords,
  normaliseWithMap,
  verifyQuote,
} from '../../src/quotes/verify-quote.js';
import { describeAlteration } from '../../src/quotes/quote-checks.js';

const SEED = readFileSync(
  new URL('../../fixtures/sources/independent-2024-03-05-german-military-leak.txt', import.meta.url),
  'utf8',
);

/** Narrow a result to one outcome, failing the test otherwise. */
function expectOutcome<O extends QuoteVerification['outcome']>(
  result: QuoteVerification,
  outcome: O,
): Extract<QuoteVerification, { outcome: O }> {
  assert.equal(result.outcome, outcome, `expected ${outcome}, got ${JSON.stringify(result)}`);
  return result as Extract<QuoteVerification, { outcome: O }>;
}

/** Offsets must always point into the original text. */
function assertLocated(result: { start: number; end: number; passage: string }, text: string): void {
  assert.equal(text.slice(result.start, result.end), result.passage);
}

const CRAFTED = [
  'The minister’s office issued a statement on Friday.',
  '“We have always been transparent about the programme,” she said — adding that the “review',
  'is ongoing”. The decision was taken in Brussels – not in London.',
  'Officials said the talks would resume next week, and that both sides remained committed to a deal.',
].join('\n');

describe('verifyQuote: exact', () => {
  it('finds a verbatim substring with its offsets', () => {
    const quote = 'We have always been transparent about the programme';
    const r = expectOutcome(verifyQuote(quote, CRAFTED), 'exact');
    assert.equal(r.passage, quote);
    assert.equal(r.start, CRAFTED.indexOf(quote));
    assert.equal(r.end, r.start + quote.length);
  });

  it('ignores whitespace around the quote', () => {
    const r = expectOutcome(verifyQuote('  The decision was taken in Brussels \n', CRAFTED), 'exact');
    assert.equal(r.passage, 'The decision was taken in Brussels');
  });

  it('prefers exact when the text has the curly marks itself', () => {
    const r = verifyQuote('“We have always been transparent about the programme,”', CRAFTED);
    expectOutcome(r, 'exact');
  });
});

describe('verifyQuote: normalised', () => {
  it('matches straight quotes and apostrophes against curly ones, mapping offsets back', () => {
    const r = expectOutcome(verifyQuote(`The minister's office issued a statement`, CRAFTED), 'normalised');
    assert.equal(r.passage, 'The minister’s office issued a statement');
    assertLocated(r, CRAFTED);
  });

  it('matches across case, dashes and line breaks', () => {
    const r = expectOutcome(verifyQuote('the review is ONGOING', CRAFTED.replace('“review', 'review')), 'normalised');
    assert.equal(r.passage, 'the review\nis ongoing');
    const dash = expectOutcome(verifyQuote('taken in Brussels - not in London', CRAFTED), 'normalised');
    assert.equal(dash.passage, 'taken in Brussels – not in London');
    const emDash = expectOutcome(verifyQuote('taken in Brussels — not in London', CRAFTED), 'normalised');
    assert.equal(emDash.passage, dash.passage);
  });

  it('collapses whitespace runs in both the quote and the text', () => {
    const text = 'He said the   talks\t\twere\u00a0over.';
    const r = expectOutcome(verifyQuote('the talks were  over', text), 'normalised');
    assert.equal(r.passage, 'the   talks\t\twere\u00a0over');
  });

  it('ignores enclosing quotation marks and a changed final punctuation mark', () => {
    const r = expectOutcome(
      verifyQuote('"We have always been transparent about the programme."', CRAFTED),
      'normalised',
    );
    assert.equal(r.passage, 'We have always been transparent about the programme');
  });

  it('treats … and ... alike', () => {
    const text = 'She wrote: “Wait… and see.”';
    const r = expectOutcome(verifyQuote('wait... and see', text), 'normalised');
    assert.equal(r.passage, 'Wait… and see');
  });

  it('keeps offsets right after astral characters and case changes that alter length', () => {
    const text = '🎉🎉 İstanbul said: “Café culture is back.”';
    const r = expectOutcome(verifyQuote('cafe culture'.replace('e c', 'é c'), text), 'normalised');
    assert.equal(r.passage, 'Café culture');
    assertLocated(r, text);
  });

  it('normaliseWithMap maps every output unit to its source range', () => {
    const source = 'A  “B”—c…';
    const map = normaliseWithMap(source);
    assert.equal(map.text, 'a "b"-c...');
    assert.deepEqual(
      [...map.text].map((_, i) => source.slice(map.starts[i], map.ends[i])),
      ['A', '  ', '“', 'B', '”', '—', 'c', '…', '…', '…'],
    );
  });
});

describe('verifyQuote: editorial', () => {
  const text =
    'The company said it had “acted quickly and responsibly, as we always do, to protect our customers”. ' +
    'It added that Mr Jones would step down.';

  it('treats an ellipsis as a gap and reports what it stands for', () => {
    const r = expectOutcome(verifyQuote('acted quickly and responsibly ... to protect our customers', text), 'editorial');
    assert.equal(r.passage, 'acted quickly and responsibly, as we always do, to protect our customers');
    assert.deepEqual(
      r.gaps.map((g) => ({ text: g.text, mark: g.mark })),
      [{ text: ', as we always do,', mark: '...' }],
    );
    for (const g of r.gaps) assert.equal(text.slice(g.start, g.end), g.text);
    assertLocated(r, text);
  });

  it('accepts the single-character ellipsis and a bracketed ellipsis', () => {
    expectOutcome(verifyQuote('acted quickly … to protect our customers', text), 'editorial');
    expectOutcome(verifyQuote('acted quickly [...] to protect our customers', text), 'editorial');
  });

  it('a bracketed insertion may stand for nothing in the source', () => {
    const r = expectOutcome(verifyQuote('It added that Mr Jones [the chief executive] would step down', text), 'editorial');
    assert.equal(r.gaps.length, 1);
    const gap = r.gaps[0];
    assert.ok(gap);
    assert.equal(gap.text, '');
    assert.equal(gap.start, gap.end);
    assert.equal(gap.mark, '[the chief executive]');
    assert.equal(r.passage, 'It added that Mr Jones would step down');
  });

  it('a bracketed insertion may replace a word', () => {
    const r = expectOutcome(verifyQuote('to protect [its] customers', text), 'editorial');
    assert.deepEqual(
      r.gaps.map((g) => g.text),
      ['our'],
    );
  });

  it('a bracketed insertion never stands for a whole sentence', () => {
    const r = verifyQuote('protect our customers [and] It added that', text);
    assert.notEqual(r.outcome, 'editorial');
  });

  it('an ellipsis stands for at most MAX_ELLIPSIS_GAP characters', () => {
    const filler = 'word '.repeat(Math.ceil(MAX_ELLIPSIS_GAP / 5) + 10);
    const long = `The beginning of the story. ${filler}The end of the story.`;
    assert.notEqual(verifyQuote('The beginning of the story ... The end of the story', long).outcome, 'editorial');
    const short = `The beginning of the story. ${'word '.repeat(20)}The end of the story.`;
    expectOutcome(verifyQuote('The beginning of the story ... The end of the story', short), 'editorial');
  });

  it('leading and trailing marks become zero-width gaps at the ends', () => {
    const r = expectOutcome(verifyQuote('... would step down ...', text), 'editorial');
    assert.equal(r.passage, 'would step down');
    assert.deepEqual(
      r.gaps.map((g) => [g.start, g.end, g.text]),
      [
        [r.start, r.start, ''],
        [r.end, r.end, ''],
      ],
    );
  });

  it('combines editorial marks with normalisation', () => {
    const r = expectOutcome(verifyQuote(`ACTED quickly ... to PROTECT our customers`, text), 'editorial');
    assert.equal(r.gaps[0]?.text, 'and responsibly, as we always do,');
  });
});

describe('verifyQuote: altered', () => {
  const text = 'Speaking in Leeds, she said: “We will never accept a deal that puts jobs at risk.” The crowd cheered.';

  it('reports the closest passage, its similarity and a word diff', () => {
    const r = expectOutcome(verifyQuote('We will never accept a deal that puts workers at risk', text), 'altered');
    assert.equal(r.passage, 'We will never accept a deal that puts jobs at risk');
    assertLocated(r, text);
    assert.ok(r.similarity >= ALTERED_THRESHOLD && r.similarity < 1);
    assert.deepEqual(r.diff, [
      { op: 'same', text: 'We will never accept a deal that puts' },
      { op: 'removed', text: 'jobs' },
      { op: 'added', text: 'workers' },
      { op: 'same', text: 'at risk' },
    ]);
  });

  it('reports dropped words as removed', () => {
    const r = expectOutcome(verifyQuote('We will accept a deal that puts jobs at risk', text), 'altered');
    assert.deepEqual(
      r.diff.filter((d) => d.op !== 'same'),
      [{ op: 'removed', text: 'never' }],
    );
  });

  it('gives up below the threshold', () => {
    const r = expectOutcome(verifyQuote('The union will strike unless ministers accept the deal', text), 'not_found');
    assert.ok(r.similarity < ALTERED_THRESHOLD);
  });

  it('diffWords compares word by word, ignoring case and punctuation', () => {
    assert.deepEqual(diffWords('The plan, frankly, failed', 'the plan failed badly'), [
      { op: 'same', text: 'the plan' },
      { op: 'added', text: 'frankly' },
      { op: 'same', text: 'failed' },
      { op: 'removed', text: 'badly' },
    ]);
  });
});

describe('verifyQuote: not found', () => {
  it('says so for an invented sentence and for an empty quote', () => {
    expectOutcome(verifyQuote('Nobody expected the Spanish inquisition to arrive', CRAFTED), 'not_found');
    expectOutcome(verifyQuote('   ', CRAFTED), 'not_found');
    expectOutcome(verifyQuote('anything', ''), 'not_found');
  });
});

describe('describeOutcome', () => {
  it('gives a short label for each outcome and for a result', () => {
    assert.equal(describeOutcome('exact'), 'Exact match');
    assert.equal(describeOutcome('normalised'), 'Matches after normalisation');
    assert.equal(describeOutcome('editorial'), 'Matches with editorial marks');
    assert.equal(describeOutcome('altered'), 'Altered quote');
    assert.equal(describeOutcome('not_found'), 'Not found in source');
    assert.equal(describeOutcome(verifyQuote('Officials said', CRAFTED)), 'Exact match');
  });
});

describe('verifyQuote on the seed article', () => {
  it('finds every quoted passage of the article exactly', () => {
    const quoted = [...SEED.matchAll(/“([^“”]+)”/g)].map((m) => m[1] ?? '');
    assert.ok(quoted.length >= 15, `found ${quoted.length} quotations`);
    for (const quote of quoted) {
      const r = expectOutcome(verifyQuote(quote, SEED), 'exact');
      assert.equal(r.passage, quote.trim());
    }
  });

  it('an exact match wins over the editorial reading of "..." and "[phone]"', () => {
    const quote =
      'For the Russian secret services, it was a real find... targeted hacking took place in the hotels used across the board';
    expectOutcome(verifyQuote(quote, SEED), 'exact');
    const phone = 'It must therefore be assumed that the access to this [phone] conference was a chance hit';
    expectOutcome(verifyQuote(phone, SEED), 'exact');
    // With straight quotes the marks still match literally: normalised, not editorial.
    const straight = `"It must therefore be assumed that the access to this [phone] conference was a chance hit as part of a broad, scattered approach."`;
    expectOutcome(verifyQuote(straight, SEED), 'normalised');
  });

  it('matches straight quotes and apostrophes after normalisation', () => {
    const r = expectOutcome(
      verifyQuote(`"I will not sacrifice any of my best officers to Putin's games, to put it very clearly"`, SEED),
      'normalised',
    );
    assert.equal(r.passage, 'I will not sacrifice any of my best officers to Putin’s games, to put it very clearly');
    const r2 = expectOutcome(verifyQuote(`We've been clear from the outset that the UK will provide Ukraine`, SEED), 'normalised');
    assert.equal(r2.passage, 'We’ve been clear from the outset that the UK will provide Ukraine');
  });

  it('reads words cut out with "..." as editorial', () => {
    const r = expectOutcome(
      verifyQuote(
        'The reason the air force call could ... be recorded was because of an individual’s operational mistake',
        SEED,
      ),
      'editorial',
    );
    assert.deepEqual(
      r.gaps.map((g) => g.text),
      ['nonetheless'],
    );
    const long = expectOutcome(
      verifyQuote('I was very disappointed to read that story … the German air force officers … should be censured pretty heavily', SEED),
      'editorial',
    );
    assert.deepEqual(
      long.gaps.map((g) => g.text),
      ['. I think', 'who were talking on an open line, frankly,'],
    );
  });

  it('reads a changed bracketed insertion as editorial', () => {
    const r = expectOutcome(verifyQuote('the access to this [telephone] conference was a chance hit', SEED), 'editorial');
    assert.deepEqual(
      r.gaps.map((g) => g.text),
      ['[phone]'],
    );
  });

  it('reports one changed word as altered, with the diff showing it (and, at either end of the quote, what it replaced)', () => {
    const r = expectOutcome(verifyQuote('Our communication systems have not been hacked', SEED), 'altered');
    assert.equal(r.passage, 'Our communication systems have not been compromised');
    assert.deepEqual(
      r.diff.filter((d) => d.op !== 'same'),
      [
        { op: 'removed', text: 'compromised' },
        { op: 'added', text: 'hacked' },
      ],
    );
    const r2 = expectOutcome(
      verifyQuote('This leak could have been just the tip of the glacier', SEED),
      'altered',
    );
    assert.match(r2.passage, /^This leak could have been just the tip of the \S+$/);
    const replaced = r2.passage.split(' ').at(-1)!;
    assert.notEqual(replaced, 'glacier');
    assert.deepEqual(
      r2.diff.filter((d) => d.op !== 'same'),
      [
        { op: 'removed', text: replaced },
        { op: 'added', text: 'glacier' },
      ],
    );
    const r3 = expectOutcome(
      verifyQuote('I will not sacrifice any of my finest officers to Putin’s games, to put it very clearly', SEED),
      'altered',
    );
    assert.deepEqual(
      r3.diff.filter((d) => d.op !== 'same'),
      [
        { op: 'removed', text: 'best' },
        { op: 'added', text: 'finest' },
      ],
    );
  });

  it('does not find an invented sentence', () => {
    expectOutcome(
      verifyQuote('The Bundeswehr has never used a civilian video platform for classified briefings.', SEED),
      'not_found',
    );
  });
});

describe('verifyQuote on a long text', () => {
  /** A deterministic ~100 KB text of pseudo-words, with the seed article in the middle. */
  function bigText(): string {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`).concat(
      'the of and to a in that is was he for it with as his on be at by'.split(' '),
    );
    const words: string[] = [];
    let length = 0;
    while (length < 100_000) {
      const w = vocabulary[Math.floor(random() * vocabulary.length)] ?? 'the';
      words.push(random() < 0.07 ? `${w}.` : w);
      length += w.length + 1;
    }
    const half = Math.floor(words.length / 2);
    return `${words.slice(0, half).join(' ')}\n${SEED}\n${words.slice(half).join(' ')}`;
  }

  // Its speed is measured by `npm run bench`, not here: timings on a shared machine are noise.
  it('finds a 50-word quote in ~100 KB of text, in every tier', () => {
    const text = bigText();
    assert.ok(text.length > 95_000);
    const fifty =
      'Lord Dannatt, who also said he could not comment on British forces in Ukraine, told Times Radio: “I was very disappointed to read that story. I think the German air force officers who were talking on an open line, frankly, should be censured pretty heavily.”';
    const quotes: [string, QuoteVerification['outcome']][] = [
      [fifty, 'exact'],
      [fifty.replace(/[“”]/g, '"'), 'normalised'],
      [fifty.replace('frankly, should', '... should').replace('“', '"').replace('”', '"'), 'editorial'],
      [fifty.replace('disappointed', 'saddened').replace('open', 'unsecured'), 'altered'],
      [`${'Completely invented words about nothing in particular '.repeat(6)}at all`, 'not_found'],
    ];
    verifyQuote(fifty.replace('very', 'really'), text); // warm up
    for (const [quote, outcome] of quotes) {
      assert.equal(verifyQuote(quote, text).outcome, outcome);
    }
  });
});

describe('describing an altered quote', () => {
  it('the words it changes, adds and leaves out, in reading order, at most three', () => {
    const diff = (pairs: [string, string][]) => pairs.map(([op, text]) => ({ op: op as 'same' | 'added' | 'removed', text }));
    assert.equal(describeAlteration(diff([['same', 'we'], ['added', 'will'], ['removed', 'shall'], ['same', 'go']])), '“will” for “shall”');
    assert.equal(describeAlteration(diff([['same', 'a'], ['added', 'never'], ['same', 'b'], ['removed', 'not'], ['same', 'c']])), 'adds “never”; leaves out “not”');
    assert.equal(
      describeAlteration(diff([['added', 'w'], ['same', 'a'], ['added', 'x'], ['same', 'b'], ['added', 'y'], ['same', 'c'], ['added', 'z']])),
      'adds “w”; adds “x”; adds “y”; and 1 more',
    );
    assert.equal(describeAlteration(diff([['same', 'all'], ['same', 'same']])), '');
  });
});
