/**
 * `npm run eval:suggest`: how well the claim suggester finds who said what, on the seed article
 * (the first story's claims, extracted by a journalist) and on the development corpus
 * (fixtures/suggest-corpus, articles written for it with hand labels; its `test` split is held
 * out). Scored with issue 13's metric: a labelled statement is found when one suggestion covers
 * at least 30% of its content words, each suggestion counting once; speaker = the share of found
 * statements whose speaker is the labelled one. Prints one line per corpus and overall, the last
 * line `precision=… recall=… speaker=…`. `--details` lists every miss, extra and wrong speaker;
 * `--split dev|test` limits the details to one split.
 */
import { loadSuggestCorpus, type CorpusLabel } from '../../fixtures/suggest-corpus.js';
import { ARTICLE_DATE, ARTICLE_FILE, readArchivedFile, taurusLeak } from '../../fixtures/taurus-leak.js';
import { TITLES } from '../suggest/party-match.js';
import { matchKey } from '../suggest/match-key.js';
import { matchByCoverage, matchSuggestions } from '../suggest/scoring.js';
import { suggestClaims, type Suggestion } from '../suggest/suggest.js';

const args = process.argv.slice(2);
const details = args.includes('--details');
const onlySplit = args.includes('--split') ? args[args.indexOf('--split') + 1] : null;

interface Tally {
  labels: number;
  suggestions: number;
  found: number;
  speakerRight: number;
  ms: number;
}
const empty = (): Tally => ({ labels: 0, suggestions: 0, found: 0, speakerRight: 0, ms: 0 });
const add = (a: Tally, b: Tally): Tally => ({
  labels: a.labels + b.labels,
  suggestions: a.suggestions + b.suggestions,
  found: a.found + b.found,
  speakerRight: a.speakerRight + b.speakerRight,
  ms: a.ms + b.ms,
});

const LEADING = new RegExp(`^(?:(?:the|a|an|${TITLES})\\s+)+`);
const bare = (name: string): string => matchKey(name).replace(LEADING, '');

/** The suggested name is the labelled speaker: one of its spellings, or a name holding one whole. */
function speakerAgrees(s: Suggestion, label: CorpusLabel): boolean {
  const name = ` ${bare(s.speaker.name)} `;
  return label.speakers.some((alt) => {
    const a = bare(alt);
    return a !== '' && name.includes(` ${a} `);
  });
}

function line(name: string, t: Tally, extra = ''): string {
  const p = t.suggestions ? t.found / t.suggestions : 1;
  const r = t.labels ? t.found / t.labels : 1;
  const sp = t.found ? t.speakerRight / t.found : 1;
  return `${name.padEnd(22)} labels=${String(t.labels).padStart(4)} suggestions=${String(t.suggestions).padStart(4)} found=${String(t.found).padStart(4)}  precision=${p.toFixed(3)} recall=${r.toFixed(3)} speaker=${sp.toFixed(3)}${extra}`;
}

// The seed article: known parties, speakers compared by party.
const parties = taurusLeak.parties.map((p) => ({ slug: p.slug, name: p.name, aliases: p.aliases, roles: p.roles.map((r) => r.title) }));
const seedText = readArchivedFile(ARTICLE_FILE);
let t0 = performance.now();
const seedSuggestions = suggestClaims({ text: seedText, publishedOn: ARTICLE_DATE, parties });
const seedMs = performance.now() - t0;
const seedLabels = taurusLeak.claims.map((c) => ({ partySlug: c.party, statement: c.statement, form: c.form }));
const seedReport = matchByCoverage(seedSuggestions, seedLabels);
const seed: Tally = {
  labels: seedLabels.length,
  suggestions: seedSuggestions.length,
  found: seedReport.found.length,
  speakerRight: seedReport.found.filter((f) => f.suggestion.speaker.partySlug === f.label.partySlug).length,
  ms: seedMs,
};
if (details && !onlySplit) {
  for (const m of seedReport.missed) console.log(`seed  missed  ${m.partySlug}: ${m.statement}`);
  for (const x of seedReport.extras) console.log(`seed  extra   ${x.speaker.partySlug ?? x.speaker.name}: ${x.statement}`);
  for (const f of seedReport.found.filter((f) => f.suggestion.speaker.partySlug !== f.label.partySlug)) {
    console.log(`seed  speaker ${f.suggestion.speaker.partySlug ?? f.suggestion.speaker.name} ≠ ${f.label.partySlug}: ${f.label.statement}`);
  }
}
// The test suite's stricter pairing (same party, similar statement), kept for comparison.
const strict = matchSuggestions(seedSuggestions, seedLabels);

// The corpus: no known parties, speakers compared by name.
const bySplit: Record<'dev' | 'test', Tally> = { dev: empty(), test: empty() };
const corpus = loadSuggestCorpus();
for (const article of corpus) {
  t0 = performance.now();
  const suggestions = suggestClaims({ text: article.text, publishedOn: article.date, parties: [] });
  const ms = performance.now() - t0;
  const report = matchByCoverage(suggestions, article.labels);
  const wrong = report.found.filter((f) => !speakerAgrees(f.suggestion, f.label));
  bySplit[article.split] = add(bySplit[article.split], {
    labels: article.labels.length,
    suggestions: suggestions.length,
    found: report.found.length,
    speakerRight: report.found.length - wrong.length,
    ms,
  });
  if (details && (!onlySplit || onlySplit === article.split)) {
    const tag = article.file.slice(0, 2);
    for (const m of report.missed) console.log(`${tag}  missed  ${m.speakers[0]}: ${m.statement}`);
    for (const x of report.extras) console.log(`${tag}  extra   ${x.speaker.name}: ${x.statement}`);
    for (const f of wrong) console.log(`${tag}  speaker ${f.suggestion.speaker.name} ≠ ${f.label.speakers[0]}: ${f.label.statement}`);
  }
}

const articles = (split: 'dev' | 'test') => corpus.filter((a) => a.split === split).length;
const all = add(bySplit.dev, bySplit.test);
const overall = add(seed, all);
console.log(line('seed article', seed, `  (same party + similar statement: precision=${strict.precision.toFixed(3)} recall=${strict.recall.toFixed(3)})`));
console.log(line(`corpus dev (${articles('dev')})`, bySplit.dev));
console.log(line(`corpus test (${articles('test')}, held out)`, bySplit.test));
console.log(line(`corpus all (${corpus.length})`, all));
console.log(line('overall', overall, `  ${(overall.ms / (corpus.length + 1)).toFixed(2)} ms/article`));
const f = (n: number, d: number): string => (d ? n / d : 1).toFixed(3);
console.log(`precision=${f(overall.found, overall.suggestions)} recall=${f(overall.found, overall.labels)} speaker=${f(overall.speakerRight, overall.found)}`);
