import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { verifyQuote } from '../../src/quotes/verify-quote.js';
import { detectFurniture } from '../../src/sources/furniture.js';
import { matchSuggestions, type ExpectedClaim } from '../../src/suggest/scoring.js';
import { suggestClaims, type KnownParty, type Suggestion } from '../../src/suggest/suggest.js';
import { brief, party } from './helpers.js';

const SEED = readFileSync(
  new URL('../../fixtures/sources/independent-2024-03-05-german-military-leak.txt', import.meta.url),
  'utf8',
);

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
