/**
 * Throughput of the public pages, in one run so the numbers compare: each page served from the
 * page cache, and rendered afresh by an app without the cache (every query and the whole render).
 * Bounded in time; talks to the app in-process, so no port is opened.
 * Run: npm run bench
 */
import { createApp } from '../../src/app.js';
import { makeTestDb, testConfig } from '../helpers/app.js';

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
close();
