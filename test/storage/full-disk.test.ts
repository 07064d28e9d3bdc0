/**
 * A save that the database cannot store, for real: SQLite's `max_page_count` on the server's own
 * connection is set to the pages the database already has, so the next save that needs a page
 * fails with SQLITE_FULL inside the real save path, exactly as on a full disk. The answer is a
 * 503 saying the change was NOT saved, with every field the journalist typed in a form posting
 * back to the same address; nothing is half-written; /healthz says `degraded` with the time of
 * the failure, and `ok` again after a later save succeeds. Sending the kept form then saves it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';

let server: TestServer;
let journalist: Client;

before(async () => {
  server = await startTestServer();
  journalist = await server.signIn('journalist');
});
after(() => server.stop());

// Long enough to need new pages (the form takes up to 5,000 characters).
const STATEMENT = `FULL-DISK “a statement typed with care” ${'and it goes on at length, '.repeat(150)}to the end.`;

const fields = {
  story: '1',
  party: '2',
  statement: STATEMENT,
  form: 'paraphrase',
  type: 'characterisation',
  said_on: '2024-03-05',
  date_precision: 'reported_by',
  venue: 'Remarks to reporters <on the record>',
  rating: 'unverified',
  rating_explanation: '',
  stance_question: ['1', '2'],
  stance_position: ['asserts', 'denies'],
  stance_note: ['first note', 'second note'],
  citation_source: ['1'],
  citation_role: ['reports'],
  citation_passage: ['the passage it rests on'],
  comment: 'full disk test',
};

/** Row counts of every table: the whole database, to compare before and after. */
function counts(): Record<string, number> {
  const sqlite = server.db.$client;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((name) => [name, sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]));
}

async function health() {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; storage: { lastFailedWriteAt: string | null; lastFailure: string | null } } };
}

test('a save on a full database: 503, NOT saved, the input kept, nothing half-written, /healthz degraded then ok', async () => {
  assert.equal((await health()).body.status, 'ok');
  const sqlite = server.db.$client;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const before = counts();
  sqlite.pragma(`max_page_count = ${pages}`);

  const failedAt = Date.now();
  const page = await journalist.post('/desk/claims', fields);
  assert.equal(page.status, 503, page.body.slice(0, 500));
  assert.match(page.$('h1').text(), /NOT saved/);

  const form = page.$('main form.kept-input');
  assert.equal(form.attr('method'), 'post');
  assert.equal(form.attr('action'), '/desk/claims', 'posts back to the same address');
  assert.equal(form.find('textarea[name="statement"]').text(), STATEMENT, 'the statement, exactly as typed');
  assert.equal(form.find('input[name="venue"]').attr('value'), fields.venue);
  const notes = form.find('[name="stance_note"]').map((_, el) => page.$(el).attr('value')).get();
  assert.deepEqual(notes, ['first note', 'second note'], 'repeated fields, in order');

  assert.deepEqual(counts(), before, 'nothing of the save was written');
  const degraded = await health();
  assert.equal(degraded.status, 200, 'reads still work: a load balancer keeps this instance');
  assert.equal(degraded.body.status, 'degraded');
  assert.equal(degraded.body.storage.lastFailure, 'SQLITE_FULL');
  assert.ok(Date.parse(degraded.body.storage.lastFailedWriteAt!) >= failedAt - 1000);

  // The disk has room again: sending the kept form saves exactly what was typed.
  sqlite.pragma('max_page_count = 1073741823');
  const kept: [string, string][] = [];
  form.find('input[name], textarea[name]').each((_, el) => {
    const $el = page.$(el);
    kept.push([$el.attr('name')!, el.tagName === 'textarea' ? $el.text() : ($el.attr('value') ?? '')]);
  });
  const again = await journalist.post(form.attr('action')!, kept);
  assert.equal(again.status, 303, again.body.slice(0, 500));
  const id = Number(/^\/desk\/claims\/(\d+)/.exec(again.location ?? '')?.[1]);
  assert.equal(sqlite.prepare('SELECT statement FROM claims WHERE id = ?').pluck().get(id), STATEMENT);
  assert.deepEqual(sqlite.prepare('SELECT note FROM stances WHERE claim_id = ? ORDER BY id').pluck().all(id), ['first note', 'second note']);

  const recovered = await health();
  assert.equal(recovered.body.status, 'ok');
  assert.equal(recovered.body.storage.lastFailedWriteAt, degraded.body.storage.lastFailedWriteAt, 'the last failure is still reported, for the record');
});

test('a storage failure on a sign-in keeps the email and asks for the password again, never echoing it', async () => {
  const email = (await server.addUser('editor')).email;
  const sqlite = server.db.$client;
  sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  // Fill what is left of the audit log's last page, so that the sign-in's audit event cannot fit.
  for (const size of [2000, 500, 100, 20, 1]) {
    try {
      for (;;) sqlite.prepare("INSERT INTO audit_events (action, detail) VALUES ('login_failed', ?)").run(JSON.stringify({ p: 'x'.repeat(size) }));
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'SQLITE_FULL');
    }
  }
  const page = await server.client().post('/login', { email, password: 'correct horse battery staple' });
  sqlite.pragma('max_page_count = 1073741823');
  assert.equal(page.status, 503, page.body.slice(0, 300));
  assert.equal(page.$('form.kept-input input[name="email"]').attr('value'), email);
  assert.equal(page.$('form.kept-input input[name="password"]').attr('type'), 'password');
  assert.equal(page.$('form.kept-input input[name="password"]').attr('value'), '');
  assert.ok(!page.body.includes('correct horse battery staple'), 'the password is not in the page');
});
