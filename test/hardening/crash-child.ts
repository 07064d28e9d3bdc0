/**
 * The process the crash test kills (see crash-harness.ts). It starts Claimdesk as src/server.ts
 * does — configuration, database, migrations, the first story if the database is empty — plus a
 * journalist account if there is none, serves the real app on a free port of 127.0.0.1, signs in
 * over HTTP and writes claims through the desk's form, several requests in flight at once. It
 * prints one line per write, only after the 303 answer arrived: `ACK CREATE <id> <marker>` for a
 * new claim, `ACK SUBMIT <id>` for a claim sent for review. (On Linux, writes to a pipe from
 * process.stdout are synchronous, so a printed line reaches the parent even if the process is
 * killed on the next instruction.) It stops by itself after CRASH_MAX_OPS writes or 60 seconds.
 *
 * Environment: DATABASE_PATH, CRASH_ROUND, CRASH_SEED, CRASH_MAX_OPS, CRASH_WORKERS.
 */
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { serveApp } from '../../src/http/serve-app.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db.js';
import { createUser, findUserByEmail } from '../../src/users/service.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';
import { Client, TEST_PASSWORD, TEST_PASSWORD_COST } from '../helpers/app.js';
import { CRASH_EMAIL, CRASH_STATEMENT_PREFIX, mulberry32 } from './crash-protocol.js';

const round = Number(process.env.CRASH_ROUND ?? '0');
const maxOps = Number(process.env.CRASH_MAX_OPS ?? '200');
const workers = Number(process.env.CRASH_WORKERS ?? '3');
const random = mulberry32(Number(process.env.CRASH_SEED ?? '1') + round * 7919);

// Bounded whatever happens: a parent that vanished, a request that hangs.
setTimeout(() => process.exit(3), 60_000).unref();
process.stdout.on('error', () => process.exit(0));

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const db = openDatabase(config.databasePath);
migrateDatabase(db);
if (loadFirstStoryIfEmpty(db)) say('FIXTURES loaded');
const sqlite = db.$client;
say(
  `PRAGMAS journal_mode=${String(sqlite.pragma('journal_mode', { simple: true }))} synchronous=${String(sqlite.pragma('synchronous', { simple: true }))} ` +
    `foreign_keys=${String(sqlite.pragma('foreign_keys', { simple: true }))} busy_timeout=${String(sqlite.pragma('busy_timeout', { simple: true }))}`,
);

if (!findUserByEmail(db, CRASH_EMAIL)) {
  await createUser(db, { email: CRASH_EMAIL, name: 'Crash Test Journalist', role: 'journalist', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
}

// Listen first, so that the configured origin (http://HOST:PORT) names the real port.
let app!: ReturnType<typeof createApp>;
const server: ServerType = await new Promise((resolve) => {
  const s = serveApp(() => app, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const { port } = server.address() as AddressInfo;
app = createApp({ db, config: { ...config, port, origin: `http://127.0.0.1:${port}` }, log: () => {}, passwordCost: TEST_PASSWORD_COST });
const client = new Client(`http://127.0.0.1:${port}`);
const login = await client.post('/login', { email: CRASH_EMAIL, password: TEST_PASSWORD });
if (login.status !== 303) throw new Error(`sign-in answered ${login.status}`);

const id = (sql: string, value: string) => sqlite.prepare(sql).pluck().get(value) as number | undefined;
const partyIds = ['dmitry-peskov', 'rt-editor', 'boris-pistorius']
  .map((slug) => id('SELECT id FROM parties WHERE slug = ?', slug))
  .filter((value): value is number => typeof value === 'number');
const questionId = id('SELECT id FROM questions WHERE slug = ?', 'leak-proves-western-involvement');
const storyId = id('SELECT id FROM stories WHERE slug = ?', 'taurus-leak');
const sourceId = sqlite.prepare('SELECT min(id) FROM sources').pluck().get() as number;
if (!partyIds.length || !storyId || !questionId || !sourceId) throw new Error('the first story is not loaded as expected');

say(`READY ${port}`);

function claimFields(marker: string): Record<string, string | string[]> {
  const party = partyIds[Math.floor(random() * partyIds.length)]!;
  return {
    story: String(storyId),
    party: String(party),
    statement: `${CRASH_STATEMENT_PREFIX}${marker} The leak proved “the direct involvement of the collective West” — ${'é'.repeat(1 + Math.floor(random() * 40))}`,
    form: 'paraphrase',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'unverified',
    rating_explanation: 'Written by the crash test.',
    stance_question: [String(questionId)],
    stance_position: ['asserts'],
    stance_note: [`note ${marker}`],
    citation_source: [String(sourceId)],
    citation_role: ['reports'],
    citation_passage: [`passage ${marker}`],
    comment: `crash round ${round}`,
  };
}

let started = 0;
async function worker(w: number) {
  const mine: number[] = [];
  for (let seq = 0; started < maxOps; seq++) {
    started++;
    if (seq % 4 === 3 && mine.length) {
      const claim = mine.shift()!;
      const page = await client.post(`/desk/claims/${claim}/submit`, { version: '1' });
      if (page.status !== 303) throw new Error(`submit of ${claim} answered ${page.status}`);
      say(`ACK SUBMIT ${claim}`);
      continue;
    }
    const marker = `r${round}w${w}n${seq}x${Math.floor(random() * 1e9).toString(36)}`;
    const page = await client.post('/desk/claims', claimFields(marker));
    const match = /^\/desk\/claims\/(\d+)/.exec(page.location ?? '');
    if (page.status !== 303 || !match) throw new Error(`create answered ${page.status} ${page.location}: ${page.body.slice(0, 300)}`);
    say(`ACK CREATE ${match[1]} ${marker}`);
    mine.push(Number(match[1]));
  }
}

await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
say('DONE');
server.close();
if ('closeAllConnections' in server) server.closeAllConnections();
sqlite.close();
process.exit(0);
