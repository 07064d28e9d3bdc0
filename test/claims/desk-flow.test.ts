/**
 * The newsroom's path for a claim, over real HTTP with real sessions on a real SQLite file:
 * journalist → editor → public; a published claim edited and approved with a correction; two
 * editors on one claim (409, nothing lost); history, diff and restore; request changes; retract;
 * and that drafts and unapproved edits never reach a public page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { startTestServer, type Client, type Page, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const sql = () => server.db.$client;
const claimRow = (id: number) =>
  sql().prepare('SELECT * FROM claims WHERE id = ?').get(id) as {
    state: string;
    version: number;
    statement: string;
    author_id: number | null;
    party_id: number;
    pending_revision_id: number | null;
    review_note: string;
    retraction_note: string;
  };
const revisions = (id: number) =>
  sql().prepare("SELECT version, event, author_id, comment, snapshot FROM revisions WHERE entity_type = 'claim' AND entity_id = ? ORDER BY version").all(id) as {
    version: number;
    event: string;
    author_id: number | null;
    comment: string;
    snapshot: string;
  }[];
const questionId = (slug: string) => sql().prepare('SELECT id FROM questions WHERE slug = ?').pluck().get(slug) as number;
const partyId = (slug: string) => sql().prepare('SELECT id FROM parties WHERE slug = ?').pluck().get(slug) as number;
const ARTICLE_SOURCE = 1;

/** Every field of the claim form, as the form posts them; override what a test changes. */
function claimFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    story: '1',
    party: String(partyId('dmitry-peskov')),
    statement: 'The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.',
    form: 'partial_quote',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'disputed',
    rating_explanation: 'Downing Street calls it *misinformation*.',
    stance_question: [String(questionId('leak-proves-western-involvement')), ''],
    stance_position: ['asserts', 'asserts'],
    stance_note: ['Proof of direct involvement.', ''],
    citation_source: [String(ARTICLE_SOURCE), ''],
    citation_role: ['reports', 'reports'],
    citation_passage: [
      'Kremlin spokesperson Dmitry Peskov said it proved “the direct involvement of the collective West in the conflict in Ukraine”.',
      '',
    ],
    comment: 'First draft',
    ...overrides,
  };
}

function idFromLocation(page: Page): number {
  const match = /\/desk\/claims\/(\d+)/.exec(page.location ?? '');
  assert.ok(match, `expected a redirect to a claim, got ${page.status} ${page.location}`);
  return Number(match[1]);
}

async function publicText(path: string) {
  const response = await fetch(server.url + path);
  return { status: response.status, body: await response.text() };
}

async function createDraft(client: Client, overrides: Record<string, string | string[]> = {}) {
  const page = await client.post('/desk/claims', claimFields(overrides));
  assert.equal(page.status, 303, page.body.slice(0, 500));
  return idFromLocation(page);
}

describe('journalist → editor → public', () => {
  test('a draft is saved with its revision, submitted, refused publication by a journalist, published by an editor', async () => {
    const journalist = await server.signIn('journalist');
    const id = await createDraft(journalist, { statement: 'DRAFT-MARKER the leak proved “the direct involvement of the collective West in the conflict in Ukraine”.' });
    assert.equal(claimRow(id).state, 'draft');
    assert.equal(claimRow(id).author_id, journalist.userId);
    assert.deepEqual(revisions(id).map((r) => [r.version, r.event]), [[1, 'created']]);
    const stances = sql().prepare('SELECT count(*) FROM stances WHERE claim_id = ?').pluck().get(id);
    assert.equal(stances, 1, 'the blank stance row is ignored');

    // Not public while a draft.
    assert.equal((await publicText(`/claims/${id}`)).status, 404);
    assert.doesNotMatch((await publicText('/stories/taurus-leak')).body, /DRAFT-MARKER/);

    const submitted = await journalist.post(`/desk/claims/${id}/submit`, { version: '1' });
    assert.equal(submitted.status, 303);
    assert.equal(claimRow(id).state, 'in_review');
    assert.doesNotMatch((await publicText('/stories/taurus-leak')).body, /DRAFT-MARKER/);

    // A journalist cannot publish, whatever they post.
    const refused = await journalist.post(`/desk/review/${id}/publish`, { version: '2', override_reason: 'trust me' });
    assert.equal(refused.status, 403);
    assert.equal(claimRow(id).state, 'in_review');

    const editor = await server.signIn('editor');
    const review = await editor.get(`/desk/review/${id}`);
    assert.equal(review.status, 200);
    const failing = review.$('.checklist li[data-ok="no"]').map((_, li) => review.$(li).attr('data-item')).get();
    assert.ok(failing.includes('independent-sources'), `failing items: ${failing}`);
    assert.ok(failing.includes('original-or-primary'));
    assert.ok(review.$('.checklist li[data-item="quote-verified"][data-ok="yes"]').length === 1);

    const noReason = await editor.post(`/desk/review/${id}/publish`, { version: '2' });
    assert.equal(noReason.status, 422);
    assert.match(noReason.$('#field-override_reason-error').text(), /reason/);
    assert.equal(claimRow(id).state, 'in_review');

    const published = await editor.post(`/desk/review/${id}/publish`, { version: '2', override_reason: 'Peskov’s words are on camera; one report suffices.' });
    assert.equal(published.status, 303);
    assert.equal(claimRow(id).state, 'published');
    const override = sql().prepare("SELECT detail FROM audit_events WHERE action = 'publish_override' AND target_id = ?").pluck().get(id) as string;
    assert.match(override, /on camera/);
    assert.ok(sql().prepare("SELECT count(*) FROM audit_events WHERE action = 'claim_published' AND target_id = ?").pluck().get(id));

    const page = await publicText(`/claims/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /DRAFT-MARKER/);
    assert.match((await publicText('/stories/taurus-leak')).body, /DRAFT-MARKER/, 'the cached story page shows it at once');
    assert.deepEqual(revisions(id).map((r) => r.event), ['created', 'submitted', 'published']);
  });
});

describe('editing a published claim', () => {
  test('readers keep the approved version until an editor approves; a changed statement needs a correction note', async () => {
    const journalist = await server.signIn('journalist');
    const editor = await server.signIn('editor');
    const id = await createDraft(journalist, { statement: 'ORIGINAL-WORDING “the direct involvement of the collective West in the conflict in Ukraine”.' });
    await journalist.post(`/desk/claims/${id}/submit`, { version: '1' });
    await editor.post(`/desk/review/${id}/publish`, { version: '2', override_reason: 'ok' });
    assert.equal(claimRow(id).version, 3);

    const edit = await journalist.get(`/desk/claims/${id}/edit`);
    assert.equal(edit.$('input[name="version"]').val(), '3');
    const saved = await journalist.post(
      `/desk/claims/${id}`,
      claimFields({ version: '3', statement: 'NEW-WORDING “the direct involvement of the collective West in the conflict in Ukraine”.', comment: 'tighter' }),
    );
    assert.equal(saved.status, 303);
    const row = claimRow(id);
    assert.equal(row.state, 'published');
    assert.ok(row.pending_revision_id);
    assert.match(row.statement, /ORIGINAL-WORDING/, 'the row readers see is unchanged');
    const publicPage = await publicText(`/claims/${id}`);
    assert.match(publicPage.body, /ORIGINAL-WORDING/);
    assert.doesNotMatch(publicPage.body, /NEW-WORDING/);
    assert.doesNotMatch((await publicText('/parties/dmitry-peskov')).body, /NEW-WORDING/);

    // The edit form starts from the pending edit, so the author can keep working on it.
    assert.match((await journalist.get(`/desk/claims/${id}/edit`)).$('textarea[name="statement"]').text(), /NEW-WORDING/);

    const review = await editor.get(`/desk/review/${id}`);
    assert.match(review.$('.diff-table').text(), /NEW-WORDING/);
    assert.equal(review.$('textarea[name="correction_note"]').length, 1);
    const noNote = await editor.post(`/desk/review/${id}/publish`, { version: '4', override_reason: 'ok' });
    assert.equal(noNote.status, 422);
    assert.match(claimRow(id).statement, /ORIGINAL-WORDING/);

    const approved = await editor.post(`/desk/review/${id}/publish`, {
      version: '4',
      override_reason: 'ok',
      correction_note: 'An earlier version misquoted the Kremlin spokesperson.',
    });
    assert.equal(approved.status, 303);
    assert.match(claimRow(id).statement, /NEW-WORDING/);
    assert.equal(claimRow(id).pending_revision_id, null);
    const after = await publicText(`/claims/${id}`);
    assert.match(after.body, /NEW-WORDING/);
    const $ = cheerio.load(after.body);
    assert.match($('.corrections').text(), /misquoted the Kremlin spokesperson/);
    const corrections = await publicText('/corrections');
    assert.match(corrections.body, /misquoted the Kremlin spokesperson/);
    assert.deepEqual(revisions(id).map((r) => r.event), ['created', 'submitted', 'published', 'edit_proposed', 'edit_approved']);
  });
});

test('moving a published claim to another speaker or date needs a correction note; rewording the explanation does not', async () => {
  const editor = await server.signIn('editor');
  const id = await createDraft(editor);
  await editor.post(`/desk/review/${id}/publish`, { version: '1', override_reason: 'ok' });
  let version = claimRow(id).version;
  const propose = async (overrides: Record<string, string>) => {
    const saved = await editor.post(`/desk/claims/${id}`, claimFields({ version: String(version), ...overrides }));
    assert.equal(saved.status, 303, saved.body.slice(0, 300));
    version = claimRow(id).version;
  };

  await propose({ party: String(partyId('boris-pistorius')), said_on: '2024-03-04' });
  const review = await editor.get(`/desk/review/${id}`);
  assert.match(review.$('label[for$="correction_note"], label:contains("Correction note")').text(), /speaker, date/);
  const refused = await editor.post(`/desk/review/${id}/publish`, { version: String(version), override_reason: 'ok' });
  assert.equal(refused.status, 422);
  assert.match(refused.$('.error-summary').text(), /speaker, date of a published claim/);
  assert.equal(claimRow(id).party_id, partyId('dmitry-peskov'), 'readers still see the first speaker');
  const approved = await editor.post(`/desk/review/${id}/publish`, {
    version: String(version),
    override_reason: 'ok',
    correction_note: 'An earlier version attributed this remark to the wrong person.',
  });
  assert.equal(approved.status, 303);
  assert.equal(claimRow(id).party_id, partyId('boris-pistorius'));
  version = claimRow(id).version;

  await propose({ party: String(partyId('boris-pistorius')), said_on: '2024-03-04', rating_explanation: 'Downing Street calls it *misinformation*, flatly.' });
  const plain = await editor.post(`/desk/review/${id}/publish`, { version: String(version), override_reason: 'ok' });
  assert.equal(plain.status, 303, 'no correction owed for a reworded explanation');
  const notes = sql().prepare('SELECT note FROM corrections WHERE claim_id = ?').pluck().all(id);
  assert.deepEqual(notes, ['An earlier version attributed this remark to the wrong person.']);
  // Readers see when it was first published, and that it has been corrected since.
  const publicPage = await server.client().get(`/claims/${id}`);
  const published = publicPage.$('dt:contains("Published here") + dd');
  assert.match(published.find('time').attr('datetime') ?? '', /^\d{4}-\d\d-\d\d$/);
  assert.match(published.text(), /corrected once since/);
});

test('an editor turns a pending edit down: it leaves the queue, readers keep the published version, the proposal stays in the history', async () => {
  const journalist = await server.signIn('journalist');
  const editor = await server.signIn('editor');
  const id = await createDraft(journalist, { venue: 'ORIGINAL-VENUE' });
  await journalist.post(`/desk/claims/${id}/submit`, { version: '1' });
  await editor.post(`/desk/review/${id}/publish`, { version: '2', override_reason: 'ok' });
  await journalist.post(`/desk/claims/${id}`, claimFields({ version: '3', venue: 'PROPOSED-VENUE' }));
  assert.ok(claimRow(id).pending_revision_id);
  const queue = async () => (await editor.get('/desk/review')).$(`[data-claim="${id}"]`).length;
  assert.equal(await queue(), 1);

  const review = await editor.get(`/desk/review/${id}`);
  assert.match(review.$('form[action$="/request-changes"] h2').text(), /Turn this edit down/);
  const sentBack = await editor.post(`/desk/review/${id}/request-changes`, { version: '4', comment: 'Keep the original venue.' });
  assert.equal(sentBack.status, 303);
  const row = claimRow(id);
  assert.equal(row.state, 'published');
  assert.equal(row.pending_revision_id, null);
  assert.equal(row.review_note, 'Keep the original venue.');
  assert.equal(await queue(), 0, 'no longer awaiting approval');
  assert.match((await publicText(`/claims/${id}`)).body, /ORIGINAL-VENUE/);
  const desk = await journalist.get(`/desk/claims/${id}`);
  assert.match(desk.$('main').text(), /The editor asked for changes: Keep the original venue\./);
  assert.equal(desk.$('#pending-heading').length, 0);

  // The proposal is in the history; an editor restoring it makes it a pending edit again.
  const history = revisions(id);
  const turnedDown = history.at(-1)!;
  assert.equal(turnedDown.event, 'changes_requested');
  assert.match(turnedDown.snapshot, /PROPOSED-VENUE/);
  const restored = await editor.post(`/desk/claims/${id}/restore`, { version: String(claimRow(id).version), restore: String(turnedDown.version) });
  assert.equal(restored.status, 303);
  assert.ok(claimRow(id).pending_revision_id);
  assert.equal(await queue(), 1);
  assert.match((await publicText(`/claims/${id}`)).body, /ORIGINAL-VENUE/);
});

test('an editor finds the retraction of a published claim from its desk page', async () => {
  const editor = await server.signIn('editor');
  const page = await editor.get('/desk/claims/1');
  const link = page.$('a[href="/desk/review/1#retract-heading"]');
  assert.equal(link.length, 1);
  const review = await editor.get('/desk/review/1');
  assert.equal(review.$('#retract-heading').length, 1);
  assert.equal(review.$('form[action="/desk/review/1/retract"]').length, 1);
  const journalist = await server.signIn('journalist');
  assert.equal((await journalist.get('/desk/claims/1')).$('a[href^="/desk/review/"]').length, 0);
});

describe('two editors, one claim', () => {
  test('the second save is refused with 409, keeps its input, shows the first change; nothing is lost', async () => {
    const alice = await server.signIn('editor');
    const bob = await server.signIn('editor');
    const id = await createDraft(alice, { statement: 'BASE “the direct involvement of the collective West in the conflict in Ukraine”.' });
    const formA = await alice.get(`/desk/claims/${id}/edit`);
    const formB = await bob.get(`/desk/claims/${id}/edit`);
    assert.equal(formA.$('input[name="version"]').val(), '1');
    assert.equal(formB.$('input[name="version"]').val(), '1');

    const first = await alice.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'ALICE-VENUE', comment: 'Alice’s fix' }));
    assert.equal(first.status, 303);

    const second = await bob.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'BOB-VENUE', comment: 'Bob’s fix' }));
    assert.equal(second.status, 409);
    // Bob's input is kept in the form…
    assert.equal(second.$('input[name="venue"]').val(), 'BOB-VENUE');
    assert.equal(second.$('input[name="comment"]').val(), 'Bob’s fix');
    // …Alice's change is shown beside it…
    assert.match(second.$('.conflict').text(), /ALICE-VENUE/);
    assert.match(second.$('.conflict').text(), /version 2/);
    // …and the database still has Alice's version.
    assert.equal(sql().prepare('SELECT venue FROM claims WHERE id = ?').pluck().get(id), 'ALICE-VENUE');
    assert.equal(second.$('input[name="version"]').val(), '2', 'a deliberate second save goes over the version Bob has now seen');

    const again = await bob.post(`/desk/claims/${id}`, claimFields({ version: '2', venue: 'BOB-VENUE', comment: 'Bob’s fix, after reading Alice’s' }));
    assert.equal(again.status, 303);
    assert.equal(sql().prepare('SELECT venue FROM claims WHERE id = ?').pluck().get(id), 'BOB-VENUE');
    const venues = revisions(id).map((r) => (JSON.parse(r.snapshot) as { record: { venue: string } }).record.venue);
    assert.deepEqual(venues, ['Remarks to reporters', 'ALICE-VENUE', 'BOB-VENUE'], 'every version is in the history');
  });

  test('with htmx the refused save answers with the form fragment only', async () => {
    const editor = await server.signIn('editor');
    const id = await createDraft(editor);
    await editor.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'first' }));
    const stale = await editor.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'second' }), { 'HX-Request': 'true' });
    assert.equal(stale.status, 409);
    assert.doesNotMatch(stale.body, /<html/);
    assert.equal(stale.$('form#claim-form').length, 1);
  });

  test('a review action from a stale screen shows the claim as it stands (409); a stale submit or restore changes nothing', async () => {
    const editor = await server.signIn('editor');
    const id = await createDraft(editor);
    await editor.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'MOVED-ON' }));
    const submit = await editor.post(`/desk/claims/${id}/submit`, { version: '1' });
    assert.equal(submit.status, 409);
    assert.match(submit.body, /Someone else saved this claim after you opened it/);
    assert.equal(claimRow(id).state, 'draft');
    const restore = await editor.post(`/desk/claims/${id}/restore`, { version: '1', restore: '1' });
    assert.equal(restore.status, 409);
    assert.equal(claimRow(id).version, 2);

    const publish = await editor.post(`/desk/review/${id}/publish`, { version: '1', override_reason: 'STALE-REASON' });
    assert.equal(publish.status, 409);
    assert.match(publish.$('.error-summary').text(), /while you were reviewing it/);
    assert.equal(publish.$('textarea[name="override_reason"]').text(), 'STALE-REASON', 'the editor’s input is kept');
    assert.equal(publish.$('form[action$="/publish"] input[name="version"]').val(), '2', 'the screen now carries the current version');
    assert.equal(claimRow(id).state, 'draft');
  });

  test('an empty comment is refused beside its field, the claim unchanged', async () => {
    const editor = await server.signIn('editor');
    const id = await createDraft(editor);
    await editor.post(`/desk/claims/${id}/submit`, { version: '1' });
    const empty = await editor.post(`/desk/review/${id}/request-changes`, { version: '2', comment: ' ' });
    assert.equal(empty.status, 422);
    assert.match(empty.$('#field-comment-error').text(), /Say what should change/);
    assert.equal(claimRow(id).state, 'in_review');
  });
});

describe('validation', () => {
  test('bad input answers 422 with messages beside the fields, the input kept, and nothing written', async () => {
    const journalist = await server.signIn('journalist');
    const before = sql().prepare('SELECT count(*) FROM claims').pluck().get();
    const page = await journalist.post(
      '/desk/claims',
      claimFields({
        statement: '   ',
        said_on: '2024-02-30',
        form: 'rumour',
        venue: 'KEPT-VENUE',
        stance_question: ['999999'],
        stance_position: ['maybe'],
        stance_note: [''],
      }),
    );
    assert.equal(page.status, 422);
    assert.match(page.$('#field-statement-error').text(), /Write the statement/);
    assert.match(page.$('#field-said_on-error').text(), /does not exist/);
    assert.match(page.$('#field-form-error').text(), /Choose the form/);
    assert.match(page.$('#field-stance_question-0-error').text(), /this story’s questions/);
    assert.equal(page.$('input[name="venue"]').val(), 'KEPT-VENUE');
    assert.equal(page.$('#field-said_on').attr('aria-invalid'), 'true');
    assert.ok(page.$('.error-summary a[href="#field-statement"]').length);
    assert.equal(sql().prepare('SELECT count(*) FROM claims').pluck().get(), before);
  });

  test('a claim with a new party and a new source creates them in the same save', async () => {
    const journalist = await server.signIn('journalist');
    const id = await createDraft(
      journalist,
      claimFields({
        party: 'new',
        new_party_name: 'Olaf Scholz',
        new_party_kind: 'person',
        citation_source: ['new'],
        citation_role: ['original_venue'],
        citation_passage: [''],
        new_source_title: 'Chancellor’s statement',
        new_source_publisher: 'German Chancellery',
        new_source_kind: 'official_statement',
      }),
    );
    const party = sql().prepare('SELECT p.slug FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = ?').pluck().get(id);
    assert.equal(party, 'olaf-scholz');
    const source = sql().prepare('SELECT s.publisher FROM citations ci JOIN sources s ON s.id = ci.source_id WHERE ci.claim_id = ?').pluck().get(id);
    assert.equal(source, 'German Chancellery');
  });

  test('“Add a stance” without JavaScript re-renders the form with one more row and saves nothing', async () => {
    const journalist = await server.signIn('journalist');
    const before = sql().prepare('SELECT count(*) FROM claims').pluck().get();
    const page = await journalist.post('/desk/claims', claimFields({ intent: 'add-stance' }));
    assert.equal(page.status, 200);
    assert.equal(page.$('select[name="stance_question"]').length, 3, 'the two submitted rows (the second blank) and the added one: one more row, never two blank ones');
    assert.equal(sql().prepare('SELECT count(*) FROM claims').pluck().get(), before);
  });

  test('with htmx, a new stance row comes as a fragment with the next button out of band', async () => {
    const journalist = await server.signIn('journalist');
    const page = await journalist.get('/desk/claims/rows/stance?index=3&story=1', { 'HX-Request': 'true' });
    assert.equal(page.status, 200);
    assert.equal(page.$('#field-stance_question-3').length, 1);
    assert.ok(page.$('#field-stance_question-3 option').length > 5, 'the story’s questions are offered');
    assert.equal(page.$('#add-stance-row').attr('data-hx-swap-oob'), 'true');
    assert.match(page.$('#add-stance-row').attr('data-hx-get') ?? '', /index=4/);
  });

  test('the Markdown preview is sanitised', async () => {
    const journalist = await server.signIn('journalist');
    const page = await journalist.post('/desk/claims/preview', { rating_explanation: '**bold** <script>alert(1)</script><img src=x onerror=alert(2)>' });
    assert.match(page.body, /<strong>bold<\/strong>/);
    assert.doesNotMatch(page.body, /script|onerror/);
  });
});

describe('history, diff and restore', () => {
  test('every save is a version; two versions compare word by word; restoring makes a new version', async () => {
    const editor = await server.signIn('editor');
    const id = await createDraft(editor, { statement: 'The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.' });
    await editor.post(`/desk/claims/${id}`, claimFields({ version: '1', statement: 'The leak surely proved “the direct involvement of the collective West in the conflict in Ukraine”.' }));
    const history = await editor.get(`/desk/claims/${id}/history`);
    assert.deepEqual(history.$('tr[data-version]').map((_, tr) => history.$(tr).attr('data-version')).get(), ['1', '2']);
    const compare = await editor.get(`/desk/claims/${id}/history?from=1&to=2`);
    assert.equal(compare.$('tr[data-field="Statement"] ins').text().trim(), 'surely');
    assert.equal(compare.$('tr[data-field="Venue"]').length, 0, 'unchanged fields are not listed');

    const restored = await editor.post(`/desk/claims/${id}/restore`, { version: '2', restore: '1' });
    assert.equal(restored.status, 303);
    assert.doesNotMatch(claimRow(id).statement, /surely/);
    assert.deepEqual(revisions(id).map((r) => [r.version, r.event]), [
      [1, 'created'],
      [2, 'edited'],
      [3, 'restored'],
    ]);
    assert.ok(sql().prepare("SELECT count(*) FROM audit_events WHERE action = 'claim_restored' AND target_id = ?").pluck().get(id));
  });
});

describe('requesting changes and retracting', () => {
  test('an editor sends a claim back with a comment the author sees', async () => {
    const journalist = await server.signIn('journalist');
    const editor = await server.signIn('editor');
    const id = await createDraft(journalist);
    await journalist.post(`/desk/claims/${id}/submit`, { version: '1' });
    const empty = await editor.post(`/desk/review/${id}/request-changes`, { version: '2', comment: '' });
    assert.equal(empty.status, 422);
    const sent = await editor.post(`/desk/review/${id}/request-changes`, { version: '2', comment: 'Find the original venue.' });
    assert.equal(sent.status, 303);
    assert.equal(claimRow(id).state, 'draft');
    const dashboard = await journalist.get('/desk');
    assert.match(dashboard.$(`tr[data-claim="${id}"] .review-note`).text(), /Find the original venue/);
  });

  test('a retraction takes the claim off every listing, keeps its address with the public note, and is listed', async () => {
    const editor = await server.signIn('editor');
    const id = await createDraft(editor, { statement: 'RETRACT-ME “the direct involvement of the collective West in the conflict in Ukraine”.' });
    await editor.post(`/desk/review/${id}/publish`, { version: '1', override_reason: 'ok' });
    assert.match((await publicText('/stories/taurus-leak')).body, /RETRACT-ME/);
    const noNote = await editor.post(`/desk/review/${id}/retract`, { version: '2', retraction_note: ' ' });
    assert.equal(noNote.status, 422);
    const retracted = await editor.post(`/desk/review/${id}/retract`, { version: '2', retraction_note: 'We could not confirm the remark.' });
    assert.equal(retracted.status, 303);
    assert.equal(claimRow(id).state, 'retracted');
    assert.doesNotMatch((await publicText('/stories/taurus-leak')).body, /RETRACT-ME/);
    assert.doesNotMatch((await publicText('/parties/dmitry-peskov')).body, /RETRACT-ME/);
    const page = await publicText(`/claims/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /We could not confirm the remark/);
    assert.match((await publicText('/corrections')).body, /We could not confirm the remark/);
    const edit = await editor.post(`/desk/claims/${id}`, claimFields({ version: '3' }));
    assert.equal(edit.status, 409, 'a retracted claim is not edited');
  });
});

test('the author sees the sourcing checklist an editor will use, before submitting', async () => {
  const journalist = await server.signIn('journalist');
  const editor = await server.signIn('editor');
  const id = await createDraft(journalist);
  const items = (page: Awaited<ReturnType<typeof journalist.get>>) =>
    page.$('.checklist li').map((_, li) => `${page.$(li).attr('data-item')}=${page.$(li).attr('data-ok')}`).get();
  const own = await journalist.get(`/desk/claims/${id}`);
  assert.ok(items(own).length >= 4, 'the checklist is on the draft page');
  assert.equal(own.$('.checklist li[data-ok="no"]').length > 0, true, 'this draft cites only the article, so something fails');
  assert.equal((await journalist.get(`/desk/review/${id}`)).status, 403, 'the review screen stays the editors’');
  await journalist.post(`/desk/claims/${id}/submit`, { version: '1' });
  assert.deepEqual(items(await journalist.get(`/desk/claims/${id}`)), items(await editor.get(`/desk/review/${id}`)), 'the same items as the editor sees');
  // A published claim with nothing pending has passed review: no checklist on its page.
  assert.equal((await journalist.get('/desk/claims/1')).$('.checklist').length, 0);
});

test('the claim list filters by state, by author and by words together', async () => {
  const journalist = await server.signIn('journalist');
  const other = await server.signIn('journalist');
  const draft = await createDraft(journalist);
  const submitted = await createDraft(journalist);
  assert.equal((await journalist.post(`/desk/claims/${submitted}/submit`, { version: '1' })).status, 303);
  const othersDraft = await createDraft(other);
  const listed = async (query: string) => {
    const page = await journalist.get(`/desk/claims${query}`);
    assert.equal(page.status, 200, query);
    return page.$('tr[data-claim]').map((_, tr) => Number(page.$(tr).attr('data-claim'))).get().sort((a, b) => a - b);
  };
  assert.deepEqual(await listed('?mine=1'), [draft, submitted]);
  assert.deepEqual(await listed('?state=in_review&mine=1'), [submitted]);
  assert.deepEqual(await listed('?state=draft&mine=1'), [draft]);
  assert.deepEqual(await listed('?state=published&mine=1'), []);
  // Words in the statement, venue, speaker or story; % and _ are plain characters.
  const findable = await createDraft(journalist, { venue: 'Interview with FINDME-Radio' });
  assert.deepEqual(await listed('?q=findme-radio'), [findable]);
  assert.deepEqual(await listed('?q=findme-radio&state=in_review'), []);
  assert.ok((await listed('?q=Peskov')).includes(findable), 'by speaker');
  assert.deepEqual(await listed('?q=%25%25'), []);
  assert.equal((await journalist.get('/desk/claims?q=findme')).$('#filter-q').val(), 'findme');
  const drafts = await listed('?state=draft');
  assert.ok(drafts.includes(draft) && drafts.includes(othersDraft) && !drafts.includes(submitted));
  const page = await journalist.get('/desk/claims?state=in_review&mine=1');
  assert.equal(page.$('#filter-state option[selected]').val(), 'in_review', 'the form shows the filter in force');
  assert.notEqual(page.$('input[name=mine]').attr('checked'), undefined);
});

test('a retracted claim whose speaker has no other public claim names the speaker without a link to a page that is gone', async () => {
  const editor = await server.signIn('editor');
  const party = sql().prepare("INSERT INTO parties (slug, name, kind) VALUES ('only-once', 'Only Once', 'person')").run().lastInsertRowid;
  const id = await createDraft(editor, { party: String(party), statement: 'ONLY-ONCE said something.', form: 'paraphrase' });
  await editor.post(`/desk/review/${id}/publish`, { version: '1', override_reason: 'ok' });
  assert.equal((await publicText('/parties/only-once')).status, 200);
  const published = await server.client().get(`/claims/${id}`);
  assert.equal(published.$('a[href="/parties/only-once"]').length, 2, 'heading and facts link to the speaker');

  await editor.post(`/desk/review/${id}/retract`, { version: '2', retraction_note: 'Misattributed.' });
  assert.equal((await publicText('/parties/only-once')).status, 404);
  const page = await server.client().get(`/claims/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.$('h1').text(), /Only Once/);
  assert.equal(page.$('a[href="/parties/only-once"]').length, 0);
  // Every link left on the page leads somewhere.
  const links = [...new Set(page.$('main a[href^="/"]').map((_, a) => page.$(a).attr('href')!).get())];
  for (const href of links) assert.equal((await publicText(href)).status, 200, href);
});

describe('permissions and mass assignment', () => {
  test('anonymous visitors get the login page on every desk route, and posts change nothing', async () => {
    const anonymous = server.client();
    for (const path of ['/desk', '/desk/claims', '/desk/claims/new', '/desk/claims/1', '/desk/claims/1/edit', '/desk/claims/1/history', '/desk/review', '/desk/review/1']) {
      const page = await anonymous.get(path);
      assert.equal(page.status, 303, path);
      assert.match(page.location ?? '', /^\/login\?next=/, path);
    }
    const login = await anonymous.follow(await anonymous.get('/desk/claims'));
    assert.equal(login.$('form[action="/login"] input[name="email"]').length, 1);
    const before = sql().prepare('SELECT count(*) FROM claims').pluck().get();
    for (const path of ['/desk/claims', '/desk/claims/1', '/desk/claims/1/submit', '/desk/review/1/publish', '/desk/review/1/retract', '/desk/claims/1/restore']) {
      const page = await anonymous.post(path, claimFields({ version: '1', retraction_note: 'x', restore: '1' }));
      assert.equal(page.status, 303, path);
    }
    assert.equal(sql().prepare('SELECT count(*) FROM claims').pluck().get(), before);
    assert.equal(claimRow(1).state, 'published');
  });

  test('a journalist cannot edit another’s claim, a fixture claim, or reach the review screens', async () => {
    const author = await server.signIn('journalist');
    const other = await server.signIn('journalist');
    const id = await createDraft(author);
    assert.equal((await other.get(`/desk/claims/${id}/edit`)).status, 403);
    assert.equal((await other.post(`/desk/claims/${id}`, claimFields({ version: '1', venue: 'hijack' }))).status, 403);
    assert.equal((await other.post(`/desk/claims/${id}/submit`, { version: '1' })).status, 403);
    assert.equal((await other.get('/desk/claims/1/edit')).status, 403);
    assert.equal((await other.get('/desk/review')).status, 403);
    assert.equal((await other.get(`/desk/review/${id}`)).status, 403);
    assert.equal((await other.post(`/desk/review/1/retract`, { version: '1', retraction_note: 'x' })).status, 403);
    assert.equal((await other.post(`/desk/claims/1/restore`, { version: '1', restore: '1' })).status, 403);
    assert.notEqual(sql().prepare('SELECT venue FROM claims WHERE id = ?').pluck().get(id), 'hijack');
  });

  test('hidden or extra fields cannot set state, author or version', async () => {
    const journalist = await server.signIn('journalist');
    const editor = await server.signIn('editor');
    const id = await createDraft(journalist, {
      state: 'published',
      author_id: String(editor.userId),
      version: '42',
      published_at: '2024-01-01',
      pending_revision_id: '1',
    } as Record<string, string>);
    const row = claimRow(id);
    assert.equal(row.state, 'draft');
    assert.equal(row.author_id, journalist.userId);
    assert.equal(row.version, 1);
    const saved = await journalist.post(`/desk/claims/${id}`, claimFields({ version: '1', state: 'published', author_id: String(editor.userId) }));
    assert.equal(saved.status, 303);
    assert.equal(claimRow(id).state, 'draft');
    assert.equal(claimRow(id).author_id, journalist.userId);
    assert.equal((await publicText(`/claims/${id}`)).status, 404);
  });

  test('a stale or forged version number is refused, never trusted', async () => {
    const journalist = await server.signIn('journalist');
    const id = await createDraft(journalist);
    assert.equal((await journalist.post(`/desk/claims/${id}`, claimFields({ version: '7' }))).status, 409);
    assert.equal((await journalist.post(`/desk/claims/${id}`, claimFields({ version: 'abc' }))).status, 400);
    assert.equal((await journalist.post(`/desk/claims/${id}`, claimFields({ version: ['1', '1'] }))).status, 400);
    assert.equal(claimRow(id).version, 1);
  });
});
