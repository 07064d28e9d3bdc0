/**
 * The general patterns of issue 13, each with sentences written for this test (no name or phrase
 * of the seed article or of the issue): reporting verbs, carried speakers, two claims in one
 * sentence, claims without a reporting verb, common-noun and organisation speakers, other
 * quotation marks, swapped speaker and statement, names, and "according to" an outlet.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { saysTheSame } from '../../src/suggest/similarity.js';
import { suggestClaims, type Suggestion } from '../../src/suggest/suggest.js';

const run = (text: string, publishedOn = '2025-06-04'): Suggestion[] => suggestClaims({ text, publishedOn, parties: [] });
/** "speaker: statement" per suggestion. */
const said = (text: string): string[] => run(text).map((s) => `${s.speaker.name}: ${s.statement}`);

describe('1. reporting verbs', () => {
  it('knows inflections and phrasal forms', () => {
    assert.deepEqual(said('Mayor Ada Quist reiterated that the bridge would reopen in May.'), ['Mayor Ada Quist: the bridge would reopen in May']);
    assert.deepEqual(said('The club tweeted that its stadium was safe.'), ['the club: its stadium was safe']);
    assert.deepEqual(said('Omar Flint underscored that the vote was binding.'), ['Omar Flint: the vote was binding']);
    assert.deepEqual(said('Lena Kraus pointed out that prices had doubled.'), ['Lena Kraus: prices had doubled']);
    assert.deepEqual(said('Lena Kraus went on to say that rents would follow.'), ['Lena Kraus: rents would follow']);
    assert.deepEqual(said('“We stay,” Lena Kraus continued.'), ['Lena Kraus: We stay']);
    assert.deepEqual(said('Lena Kraus wrote in a letter that the school had failed.'), ['Lena Kraus: the school had failed']);
    assert.deepEqual(said('The union called the offer “an insult”.'), ['the union: called the offer “an insult”']);
  });

  it('does not read a speech verb in another sense as speech', () => {
    const text = [
      'The index added 0.3 per cent on Friday.',
      'Sterling added two cents against the yen.',
      'The match was called off because of rain.',
      'The council called off the parade.',
      "The bank's stated aims include lower fees.",
      'Shares continued to fall after the report.',
      'The firm wrote off its losses.',
      'The levy announced by the council will rise.',
      'The result added to the pressure on the board.',
    ].join('\n');
    assert.deepEqual(said(text), []);
  });
});

describe('2. carried speakers', () => {
  it('gives a pronoun to the person named since the last speaker', () => {
    const text = [
      'A spokeswoman for the port authority said the cranes were idle.',
      'The dockers’ leader, Pavel Noor, was furious.',
      '“Nobody told us anything,” he told the Harbour Gazette.',
    ].join('\n');
    assert.deepEqual(said(text), ['the port authority: the cranes were idle', 'Pavel Noor: Nobody told us anything']);
  });

  it('skips a person already known as "she" for "he"', () => {
    const text = ['Ines Varga said the plan was sound.', 'Her deputy, Tomas Reyna, said it was late.', '“We will catch up,” she said.'].join('\n');
    // Tomas Reyna is the most recent, but "she" has been Ines Varga.
    const speakers = run(text).map((s) => s.speaker.name);
    assert.deepEqual(speakers, ['Ines Varga', 'Tomas Reyna', 'Tomas Reyna']);
  });

  it('gives a lone quotation to the person the paragraph before ended by introducing', () => {
    const text = ['“We open at nine,” said baker Rosa Lind on Monday. Her husband, Tom Lind, was less sure.', '“Nine is early.”'].join('\n');
    const [first, second] = run(text);
    assert.deepEqual([first?.speaker.name, second?.speaker.name], ['baker Rosa Lind', 'Tom Lind']);
    assert.deepEqual([first?.saidOn, second?.saidOn, second?.datePrecision], ['2025-06-02', '2025-06-04', 'reported_by']);
  });

  it('gives "it" to the body last met, never to a person', () => {
    assert.deepEqual(said('The watchdog said fees would rise. It added that refunds were unlikely.'), [
      'the watchdog: fees would rise',
      'the watchdog: refunds were unlikely',
    ]);
    assert.deepEqual(said('Jo Kerr said fees would rise. It added that refunds were unlikely.'), ['Jo Kerr: fees would rise']);
    assert.deepEqual(said('It is said that fees rose.'), []);
  });

  it('keeps a bare quotation paragraph with the speaker before it', () => {
    const text = ['“We open at nine,” said baker Rosa Lind.', '“The queue starts at eight.”'].join('\n');
    assert.deepEqual(said(text), ['baker Rosa Lind: We open at nine', 'baker Rosa Lind: The queue starts at eight.']);
  });
});

describe('3. two claims in one sentence', () => {
  it('splits "said that A and that B", ", adding that", coordinated verbs and "who described"', () => {
    assert.deepEqual(said('Dean Pruitt said that the lab would close and that staff would be moved.'), [
      'Dean Pruitt: the lab would close',
      'Dean Pruitt: staff would be moved',
    ]);
    assert.deepEqual(said('Dean Pruitt said the lab would close, adding that staff would be moved.'), [
      'Dean Pruitt: the lab would close',
      'Dean Pruitt: staff would be moved',
    ]);
    assert.deepEqual(said('The guild denounced the cuts and demanded a meeting.'), ['the guild: denounced the cuts', 'the guild: demanded a meeting']);
    assert.deepEqual(said('The flood was “the worst in a century”, according to Irma Solis, who described the damage as “total”.'), [
      'Irma Solis: The flood was “the worst in a century”',
      'Irma Solis: described the damage as “total”',
    ]);
  });
});

describe('4. claims with no reporting verb', () => {
  it('reads "according to", "in her words" and a quote-only paragraph', () => {
    assert.deepEqual(said('According to the audit, the fund lost a third of its value.'), ['the audit: the fund lost a third of its value']);
    const text = ['Violinist Mara Holm has played the hall for forty years.', 'In her words, “the room sings back”.'].join('\n');
    assert.deepEqual(said(text), ['Violinist Mara Holm: the room sings back']);
    assert.deepEqual(said('In the words of one porter, “the ward never sleeps”.'), ['one porter: the ward never sleeps']);
  });
});

describe('5. common-noun, possessive and organisation speakers', () => {
  it('accepts them, and gives a spokesperson’s words to the body last named', () => {
    assert.deepEqual(said('Officials said the border would stay shut.'), ['Officials: the border would stay shut']);
    assert.deepEqual(said('The complaint says the landlord ignored the damp.'), ['the complaint: the landlord ignored the damp']);
    assert.deepEqual(said('Her brother said the car had been stolen.'), ['Her brother: the car had been stolen']);
    const text = ['The Ministry of Fisheries has closed the bay.', 'A spokesman for the ministry said the closure was temporary.'].join('\n');
    assert.deepEqual(said(text), ['Ministry of Fisheries: the closure was temporary']);
    assert.deepEqual(said('A Coastguard Agency spokeswoman said two boats were missing.'), ['Coastguard Agency: two boats were missing']);
  });
});

describe('6. other quotation marks and parentheticals', () => {
  it('reads guillemets, German quotes, single guillemets, mixed pairs and spaces before punctuation', () => {
    assert.deepEqual(said('« The line will close », said Odile Brun .'), ['Odile Brun: The line will close']);
    assert.deepEqual(said('„The line will close“, Odile Brun told the radio.'), ['Odile Brun: The line will close']);
    assert.deepEqual(said('‹ The line will close ›, Odile Brun said.'), ['Odile Brun: The line will close']);
    assert.deepEqual(said('« The line will close", Odile Brun said.'), ['Odile Brun: The line will close']);
  });

  it('reads a closing mark with no opener', () => {
    assert.deepEqual(said('The line will close at midnight," Odile Brun said.'), ['Odile Brun: The line will close at midnight']);
    // An inch mark is not the end of a quotation.
    assert.deepEqual(said('Odile Brun said prices rose. The 6” model costs more.'), ['Odile Brun: prices rose']);
  });

  it('reads dash and comma parentheticals and a mid-sentence quote', () => {
    assert.deepEqual(said('“The station - said Odile Brun - will reopen in spring.”'), ['Odile Brun: The station will reopen in spring.']);
    assert.deepEqual(said('The station, Odile Brun said, “will reopen in spring”.'), ['Odile Brun: The station “will reopen in spring”']);
    assert.deepEqual(said('The closure was “a scandal”, commuter Raj Patel said on Monday.'), ['commuter Raj Patel: The closure was “a scandal”']);
    assert.deepEqual(said('The footage, the inspector continued, shows the barrier was open.'), ['the inspector: The footage shows the barrier was open']);
  });
});

describe('7. swapped speaker and statement, adverbials', () => {
  it('keeps the named subject as the speaker', () => {
    assert.deepEqual(said('Gwen Marsh, the trust’s chair, said she regrets the delay.'), ['Gwen Marsh: she regrets the delay']);
  });

  it('reads past adverbials between subject and verb', () => {
    assert.deepEqual(said('The insurer, for its part, said claims were rising.'), ['the insurer: claims were rising']);
    assert.deepEqual(said('Felix Arndt in turn insisted that the deal was fair.'), ['Felix Arndt: the deal was fair']);
    assert.deepEqual(said('For his part, Felix Arndt said the deal was fair.'), ['Felix Arndt: the deal was fair']);
  });
});

describe('8. names', () => {
  it('keeps verbs and party-state tags out of names and links surnames to the full name', () => {
    const text = [
      'Rep. Alma Soto, D-N.M., said the funds were frozen.',
      'Soto said the freeze was illegal.',
      'Ms. Soto added that she would sue.',
    ].join('\n');
    assert.deepEqual(
      run(text).map((s) => s.speaker.name),
      ['Rep. Alma Soto', 'Rep. Alma Soto', 'Rep. Alma Soto'],
    );
    assert.deepEqual(said('Union spokesperson Kai Brandt demanded that the mine stay open.'), ['Union spokesperson Kai Brandt: demanded that the mine stay open']);
  });

  it('links a surname to a full name met earlier anywhere in the text', () => {
    const text = ['Her lawyer, Hugo van Dijk, has filed an appeal.', '“The ruling cannot stand,” van Dijk said.'].join('\n');
    assert.deepEqual(said(text), ['Hugo van Dijk: The ruling cannot stand']);
  });

  it('resolves "the minister" and "the spokesperson" to the one met before', () => {
    const text = ['The health minister, Petra Lunde, visited the ward.', '“We need more beds,” the minister said.'].join('\n');
    assert.deepEqual(said(text), ['Petra Lunde: We need more beds']);
  });
});

describe('more wordings met after the tuning', () => {
  it('reads a person’s spokesman, "according to him", "is pleased to announce" and "at a meeting"', () => {
    const text = ['The mayor, Otto Lindahl, was absent.', 'Lindahl’s spokesman said the mayor was unwell.'].join('\n');
    assert.deepEqual(said(text), ['Otto Lindahl: the mayor was unwell']);
    const him = ['Minister Boris Kral opened the dam.', 'According to him, the turbines are “the finest in Europe”.'].join('\n');
    assert.deepEqual(said(him), ['Minister Boris Kral: the turbines are “the finest in Europe”']);
    assert.deepEqual(said('Fenwick Labs is pleased to announce that its new vaccine has been approved.'), ['Fenwick Labs: its new vaccine has been approved']);
    assert.deepEqual(said('Output will rise by a fifth, the minister said at a meeting of farmers on Monday.'), ['the minister: Output will rise by a fifth']);
  });

  it('reads a study that "found", never police who found something; "disputed"; "he laughs"', () => {
    assert.deepEqual(said('A survey has found that most tenants pay too much.'), ['a survey: most tenants pay too much']);
    assert.deepEqual(said('Police found the car near the river.'), []);
    const text = ['The maker, Holvex, said the test was flawed.', 'Dr Irene Sato disputed that.', '“We followed the label,” she said.'].join('\n');
    assert.deepEqual(said(text), ['Holvex: the test was flawed', 'Dr Irene Sato: disputed that', 'Dr Irene Sato: We followed the label']);
    assert.deepEqual(said('Ada Kemp has retired. “Now I garden,” she laughs.'), ['Ada Kemp: Now I garden']);
  });

  it('reads "X will …, the company said", "according to figures from X" and a second predicate', () => {
    assert.deepEqual(said('Harwick Motors will close two plants, the company said.'), ['Harwick Motors: Harwick Motors will close two plants']);
    assert.deepEqual(said('Britain’s biggest baker will close two plants, the company said.'), ['the company: Britain’s biggest baker will close two plants']);
    assert.deepEqual(said('Burglaries fell by a tenth, according to figures from the city council.'), ['the city council: Burglaries fell by a tenth']);
    assert.deepEqual(said('The union said its members had not been consulted and would strike next week.'), [
      'the union: its members had not been consulted',
      'the union: would strike next week',
    ]);
  });

  it('tells a refusal to give details from a source who declined to be named', () => {
    assert.deepEqual(run('The utility declined to give a date for repairs.').map((s) => s.form), ['declined']);
    assert.deepEqual(said('A source, who declined to be named, said the deal was off.'), ['a source: the deal was off']);
  });
});

describe('9. "according to" an outlet or a document', () => {
  it('is not the speaker when the sentence has its own', () => {
    assert.deepEqual(said('Coach Ivo Berg said the team would appeal, according to the sports channel Arena One.'), [
      'Coach Ivo Berg: the team would appeal',
    ]);
  });
});

describe('the suggester’s part of the journalist’s flow', () => {
  it('drops the reporting frame', () => {
    assert.deepEqual(said('Nora Beck said she believed the audit had been rushed.'), ['Nora Beck: the audit had been rushed']);
    assert.deepEqual(said('Nora Beck would say only that the audit had been rushed.'), ['Nora Beck: the audit had been rushed']);
  });

  it('gives refusals the declined form', () => {
    for (const text of [
      'The agency declined to respond.',
      'The agency declined to comment.',
      'The agency did not respond to questions.',
      'The agency did not respond to a request for comment.',
      'The agency could not be reached for comment.',
    ]) {
      const [s] = run(text);
      assert.equal(s?.form, 'declined', text);
      assert.equal(s?.speaker.name, 'the agency', text);
    }
  });

  it('resolves relative days against the article’s date', () => {
    // 4 June 2025 was a Wednesday.
    const [monday] = run('Nora Beck said on Monday that the audit had been rushed.');
    assert.deepEqual([monday?.saidOn, monday?.datePrecision], ['2025-06-02', 'day']);
    const [wednesday] = run('Nora Beck said late on Wednesday that the audit had been rushed.');
    assert.deepEqual([wednesday?.saidOn, wednesday?.datePrecision], ['2025-06-04', 'day']);
    const [sunday] = run('“We were rushed,” Nora Beck said on Sunday.');
    assert.deepEqual([sunday?.saidOn, sunday?.datePrecision], ['2025-06-01', 'day']);
  });

  it('makes a newspaper a speaker told the original venue', () => {
    const text = [
      '“We were rushed,” Nora Beck told the Valley Courier.',
      '“Nobody checked,” she told the paper.',
      'Nora Beck told the daily Nordkurier that the audit was late.',
      'Nora Beck told broadcaster RTK that nobody had checked.',
    ].join('\n');
    assert.deepEqual(
      run(text).map((s) => s.venue),
      ['Valley Courier', 'Valley Courier', 'Nordkurier', 'RTK'],
    );
  });

  it('"Already recorded" needs real overlap, not one shared word with a short claim', () => {
    assert.equal(saysTheSame('There was no mole in the meeting', 'the officer joined the meeting from a hotel'), false);
    assert.equal(saysTheSame('There was no mole in the meeting', 'there had been no mole in the meeting'), true);
    assert.equal(saysTheSame('There was no mole in the meeting', 'There was a mole in the meeting'), false);
    assert.equal(saysTheSame('the audit had been rushed', 'Beck said the audit had been rushed'), true);
  });
});
