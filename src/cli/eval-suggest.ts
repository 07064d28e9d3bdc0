/**
 * `npm run eval:suggest`: how well the claim suggester finds the first story's claims in its
 * seed article. The fixture claims are what a journalist extracted by hand; a suggestion counts
 * when it names the same party and a similar statement. Prints every miss and every extra, then
 * `precision=… recall=…`.
 */
import { ARTICLE_DATE, ARTICLE_FILE, readArchivedFile, taurusLeak } from '../../fixtures/taurus-leak.js';
import { matchSuggestions } from '../suggest/scoring.js';
import { suggestClaims } from '../suggest/suggest.js';

const parties = taurusLeak.parties.map((p) => ({
  slug: p.slug,
  name: p.name,
  aliases: p.aliases,
  roles: p.roles.map((r) => r.title),
}));
const suggestions = suggestClaims({ text: readArchivedFile(ARTICLE_FILE), publishedOn: ARTICLE_DATE, parties });
const expected = taurusLeak.claims.map((c) => ({ partySlug: c.party, statement: c.statement, form: c.form }));
const report = matchSuggestions(suggestions, expected);

for (const miss of report.missed) console.log(`missed   ${miss.partySlug}: ${miss.statement}`);
for (const extra of report.unmatchedSuggestions) console.log(`extra    ${extra.speaker.partySlug ?? extra.speaker.name}: ${extra.statement}`);
const formAgrees = report.matched.filter((m) => m.suggestion.form === m.expected.form).length;
console.log(`suggestions=${suggestions.length} expected=${expected.length} matched=${report.truePositives} form-agrees=${formAgrees}`);
console.log(`precision=${report.precision.toFixed(2)} recall=${report.recall.toFixed(2)}`);
