/**
 * `npm run bench:quotes`: how long quote verification takes on a long archived text, the seed
 * article's Times Radio quote in the article repeated to about 100 KB, found exactly and altered.
 * In process: verification is pure and never waits on the network or the database.
 */
import { ARTICLE_FILE, readArchivedFile } from '../../fixtures/taurus-leak.js';
import { verifyQuote } from '../../src/quotes/verify-quote.js';

const article = readArchivedFile(ARTICLE_FILE);
const longText = article.repeat(Math.ceil(100_000 / article.length));
const quote = 'I think the German air force officers who were talking on an open line, frankly, should be censured pretty heavily.';
for (const [label, q] of [['exact', quote], ['altered', quote.replace('open', 'unsecured')]] as const) {
  const runs = 20;
  const t0 = performance.now();
  // A space more each time, so no run can reuse the previous one's work.
  for (let i = 0; i < runs; i++) verifyQuote(q, `${longText}${' '.repeat(i)}`);
  console.log(`verifyQuote (${label}) on ${Math.round(longText.length / 1000)} KB | ${((performance.now() - t0) / runs).toFixed(1)} ms per quote`);
}
