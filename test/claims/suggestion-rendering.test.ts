/**
 * Issue 14: a suggestion that looks like a claim the story already has (same speaker, same day)
 * is offered as another rendering of it; taking the offer cites the source and adds the rendering
 * in one reviewed save instead of drafting a new claim.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { like } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { readClaimMeta, readClaimRecord } from '../../src/claims/record.js';
import { editableRecord } from '../../src/claims/service.js';
import { captureSnapshot } from '../../src/sources/archive.js';
import { createSource } from '../../src/sources/service.js';
import { emptySourceForm, validateSource } from '../../src/sources/form.js';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';
import { SECOND_REPORT } from './second-report.js';

let server: TestServer;
let editor: Client & { userId: number };

before(async () => {
  server = await startTestServer();
  editor = await server.signIn('editor');
});
after(() => server.stop());

test('the suggestions page offers a same-speaker, same-day suggestion as another rendering, and taking it adds one', async () => {
  const db = server.db;
  const actor = { id: editor.userId, role: 'editor' as const, name: 'Ed' };
  const { input } = validateSource({ ...emptySourceForm(), title: 'Minister on the call', publisher: 'Rhine Wire', kind: 'news_report', publishedOn: '2024-03-05', language: 'en' });
  const created = createSource(db, actor, input);
  assert.equal(created.kind, 'saved');
  const wire = (created as { id: number }).id;
  captureSnapshot(db, actor, wire, { text: SECOND_REPORT, origin: 'paste' });
  const chanceHit = db.select({ id: t.claims.id }).from(t.claims).where(like(t.claims.statement, '%chance hit%')).get()!.id;
  const story = readClaimRecord(db, chanceHit).storyId;

  const page = await editor.get(`/desk/sources/${wire}/suggest?story=${story}`);
  assert.equal(page.status, 200);
  const item = page.$('li[data-suggestion]').filter((_, li) => /random hit/.test(page.$(li).find('.suggested-statement').text()));
  assert.equal(item.length, 1, 'the suggester finds the statement');
  const offer = item.find(`form[action="/desk/claims/${chanceHit}/words/from-source"]`);
  assert.equal(offer.length, 1, 'offered as another rendering of the chance-hit claim');
  const fields = Object.fromEntries(offer.find('input[type=hidden]').map((_, el) => [[page.$(el).attr('name')!, page.$(el).attr('value') ?? '']]).get());
  const claimsBefore = db.select({ id: t.claims.id }).from(t.claims).all().length;

  const taken = await editor.post(`/desk/claims/${chanceHit}/words/from-source`, fields);
  assert.equal(taken.status, 303);
  assert.equal(db.select({ id: t.claims.id }).from(t.claims).all().length, claimsBefore, 'no new claim');
  const { record } = editableRecord(db, chanceHit);
  assert.ok(record.citations.some((c) => c.sourceId === wire && c.role === 'reports'));
  const added = record.renderings!.at(-1)!;
  assert.deepEqual([added.sourceId, added.language, added.translatedBy], [wire, 'en', 'outlet']);
  assert.match(added.text, /random hit/);
  assert.notEqual(readClaimMeta(db, chanceHit).pendingRevisionId, null, 'a published claim’s new rendering waits for review');

  const again = await editor.get(`/desk/sources/${wire}/suggest?story=${story}`);
  const stillOffered = again.$(`form[action="/desk/claims/${chanceHit}/words/from-source"]`).length;
  assert.equal(stillOffered, 1, 'the pending edit is not public yet, so the rows still lack the rendering');
});
