/**
 * Throughput of the public pages, in one run so the numbers compare: each page served from the
 * page cache, and rendered afresh by an app without the cache (every query and the whole render).
 * Bounded in time; talks to the app in-process, so no port is opened.
 * Run: npm run bench
 */
import { createApp } from '../../src/app.js';
import { makeTestDb, testConfig } from '../helpers/app.js';
import { ARTICLE_FILE, readArchivedFile } from '../../fixtures/taurus-leak.js';
import { verifyQuote } from '../../src/quotes/verify-quote.js';

const SECONDS_PER_CASE = Number(process.env.BENCH_SECONDS ?? 2);
const pages = [
  '/',
  '/stories/taurus-leak',
  '/stories/taurus-leak?party=boris-pistorius&party=dmitry-peskov',
  '/stories/taurus-leak/questions/british-personnel-on-the-ground',
  '/parties/boris-pistorius',
  '/claims/13',
  '/sources/1',
];

const { db, close } = makeTestDb();
const config = testConfig();
const cachedApp = createApp({ db, config, log: () => {} });
const renderingApp = createApp({ db, config, log: () => {}, cachePages: false });

async function measure(path: string, app: typeof cachedApp): Promise<number> {
  const until = performance.now() + SECONDS_PER_CASE * 1000;
  let count = 0;
  while (performance.now() < until) {
    const response = await app.request(path);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
    count++;
  }
  return count / SECONDS_PER_CASE;
}

console.log(`page | cached req/s | rendered req/s | ratio`);
for (const path of pages) {
  const cached = await measure(path, cachedApp);
  const rendered = await measure(path, renderingApp);
  console.log(`${path} | ${cached.toFixed(0)} | ${rendered.toFixed(0)} | ${(cached / rendered).toFixed(1)}×`);
}

// Quote verification: the Times Radio quote of the seed article, in the article repeated to ~100 KB.
const article = readArchivedFile(ARTICLE_FILE);
const longText = article.repeat(Math.ceil(100_000 / article.length));
const quote = 'I think the German air force officers who were talking on an open line, frankly, should be censured pretty heavily.';
for (const [label, q] of [['exact', quote], ['altered', quote.replace('open', 'unsecured')]] as const) {
  const runs = 20;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) verifyQuote(q, `${longText}${' '.repeat(i)}`);
  console.log(`verifyQuote (${label}) on ${Math.round(longText.length / 1000)} KB | ${((performance.now() - t0) / runs).toFixed(1)} ms per quote`);
}
close();
