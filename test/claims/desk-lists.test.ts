/**
 * The desk's front page and the review queue stay bounded however many claims wait: the
 * dashboard lists the longest-waiting few with a count and a link to the queue, the queue comes
 * a page at a time, oldest first, and a page that does not exist is a 404.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type * as cheerio from 'cheerio';
import { DASHBOARD_WAITING, REVIEW_QUEUE_PAGE } from '../../src/claims/desk-lists.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
const WAITING = REVIEW_QUEUE_PAGE + 5;
before(async () => {
  server = await startTestServer();
  const sql = server.db.$client;
  const template = sql.prepare("SELECT story_id, party_id FROM claims WHERE state = 'published' LIMIT 1").get() as { story_id: number; party_id: number };
  const insert = sql.prepare(
    `INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, updated_at)
     VALUES (?, ?, ?, 'paraphrase', 'opinion', '2024-03-02', 'day', 'in_review', ?)`,
  );
  // Waiting since minute i: the first inserted has waited longest.
  for (let i = 0; i < WAITING; i++) {
    insert.run(template.story_id, template.party_id, `Waiting claim number ${i}`, `2024-03-05T10:${String(i).padStart(2, '0')}:00.000Z`);
  }
});
after(() => server.stop());

const waitingRows = ($: cheerio.CheerioAPI, headingId: string) =>
  $(`section[aria-labelledby="${headingId}"] tbody tr`)
    .map((_, row) => $(row).text())
    .get();

test('the dashboard lists the longest-waiting claims only, with the count and a link to the whole queue', async () => {
  const editor = await server.signIn('editor');
  const page = await editor.get('/desk');
  assert.equal(page.status, 200);
  const rows = waitingRows(page.$, 'waiting-heading');
  assert.equal(rows.length, DASHBOARD_WAITING);
  assert.match(rows[0]!, /^Waiting claim number 0(?!\d)/);
  assert.match(rows.at(-1)!, new RegExp(`^Waiting claim number ${DASHBOARD_WAITING - 1}(?!\\d)`));
  const more = page.$('section[aria-labelledby="waiting-heading"] a[href="/desk/review"]');
  assert.equal(more.length, 1);
  assert.match(more.parent().text(), new RegExp(`of ${WAITING + countOthers()}`));
});

/** Claims the first story's fixtures already have in review or with a pending edit. */
function countOthers(): number {
  return (server.db.$client
    .prepare("SELECT count(*) FROM claims WHERE (state = 'in_review' OR pending_revision_id IS NOT NULL) AND statement NOT LIKE 'Waiting claim number %'")
    .pluck()
    .get() as number);
}

test('the review queue comes a page at a time, oldest first, with links between the pages; no page beyond the last', async () => {
  const editor = await server.signIn('editor');
  const total = WAITING + countOthers();
  const first = await editor.get('/desk/review');
  assert.equal(first.status, 200);
  assert.equal(first.$('main tbody tr').length, REVIEW_QUEUE_PAGE);
  assert.match(first.$('main').text(), new RegExp(`${total} claims wait`));
  const next = first.$('nav.pager a[rel="next"]').attr('href');
  assert.equal(next, '/desk/review?page=2');
  const second = await editor.get(next!);
  assert.equal(second.status, 200);
  const rest = second.$('main tbody tr').map((_, row) => second.$(row).text()).get();
  assert.equal(rest.length, total - REVIEW_QUEUE_PAGE);
  assert.ok(rest.some((text) => text.includes(`Waiting claim number ${WAITING - 1}`)), 'the newest waiting claim is on the last page');
  for (const bad of ['?page=3', '?page=0', '?page=two']) assert.equal((await editor.get(`/desk/review${bad}`)).status, 404, bad);
});
