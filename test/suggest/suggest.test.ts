import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type ExpectedClaim,
  type KnownParty,
  type Suggestion,
  STATEMENT_MATCH_THRESHOLD,
  detectFurniture,
  matchSuggestions,
  splitIntoSentences,
  statementSimilarity,
  suggestClaims,
} from '../../src/suggest/suggest.js';
import { verifyQuote } from '../../src/quotes/verify-quote.js';

const SEED = readFileSync(
  new URL('../../fixtures/sources/independent-2024-03-05-german-military-leak.txt', import.meta.url),
  'utf8',
);

/** The fields a test usually compares, in one line per suggestion. */
function brief(s: Suggestion): string {
  const who = s.speaker.partySlug ?? `?${s.speaker.name}`;
  const venue = s.venue ? ` @${s.venue}` : '';
  return `${who} | ${s.form} | ${s.saidOn} ${s.datePrecision}${venue} | ${s.statement}`;
}

function party(slug: string, name: string, aliases: string[] = [], roles: string[] = []): KnownParty {
  return { slug, name, aliases, roles };
}

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The seed article

const SEED_PARTIES: KnownParty[] = [
  party('boris-pistorius', 'Boris Pistorius', ['Mr Pistorius', 'Germany’s defence minister'], ['defence minister']),
  party(
    'ingo-gerhartz',
    'Ingo Gerhartz',
    ['Lieutenant General Ingo Gerhartz', 'head of the Luftwaffe'],
    ['head of the Luftwaffe', 'chief of the German air force'],
  ),
  party('downing-street', 'Downing Street', [
    'Mr Sunak’s spokesperson',
    'a spokesperson for prime minister Rishi Sunak',
    'Downing Street',
    'No 10',
  ]),
  party('rishi-sunak', 'Rishi Sunak', ['Mr Sunak'], ['prime minister']),
  party('david-cameron', 'David Cameron', ['Lord Cameron'], ['foreign secretary']),
  party('tobias-ellwood', 'Tobias Ellwood', ['Mr Ellwood'], ['former chair of the Commons Defence committee']),
  party('august-hanning', 'August Hanning', ['Germany’s former intelligence chief'], ['former intelligence chief']),
  party('dmitry-peskov', 'Dmitry Peskov', ['Kremlin spokesperson'], ['Kremlin spokesperson']),
  party('vladimir-putin', 'Vladimir Putin', ['Mr Putin'], ['Russian president']),
  party(
    'richard-dannatt',
    'Richard Dannatt',
    ['Lord Dannatt', 'General Sir Richard Dannatt'],
    ['Former head of the British Army'],
  ),
];

/** What a careful journalist extracts from the seed article, in their own words where paraphrased. */
const SEED_EXPECTED: (ExpectedClaim & { form: Suggestion['form'] })[] = [
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'Moscow likely tapped into the call not through a spy or targeted surveillance but by widespread monitoring' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'the unnamed senior officer had called in from Singapore and dialled in using his mobile phone or the hotel wifi, not a secured line' },
  { partySlug: 'boris-pistorius', form: 'verbatim', statement: 'For the Russian secret services, it was a real find... targeted hacking took place in the hotels used across the board' },
  { partySlug: 'boris-pistorius', form: 'verbatim', statement: 'It must therefore be assumed that the access to this [phone] conference was a chance hit as part of a broad, scattered approach.' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'there was no spy on the call' },
  { partySlug: 'boris-pistorius', form: 'verbatim', statement: 'Our communication systems have not been compromised' },
  { partySlug: 'boris-pistorius', form: 'verbatim', statement: 'The reason the air force call could nonetheless be recorded was because of an individual’s operational mistake.' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'the use of Webex was authorised; it was a specially certified version with servers in German military computing centres' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'the investigation is ongoing and security has been increased; disciplinary proceedings are being considered but severe consequences are unlikely' },
  { partySlug: 'boris-pistorius', form: 'verbatim', statement: 'I will not sacrifice any of my best officers to Putin’s games, to put it very clearly' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'the authorised call was made using certified services in Germany' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'Germany would take technical and organisational measures so such a leak could never happen again' },
  { partySlug: 'boris-pistorius', form: 'paraphrase', statement: 'he had spoken with allies, who said trust in Germany remained unbroken' },
  { partySlug: 'ingo-gerhartz', form: 'verbatim', statement: 'When it comes to mission planning, I know how the English do it, they do it completely in reachback. They also have a few people on the ground; they do that, the French don’t.' },
  { partySlug: 'downing-street', form: 'partial_quote', statement: 'the leak was a “very serious matter” for the German authorities to investigate' },
  { partySlug: 'downing-street', form: 'verbatim', statement: 'The UK was the first on our part to provide long-range precision strike missiles to Ukraine, and we would encourage our allies to do the same.' },
  { partySlug: 'downing-street', form: 'verbatim', statement: 'We’ve been clear from the outset that the UK will provide Ukraine with the necessary aid, including lethal support, to defend itself and reclaim its sovereign territory.' },
  { partySlug: 'downing-street', form: 'verbatim', statement: 'It is clearly in the Kremlin’s interest to propagate misinformation.' },
  { partySlug: 'downing-street', form: 'declined', statement: 'declined to comment on UK operations in Ukraine' },
  { partySlug: 'downing-street', form: 'partial_quote', statement: 'there was a “small number of troops” providing protection for British diplomats and training for Ukrainian forces' },
  { partySlug: 'tobias-ellwood', form: 'partial_quote', statement: 'described the leak as “worrying on a number of levels”' },
  { partySlug: 'tobias-ellwood', form: 'partial_quote', statement: 'questioned why “basic concept protocols” weren’t followed on the call' },
  { partySlug: 'august-hanning', form: 'paraphrase', statement: 'more Nato secrets could have been obtained following the leak' },
  { partySlug: 'august-hanning', form: 'verbatim', statement: 'This leak could have been just the tip of the iceberg.' },
  { partySlug: 'dmitry-peskov', form: 'partial_quote', statement: 'the leak proved “the direct involvement of the collective West in the conflict in Ukraine”' },
  { partySlug: 'richard-dannatt', form: 'partial_quote', statement: 'those responsible for the leak should be “censured pretty heavily”' },
  { partySlug: 'richard-dannatt', form: 'declined', statement: 'could not comment on British forces in Ukraine' },
  { partySlug: 'richard-dannatt', form: 'verbatim', statement: 'I was very disappointed to read that story. I think the German air force officers who were talking on an open line, frankly, should be censured pretty heavily.' },
];

describe('suggestClaims on the seed article', () => {
  const suggestions = suggestClaims({ text: SEED, publishedOn: '2024-03-05', parties: SEED_PARTIES });
  const report = matchSuggestions(suggestions, SEED_EXPECTED);
  const find = (fragment: string): Suggestion => {
    const found = suggestions.find((s) => s.statement.includes(fragment));
    assert.ok(found, `no suggestion containing ${fragment}`);
    return found;
  };

  it('reaches recall ≥ 0.9 and precision ≥ 0.8 against a journalist’s list', () => {
    const detail = [
      ...report.missed.map((m) => `missed: ${m.partySlug} ${m.statement}`),
      ...report.unmatchedSuggestions.map((s) => `extra: ${brief(s)}`),
    ].join('\n');
    assert.ok(report.recall >= 0.9, `recall ${report.recall}\n${detail}`);
    assert.ok(report.precision >= 0.8, `precision ${report.precision}\n${detail}`);
  });

  it('gives matched claims the journalist’s form', () => {
    const wrong = report.matched.filter((m) => m.suggestion.form !== m.expected.form);
    assert.deepEqual(
      wrong.map((m) => `${m.expected.statement}: ${m.suggestion.form}`),
      [],
    );
  });

  it('suggests nothing from page furniture', () => {
    const furniture = detectFurniture(SEED);
    for (const s of suggestions) {
      assert.ok(!furniture.some((f) => s.start < f.end && f.start < s.end), brief(s));
    }
  });

  it('gives passages that are the sentences in the text', () => {
    for (const s of suggestions) assert.equal(SEED.slice(s.start, s.end), s.passage);
  });

  it('quotes verbatim statements exactly as the text has them', () => {
    for (const s of suggestions.filter((x) => x.form === 'verbatim')) {
      if (s.speaker.partySlug === 'ingo-gerhartz') continue; // the split quote is joined
      assert.equal(verifyQuote(s.statement, SEED).outcome, 'exact', s.statement);
    }
  });

  it('joins a quotation split around its attribution', () => {
    const s = find('When it comes to mission planning');
    assert.equal(s.speaker.partySlug, 'ingo-gerhartz');
    assert.equal(s.form, 'verbatim');
    assert.equal(
      s.statement,
      'When it comes to mission planning, I know how the English do it, they do it completely in reachback. They also have a few people on the ground; they do that, the French don’t.',
    );
  });

  it('attributes a quotation continued in the next paragraph, with the speaker’s date', () => {
    const opener = find('The UK was the first on our part');
    const continued = find('We’ve been clear from the outset');
    for (const s of [opener, continued]) {
      assert.equal(s.speaker.partySlug, 'downing-street');
      assert.equal(s.form, 'verbatim');
      assert.equal(s.saidOn, '2024-03-04');
      assert.equal(s.datePrecision, 'day');
    }
  });

  it('resolves weekdays against the publication day', () => {
    const monday = find('very serious matter');
    assert.deepEqual([monday.saidOn, monday.datePrecision, monday.form], ['2024-03-04', 'day', 'partial_quote']);
    const tuesday = find('technical and organisational measures');
    assert.deepEqual([tuesday.saidOn, tuesday.datePrecision], ['2024-03-05', 'day']);
    const undated = find('no spy on the call');
    assert.deepEqual([undated.saidOn, undated.datePrecision], ['2024-03-05', 'reported_by']);
  });

  it('reads venues and declined comments', () => {
    const bild = find('tip of the iceberg');
    assert.deepEqual([bild.speaker.partySlug, bild.venue], ['august-hanning', 'Bild']);
    const radio = find('I was very disappointed');
    assert.deepEqual([radio.speaker.partySlug, radio.venue], ['richard-dannatt', 'Times Radio']);
    const declined = find('could not comment on British forces');
    assert.deepEqual([declined.form, declined.venue], ['declined', '']);
    assert.equal(find('declined to comment on UK operations').form, 'declined');
  });

  it('resolves pronouns, roles and titled surnames', () => {
    assert.equal(find('no spy on the call').speaker.name, 'Boris Pistorius'); // "The defence minister"
    assert.equal(find('Our communication systems').speaker.partySlug, 'boris-pistorius'); // "he"
    assert.equal(find('Kremlin’s interest').speaker.partySlug, 'downing-street'); // not Rishi Sunak
    assert.equal(find('collective West').speaker.partySlug, 'dmitry-peskov');
  });
});

describe('suggestClaims is not tied to the seed article’s names', () => {
  const renames: [string, string][] = [
    ['Boris Pistorius', 'Anna Lindqvist'],
    ['Pistorius', 'Lindqvist'],
    ['Ingo Gerhartz', 'Paul Moreau'],
    ['Tobias Ellwood', 'Nadia Okafor'],
    ['August Hanning', 'Pieter Smit'],
    ['Dmitry Peskov', 'Ivan Orlov'],
    ['Richard Dannatt', 'Henry Cole'],
    ['Lord Dannatt', 'Lord Cole'],
    ['Rishi Sunak', 'Mary Hart'],
    ['Sunak', 'Hart'],
    ['Times Radio', 'Radio Nine'],
    ['Bild', 'Der Kurier'],
  ];
  const rename = (s: string): string => renames.reduce((acc, [from, to]) => acc.replaceAll(from, to), s);
  const text = rename(SEED);
  const parties = SEED_PARTIES.map((p) => ({
    ...p,
    name: rename(p.name),
    aliases: p.aliases.map(rename),
  }));
  const expected = SEED_EXPECTED.map((e) => ({ ...e, statement: rename(e.statement) }));

  it('does as well with other names', () => {
    const report = matchSuggestions(suggestClaims({ text, publishedOn: '2024-03-05', parties }), expected);
    assert.ok(report.recall >= 0.9, `recall ${report.recall}`);
    assert.ok(report.precision >= 0.8, `precision ${report.precision}`);
  });

  it('names unknown speakers as the text does', () => {
    const suggestions = suggestClaims({ text, publishedOn: '2024-03-05', parties: [] });
    const names = new Set(suggestions.map((s) => s.speaker.name));
    for (const name of ['Anna Lindqvist', 'Lieutenant General Paul Moreau', 'Kremlin spokesperson Ivan Orlov']) {
      assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
    }
    // "Mr Lindqvist" is the Anna Lindqvist already met, not a new speaker.
    assert.ok(!names.has('Mr Lindqvist'));
    assert.ok(suggestions.every((s) => s.speaker.partySlug === null));
  });
});

// ---------------------------------------------------------------------------------------------
// Articles written for these tests

const WATER_PARTIES: KnownParty[] = [
  party('northwater', 'Northwater Utilities', ['Northwater']),
  party('helen-marsh', 'Helen Marsh', ['Dr Marsh'], ['chief executive of Northwater Utilities']),
  party('tom-reyes', 'Tom Reyes', [], ['environment secretary']),
  party('environment-agency', 'Environment Agency', ['the EA']),
];

const WATER = [
  'Sign up to our free Morning Briefing newsletter',
  'Leaked emails show that a regional water company knew for months that its treatment works were discharging raw sewage into the River Wend, according to the campaign group Clean Rivers Now.',
  'The emails, seen by this newspaper, were sent between January and June. Dr Helen Marsh, the chief executive of Northwater Utilities, said on Wednesday that the company “takes its environmental duties extremely seriously”.',
  '“We have nothing to hide,” she told BBC Radio 4’s Today programme. “Every spill is reported to the regulator within the hour.”',
  'The environment secretary, Tom Reyes, described the emails as “deeply troubling” and said the regulator would investigate.',
  '“This is not the first time we have heard such claims,” Mr Reyes said yesterday, “and I fear it will not be the last.”',
  'He added: “The regulator must act, and it must act quickly.',
  '“Families who swim in the Wend deserve the truth.”',
  'A spokesperson for the Environment Agency declined to comment on the investigation.',
  'Prof. Samuel O. Brandt, a hydrologist who was not involved in the research, said the figures were consistent with satellite data.',
  'Last week, Northwater said in a statement that it had invested £40m in new storm tanks.',
  'Reporting by Jo Webb; Editing by Ann Price',
].join('\n');

describe('suggestClaims on a British-style article', () => {
  const suggestions = suggestClaims({ text: WATER, publishedOn: '2023-11-16', parties: WATER_PARTIES });

  it('finds every claim, with speaker, form, date and venue', () => {
    assert.deepEqual(suggestions.map(brief), [
      '?the campaign group Clean Rivers Now | paraphrase | 2023-11-16 reported_by | Leaked emails show that a regional water company knew for months that its treatment works were discharging raw sewage into the River Wend',
      'helen-marsh | partial_quote | 2023-11-15 day | the company “takes its environmental duties extremely seriously”',
      'helen-marsh | verbatim | 2023-11-15 day @BBC Radio 4’s Today programme | We have nothing to hide',
      'helen-marsh | verbatim | 2023-11-15 day @BBC Radio 4’s Today programme | Every spill is reported to the regulator within the hour.',
      'tom-reyes | partial_quote | 2023-11-16 reported_by | described the emails as “deeply troubling”',
      'tom-reyes | paraphrase | 2023-11-16 reported_by | the regulator would investigate',
      'tom-reyes | verbatim | 2023-11-15 day | This is not the first time we have heard such claims, and I fear it will not be the last.',
      'tom-reyes | verbatim | 2023-11-15 day | The regulator must act, and it must act quickly.',
      'tom-reyes | verbatim | 2023-11-15 day | Families who swim in the Wend deserve the truth.',
      'environment-agency | declined | 2023-11-16 reported_by | declined to comment on the investigation',
      '?Prof. Samuel O. Brandt | paraphrase | 2023-11-16 reported_by | the figures were consistent with satellite data',
      'northwater | paraphrase | 2023-11-09 approximate @statement | it had invested £40m in new storm tanks',
    ]);
  });

  it('keeps the passage of a continued quotation to its own paragraph', () => {
    const continued = suggestions.find((s) => s.statement.startsWith('Families'));
    assert.equal(continued?.passage, '“Families who swim in the Wend deserve the truth.”');
  });
});

const LEAK_PARTIES: KnownParty[] = [
  party('maria-lopez', 'Maria Lopez'),
  party('dan-ortiz', 'Dan Ortiz', [], ['Pentagon press secretary']),
];

const PENTAGON = [
  "WASHINGTON (AP) — The Pentagon's inspector general has opened an inquiry into how classified briefing slides ended up on a gaming forum, officials said Thursday.",
  'The slides, which appeared online two weeks ago, described troop movements, said Sen. Maria Lopez, who chairs the Senate Armed Services subcommittee.',
  '"We are treating this with the utmost seriousness," Pentagon press secretary Dan Ortiz told reporters at a news conference. "Anyone who shared these documents will be held accountable."',
  'Ortiz would not say how many people had access to the slides.',
  'According to two officials familiar with the inquiry, investigators have identified a suspect.',
  'The suspect\'s lawyer, Rebecca Hale, denied that her client had shared anything. "My client is a patriot," she said.',
  'On June 3, Lopez wrote on X that the leak was "a national embarrassment."',
  'The Associated Press contributed to this report.',
].join('\n');

describe('suggestClaims on an American wire story', () => {
  it('handles datelines, inverted attribution, straight quotes and "according to"', () => {
    const suggestions = suggestClaims({ text: PENTAGON, publishedOn: '2024-06-14', parties: LEAK_PARTIES });
    assert.deepEqual(suggestions.map(brief), [
      '?officials | paraphrase | 2024-06-13 day | The Pentagon\'s inspector general has opened an inquiry into how classified briefing slides ended up on a gaming forum',
      'maria-lopez | paraphrase | 2024-06-14 reported_by | The slides, which appeared online two weeks ago, described troop movements',
      'dan-ortiz | verbatim | 2024-06-14 reported_by @news conference | We are treating this with the utmost seriousness',
      'dan-ortiz | verbatim | 2024-06-14 reported_by @news conference | Anyone who shared these documents will be held accountable.',
      'dan-ortiz | declined | 2024-06-14 reported_by | would not say how many people had access to the slides',
      '?two officials familiar with the inquiry | paraphrase | 2024-06-14 reported_by | investigators have identified a suspect',
      '?Rebecca Hale | paraphrase | 2024-06-14 reported_by | denied that her client had shared anything',
      '?Rebecca Hale | verbatim | 2024-06-14 reported_by | My client is a patriot',
      'maria-lopez | partial_quote | 2024-06-03 day @X | the leak was "a national embarrassment."',
    ]);
  });
});

const BRIDGE = [
  'Mayor Ana Silva said today that the bridge would reopen in April.',
  'Speaking to reporters a fortnight ago, she had insisted the repairs were on schedule.',
  'On 3 March, the council leader, Peter Grant, told the Evening Courier newspaper that the budget was “under control”.',
  'In an interview with Channel 9 News on Monday, Ms Silva said the contractor had been paid.',
  'Mr Grant, appearing on the BBC’s Politics Live programme, said the council had “no plans” to raise fares.',
  '“We will fight this,” Mr Grant said, adding that the ruling was “deeply flawed”.',
].join('\n');

const STEEL = [
  'Advertisement',
  "LONDON, May 2 (Reuters) - Britain's biggest steelmaker will cut 2,800 jobs, the company said on Thursday, blaming high energy costs.",
  'The job losses, which unions described as "a hammer blow", will fall mostly in south Wales.',
  '"This is a dark day for Port Talbot," said Alun Davies, national officer of the Community union. "Workers have been betrayed."',
  'Business Secretary Kemi Okoro said the government had offered £500 million in support, but that the firm had chosen to press ahead.',
  '"We did everything we could," she told Sky News. "But this is a commercial decision."',
  "Labour's shadow business secretary said ministers had been asleep at the wheel.",
  'Shares in the parent company rose 3% in early trading.',
  'The union said it would ballot members for strike action next week.',
  'Reporting by Sarah Young; Editing by Mark Potter',
].join('\n');

describe('suggestClaims on a wire story with other conventions', () => {
  it('handles a hyphen dateline, thousands separators, qualified roles and named officials', () => {
    const suggestions = suggestClaims({
      text: STEEL,
      publishedOn: '2024-05-02',
      parties: [
        party('kemi-okoro', 'Kemi Okoro', [], ['business secretary']),
        party('community-union', 'Community union', ['the union']),
      ],
    });
    assert.deepEqual(suggestions.map(brief), [
      '?the company | paraphrase | 2024-05-02 day | Britain\'s biggest steelmaker will cut 2,800 jobs; blaming high energy costs',
      // A named person is the speaker, not the organisation in their description.
      '?Alun Davies | verbatim | 2024-05-02 reported_by | This is a dark day for Port Talbot',
      '?Alun Davies | verbatim | 2024-05-02 reported_by | Workers have been betrayed.',
      'kemi-okoro | paraphrase | 2024-05-02 reported_by | the government had offered £500 million in support, but that the firm had chosen to press ahead',
      'kemi-okoro | verbatim | 2024-05-02 reported_by @Sky News | We did everything we could',
      'kemi-okoro | verbatim | 2024-05-02 reported_by @Sky News | But this is a commercial decision.',
      // The shadow business secretary is not the business secretary.
      "?Labour's shadow business secretary | paraphrase | 2024-05-02 reported_by | ministers had been asleep at the wheel",
      'community-union | paraphrase | 2024-05-02 reported_by | it would ballot members for strike action next week',
    ]);
  });
});

describe('suggestClaims on relative dates and venues', () => {
  it('dates and places each claim, and links a titled surname to the full name', () => {
    const suggestions = suggestClaims({
      text: BRIDGE,
      publishedOn: '2024-03-07',
      parties: [party('ana-silva', 'Ana Silva', [], ['mayor'])],
    });
    assert.deepEqual(suggestions.map(brief), [
      'ana-silva | paraphrase | 2024-03-07 day | the bridge would reopen in April',
      'ana-silva | paraphrase | 2024-02-22 approximate | the repairs were on schedule',
      '?Peter Grant | partial_quote | 2024-03-03 day @Evening Courier | the budget was “under control”',
      'ana-silva | paraphrase | 2024-03-04 day @Channel 9 News | the contractor had been paid',
      '?Peter Grant | partial_quote | 2024-03-07 reported_by @BBC’s Politics Live programme | the council had “no plans” to raise fares',
      '?Peter Grant | verbatim | 2024-03-07 reported_by | We will fight this',
      '?Peter Grant | partial_quote | 2024-03-07 reported_by | the ruling was “deeply flawed”',
    ]);
  });

  it('reads explicit and relative dates', () => {
    const claims = (sentence: string, publishedOn: string): string[] =>
      suggestClaims({ text: sentence, publishedOn, parties: [] }).map((s) => `${s.saidOn} ${s.datePrecision}`);
    // 2024-01-05 is a Friday.
    assert.deepEqual(claims('Jane Doe said on 28 December that the plan had failed.', '2024-01-05'), ['2023-12-28 day']);
    assert.deepEqual(claims('Jane Doe said on December 28, 2022 that the plan had failed.', '2024-01-05'), ['2022-12-28 day']);
    assert.deepEqual(claims('Jane Doe said on Friday that the plan had failed.', '2024-01-05'), ['2024-01-05 day']);
    assert.deepEqual(claims('Last Friday, Jane Doe said the plan had failed.', '2024-01-05'), ['2023-12-29 day']);
    assert.deepEqual(claims('Jane Doe said yesterday the plan had failed.', '2024-01-05'), ['2024-01-04 day']);
    assert.deepEqual(claims('Jane Doe said last week the plan had failed.', '2024-01-05'), ['2023-12-29 approximate']);
    assert.deepEqual(claims('Three days ago, Jane Doe said the plan had failed.', '2024-01-05'), ['2024-01-02 day']);
    assert.deepEqual(claims('Jane Doe said last month the plan had failed.', '2024-01-05'), ['2023-12-05 approximate']);
    // A future day, or a date inside the claim, is not when it was said.
    assert.deepEqual(claims('Jane Doe said she would travel on Monday.', '2024-01-05'), ['2024-01-05 reported_by']);
    assert.deepEqual(claims('Jane Doe will meet them next Tuesday, Ms Doe said.', '2024-01-05'), ['2024-01-05 reported_by']);
  });
});

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
    // Only an attributed speaker is carried, not any person mentioned.
    assert.deepEqual(run('Lady Chan spoke first. She said exports were rising.'), []);
  });

  it('keeps unknown speakers as the text names them', () => {
    assert.deepEqual(run('“It is a scandal,” said Jane Doe, a lawyer for the families.'), ['Jane Doe: It is a scandal']);
    assert.deepEqual(run('A spokesperson for the regulator said it was looking into the matter.'), [
      'a spokesperson for the regulator: it was looking into the matter',
    ]);
    assert.deepEqual(run('Residents, who asked not to be named, said the water smelled.'), [
      'Residents: the water smelled',
    ]);
  });

  it('does not take non-speakers for speakers', () => {
    assert.deepEqual(
      run(
        [
          'The report says that exports fell.',
          'It is said to have been a mistake.',
          'The decision added to the pressure on ministers.',
          'Their claim that exports fell was wrong.',
          'It was not clear what he said.',
        ].join('\n'),
      ),
      [],
    );
  });

  it('deduplicates identical suggestions', () => {
    assert.deepEqual(run('Lady Chan said exports were rising.\nLady Chan said exports were rising.'), [
      'lee-chan: exports were rising',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('matchSuggestions', () => {
  const suggestion = (slug: string | null, statement: string, start = 0): Suggestion => ({
    speaker: { partySlug: slug, name: slug ?? 'Someone' },
    statement,
    form: 'paraphrase',
    passage: statement,
    start,
    end: start + statement.length,
    saidOn: '2024-01-01',
    datePrecision: 'reported_by',
    venue: '',
  });

  it('matches on party and similar statements, one to one', () => {
    const suggestions = [
      suggestion('a', 'the bridge will reopen in April', 0),
      suggestion('a', 'The bridge will reopen in April.', 10),
      suggestion('b', 'the bridge will reopen in April', 20),
      suggestion(null, 'profits are up', 30),
    ];
    const expected = [
      { partySlug: 'a', statement: 'Bridge to reopen in April' },
      { partySlug: 'c', statement: 'profits are up' },
    ];
    const report = matchSuggestions(suggestions, expected);
    assert.equal(report.truePositives, 1);
    assert.equal(report.precision, 1 / 4);
    assert.equal(report.recall, 1 / 2);
    assert.equal(report.matched[0]?.suggestion, suggestions[0]);
    assert.deepEqual(report.missed, [expected[1]]);
    assert.equal(report.unmatchedSuggestions.length, 3);
  });

  it('prefers the closest pairing', () => {
    const suggestions = [suggestion('a', 'exports rose in May and June'), suggestion('a', 'exports rose in May', 5)];
    const expected = [{ partySlug: 'a', statement: 'exports rose in May' }, { partySlug: 'a', statement: 'exports rose in May and June' }];
    const report = matchSuggestions(suggestions, expected);
    assert.equal(report.truePositives, 2);
    assert.deepEqual(
      report.matched.map((m) => [m.suggestion.statement, m.expected.statement]),
      [
        ['exports rose in May and June', 'exports rose in May and June'],
        ['exports rose in May', 'exports rose in May'],
      ],
    );
  });

  it('defines statement similarity by containment or content-word overlap', () => {
    assert.equal(statementSimilarity('“Very serious matter”', 'the leak was a very serious matter'), 1);
    assert.ok(statementSimilarity('the talks had stalled badly', 'talks stalled') >= STATEMENT_MATCH_THRESHOLD);
    assert.ok(statementSimilarity('the bridge will reopen', 'profits are up') < STATEMENT_MATCH_THRESHOLD);
    assert.equal(statementSimilarity('', 'anything'), 0);
  });

  it('handles empty lists', () => {
    const none = matchSuggestions([], []);
    assert.deepEqual([none.precision, none.recall, none.truePositives], [1, 1, 0]);
    const missed = matchSuggestions([], [{ partySlug: 'a', statement: 'x' }]);
    assert.deepEqual([missed.precision, missed.recall], [1, 0]);
  });
});

describe('a newsroom with thousands of parties', () => {
  it('finds the same claims and speakers as with the story’s parties alone (parties are looked up by word, not scanned)', () => {
    // Decoys share words with the real parties ("Boris", "spokesperson", "Minister") but name no one in the article.
    const decoys = Array.from({ length: 3000 }, (_, i) =>
      party(`decoy-${i}`, `${['Boris', 'Anna', 'Dmitry', 'Tobias'][i % 4]} Decoy${i}`, [`Decoy${i}`], [`${['spokesperson', 'minister'][i % 2]} for decoy affairs ${i}`]),
    );
    const alone = suggestClaims({ text: SEED, publishedOn: '2024-03-05', parties: SEED_PARTIES });
    const crowded = suggestClaims({ text: SEED, publishedOn: '2024-03-05', parties: [...decoys, ...SEED_PARTIES] });
    const summary = (list: Suggestion[]) => list.map((s) => `${s.speaker.partySlug ?? s.speaker.name} | ${s.form} | ${s.statement}`);
    assert.deepEqual(summary(crowded), summary(alone));
  });
});
