/**
 * The desk's story and question screens over real HTTP: editors only; creating and editing a
 * story with its Markdown preview (htmx fragment and the no-JavaScript re-render); questions
 * created and edited under their story, slugs unique within it; 409 on stale versions; a revision
 * per save; and the public story page showing an editor's change at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { publicationGeneration } from '../../src/db.js';
import { questionsOfStory } from '../../src/stories/questions-service.js';
import { startTestServer, type Page, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

function storyBySlug(slug: string) {
  return server.db.select().from(t.stories).where(eq(t.stories.slug, slug)).get();
}
function question(id: number) {
  return server.db.select().from(t.questions).where(eq(t.questions.id, id)).get();
}
function revisionsOf(entityType: 'story' | 'question', id: number) {
  return server.db
    .select()
    .from(t.revisions)
    .where(and(eq(t.revisions.entityType, entityType), eq(t.revisions.entityId, id)))
    .orderBy(t.revisions.version)
    .all();
}
function count(table: typeof t.stories | typeof t.questions) {
  return server.db.select({ id: table.id }).from(table).all().length;
}
function locationId(page: Page, pattern: RegExp): number {
  const match = pattern.exec(page.location ?? '');
  assert.ok(match, `expected a redirect matching ${pattern}, got ${page.status} ${page.location}`);
  return Number(match[1]);
}

const newStory = {
  slug: '',
  title: 'The Nord Stream sabotage',
  summary_md: 'Who blew up the **pipelines**?',
  starts_on: '2022-09-26',
  ends_on: '',
  comment: 'Opening the story',
};

describe('permissions', () => {
  test('anonymous users are sent to the login page', async () => {
    const page = await server.client().get('/desk/stories/new');
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login/);
  });

  test('journalists can read stories but get 403 creating or editing stories and questions', async () => {
    const journalist = await server.signIn('journalist');
    const taurus = storyBySlug('taurus-leak')!;
    const q = questionsOfStory(server.db, taurus.id)[0]!;
    const list = await journalist.get('/desk/stories');
    assert.equal(list.status, 200);
    assert.equal(list.$('a[href="/desk/stories/new"]').length, 0);
    const page = await journalist.get(`/desk/stories/${taurus.id}`);
    assert.equal(page.status, 200);
    assert.equal(page.$(`a[href$="/edit"]`).length, 0);

    const stories = count(t.stories);
    const questions = count(t.questions);
    for (const path of [
      '/desk/stories/new',
      `/desk/stories/${taurus.id}/edit`,
      `/desk/stories/${taurus.id}/questions/new`,
      `/desk/stories/${taurus.id}/questions/${q.id}/edit`,
    ]) {
      assert.equal((await journalist.get(path)).status, 403, `GET ${path}`);
    }
    assert.equal((await journalist.post('/desk/stories', newStory)).status, 403);
    assert.equal((await journalist.post(`/desk/stories/${taurus.id}/edit`, { ...newStory, version: '1' })).status, 403);
    assert.equal(
      (await journalist.post(`/desk/stories/${taurus.id}/questions`, { proposition: 'x', short_label: 'x', position: '9' })).status,
      403,
    );
    assert.equal(
      (await journalist.post(`/desk/stories/${taurus.id}/questions/${q.id}/edit`, { proposition: 'x', short_label: 'x', position: '9', version: '1' }))
        .status,
      403,
    );
    assert.equal(count(t.stories), stories);
    assert.equal(count(t.questions), questions);
    assert.equal(storyBySlug('taurus-leak')!.title, taurus.title);
  });
});

describe('stories', () => {
  test('an editor creates a story; the slug comes from the title; a revision is written', async () => {
    const editor = await server.signIn('editor');
    const generation = publicationGeneration(server.db);
    const saved = await editor.post('/desk/stories', newStory);
    assert.equal(saved.status, 303);
    const id = locationId(saved, /^\/desk\/stories\/(\d+)$/);
    const story = storyBySlug('the-nord-stream-sabotage')!;
    assert.equal(story.id, id);
    assert.equal(story.endsOn, null);
    assert.equal(story.version, 1);
    const [revision] = revisionsOf('story', id);
    assert.equal(revision!.event, 'created');
    assert.equal(revision!.authorId, editor.userId);
    assert.equal(JSON.parse(revision!.snapshot).story.summaryMd, 'Who blew up the **pipelines**?');
    assert.equal(publicationGeneration(server.db), generation, 'a story without published claims is not public');

    const page = await editor.follow(saved);
    assert.equal(page.$('h1').text(), 'The Nord Stream sabotage');
    assert.equal(page.$('.prose strong').text(), 'pipelines');
    assert.match(page.body, /No questions yet/);
    assert.equal((await server.client().get('/stories/the-nord-stream-sabotage')).status, 404, 'not public');
  });

  test('invalid stories answer 422 with the input kept', async () => {
    const editor = await server.signIn('editor');
    const before = count(t.stories);
    const page = await editor.post('/desk/stories', {
      slug: 'taurus-leak',
      title: 'Dup',
      summary_md: '',
      starts_on: '2024-03-05',
      ends_on: '2024-03-01',
    });
    assert.equal(page.status, 422);
    assert.equal(count(t.stories), before);
    assert.match(page.$('#field-summary_md-error').text(), /Enter the summary/);
    assert.match(page.$('#field-ends_on-error').text(), /cannot end \(2024-03-01\) before it starts \(2024-03-05\)/);
    assert.equal(page.$('[name=slug]').val(), 'taurus-leak');
    assert.equal(page.$('[name=ends_on]').val(), '2024-03-01');

    const taken = await editor.post('/desk/stories', { ...newStory, slug: 'taurus-leak' });
    assert.equal(taken.status, 422);
    assert.match(taken.$('#field-slug-error').text(), /Another story already uses the slug “taurus-leak”/);
    const missingStart = await editor.post('/desk/stories', { ...newStory, slug: 'other', starts_on: '' });
    assert.equal(missingStart.status, 422);
    assert.match(missingStart.$('#field-starts_on-error').text(), /YYYY-MM-DD/);
  });

  test('the Markdown preview: an htmx fragment, sanitised, and a no-JavaScript re-render that saves nothing', async () => {
    const editor = await server.signIn('editor');
    const markdown = 'Hello *world* <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const fragment = await editor.post('/desk/stories/preview', { summary_md: markdown }, { 'HX-Request': 'true' });
    assert.equal(fragment.status, 200);
    assert.ok(!fragment.body.includes('<html'));
    assert.equal(fragment.$('em').text(), 'world');
    assert.ok(!/<script|onerror|javascript:|<img/i.test(fragment.body), fragment.body);

    const form = await editor.get('/desk/stories/new');
    const textarea = form.$('textarea[name=summary_md]');
    assert.equal(textarea.attr('data-hx-post'), '/desk/stories/preview');
    assert.equal(textarea.attr('data-hx-trigger'), 'keyup changed delay:500ms');
    assert.equal(textarea.attr('data-hx-target'), '#summary-preview');
    const button = form.$('button[value=preview]');
    assert.equal(button.attr('type'), 'submit');
    assert.equal(button.attr('data-hx-post'), '/desk/stories/preview');
    assert.equal(form.$('form#story-form button[type=submit]').first().attr('value'), 'save');

    const before = count(t.stories);
    const preview = await editor.post('/desk/stories', { ...newStory, slug: 'preview-only', summary_md: markdown, intent: 'preview' });
    assert.equal(preview.status, 200);
    assert.equal(count(t.stories), before, 'a preview saves nothing');
    assert.equal(preview.$('#summary-preview em').text(), 'world');
    assert.ok(!/<script>alert|onerror=/i.test(preview.$('#summary-preview').html() ?? ''));
    assert.equal(preview.$('[name=summary_md]').text(), markdown, 'the raw Markdown is kept, escaped, in the textarea');
  });

  test("an editor's change to a public story shows on the public page at once; a stale save is refused", async () => {
    const editor = await server.signIn('editor');
    const other = await server.signIn('editor');
    const taurus = storyBySlug('taurus-leak')!;
    // The short label is shown where a page names the question briefly: the breadcrumb of its page for one party.
    const onePartyPage = '/stories/taurus-leak/questions/british-personnel-on-the-ground?party=downing-street';
    assert.equal((await server.client().get(onePartyPage)).status, 200);
    const generation = publicationGeneration(server.db);
    const fields = {
      version: String(taurus.version),
      slug: taurus.slug,
      title: 'The Taurus leak (updated)',
      summary_md: taurus.summaryMd,
      starts_on: taurus.startsOn,
      ends_on: taurus.endsOn ?? '',
    };
    const saved = await editor.post(`/desk/stories/${taurus.id}/edit`, fields);
    assert.equal(saved.status, 303);
    assert.equal(publicationGeneration(server.db), generation + 1);
    const publicPage = await server.client().get('/stories/taurus-leak');
    assert.match(publicPage.$('h1').text(), /The Taurus leak \(updated\)/);
    const after = storyBySlug('taurus-leak')!;
    assert.equal(after.version, taurus.version + 1);
    assert.ok(after.updatedAt > taurus.updatedAt);
    assert.deepEqual(revisionsOf('story', taurus.id).map((r) => [r.version, r.event]), [[2, 'edited']]);

    const stale = await other.post(`/desk/stories/${taurus.id}/edit`, { ...fields, title: 'Another title' });
    assert.equal(stale.status, 409);
    assert.equal(storyBySlug('taurus-leak')!.title, 'The Taurus leak (updated)');
    assert.equal(stale.$('[name=title]').val(), 'Another title');
    assert.equal(stale.$('#conflict tr[data-field=Title] .conflict-saved').text(), 'The Taurus leak (updated)');
    assert.equal(stale.$('#conflict tr[data-field=Title] .conflict-yours').text(), 'Another title');
    assert.equal(stale.$('input[name=version]').val(), String(taurus.version + 1));
  });
});

describe('questions', () => {
  test('an editor adds and edits questions; slugs are unique within a story; the story page lists them in order', async () => {
    const editor = await server.signIn('editor');
    const story = storyBySlug('the-nord-stream-sabotage')!;
    const form = await editor.get(`/desk/stories/${story.id}/questions/new`);
    assert.equal(form.status, 200);
    assert.equal(form.$('[name=position]').val(), '0');

    const created = await editor.post(`/desk/stories/${story.id}/questions`, {
      proposition: 'A state actor carried out the sabotage.',
      short_label: 'State actor?',
      slug: '',
      position: '0',
      comment: 'First question',
    });
    assert.equal(created.status, 303);
    const qid = locationId(created, new RegExp(`^/desk/stories/${story.id}/questions/(\\d+)$`));
    const row = question(qid)!;
    assert.equal(row.slug, 'state-actor');
    assert.equal(row.storyId, story.id);
    assert.equal(row.version, 1);
    const [revision] = revisionsOf('question', qid);
    assert.equal(revision!.event, 'created');
    assert.equal(JSON.parse(revision!.snapshot).question.proposition, 'A state actor carried out the sabotage.');

    const next = await editor.get(`/desk/stories/${story.id}/questions/new`);
    assert.equal(next.$('[name=position]').val(), '1', 'a new question goes after the last');
    const second = await editor.post(`/desk/stories/${story.id}/questions`, {
      proposition: 'The pipelines were blown up from a yacht.',
      short_label: 'From a yacht?',
      slug: 'yacht',
      position: '1',
    });
    assert.equal(second.status, 303);

    const duplicate = await editor.post(`/desk/stories/${story.id}/questions`, {
      proposition: 'Dup',
      short_label: 'Dup',
      slug: 'state-actor',
      position: '2',
    });
    assert.equal(duplicate.status, 422);
    assert.match(duplicate.$('#field-slug-error').text(), /Another question of this story already uses the slug “state-actor”/);
    assert.equal(duplicate.$('[name=proposition]').text(), 'Dup');

    // The same slug in another story is fine.
    const taurus = storyBySlug('taurus-leak')!;
    const elsewhere = await editor.post(`/desk/stories/${taurus.id}/questions`, {
      proposition: 'A state actor was behind the leak.',
      short_label: 'State actor?',
      slug: 'state-actor',
      position: '50',
    });
    assert.equal(elsewhere.status, 303);

    const invalid = await editor.post(`/desk/stories/${story.id}/questions`, { proposition: '', short_label: '', slug: 'Bad Slug', position: 'first' });
    assert.equal(invalid.status, 422);
    assert.match(invalid.$('#field-proposition-error').text(), /Enter the proposition/);
    assert.match(invalid.$('#field-short_label-error').text(), /Enter the short label/);
    assert.match(invalid.$('#field-slug-error').text(), /lowercase/);
    assert.match(invalid.$('#field-position-error').text(), /whole number/);
    assert.equal(invalid.$('[name=position]').val(), 'first');

    // Move the first question after the second.
    const edit = await editor.get(`/desk/stories/${story.id}/questions/${qid}/edit`);
    assert.equal(edit.status, 200);
    assert.equal(edit.$('input[name=version]').val(), '1');
    const moved = await editor.post(`/desk/stories/${story.id}/questions/${qid}/edit`, {
      version: '1',
      proposition: 'A state actor carried out the sabotage.',
      short_label: 'State actor?',
      slug: 'state-actor',
      position: '5',
      comment: 'Moved down',
    });
    assert.equal(moved.status, 303);
    assert.equal(question(qid)!.position, 5);
    assert.equal(question(qid)!.version, 2);
    assert.deepEqual(revisionsOf('question', qid).map((r) => [r.version, r.event, r.comment]), [
      [1, 'created', 'First question'],
      [2, 'edited', 'Moved down'],
    ]);

    const storyPage = await editor.get(`/desk/stories/${story.id}`);
    assert.deepEqual(storyPage.$('.question-list li').map((_, li) => storyPage.$(li).attr('data-question')).get(), ['yacht', 'state-actor']);
    assert.deepEqual(questionsOfStory(server.db, story.id).map((q) => q.slug), ['yacht', 'state-actor']);

    const questionPage = await editor.get(`/desk/stories/${story.id}/questions/${qid}`);
    assert.equal(questionPage.status, 200);
    assert.equal(questionPage.$('.revision-history tbody tr').length, 2);
  });

  test('editing a question of a public story refreshes the public pages; a stale version is refused', async () => {
    const editor = await server.signIn('editor');
    const other = await server.signIn('editor');
    const taurus = storyBySlug('taurus-leak')!;
    const q = questionsOfStory(server.db, taurus.id).find((x) => x.slug === 'british-personnel-on-the-ground')!;
    const current = question(q.id)!;
    // The short label is shown where a page names the question briefly: the breadcrumb of its page for one party.
    const onePartyPage = '/stories/taurus-leak/questions/british-personnel-on-the-ground?party=downing-street';
    assert.equal((await server.client().get(onePartyPage)).status, 200);
    const generation = publicationGeneration(server.db);
    const fields = {
      version: String(current.version),
      proposition: current.proposition,
      short_label: 'UK troops in Ukraine?',
      slug: current.slug,
      position: String(current.position),
    };
    const saved = await editor.post(`/desk/stories/${taurus.id}/questions/${q.id}/edit`, fields);
    assert.equal(saved.status, 303);
    assert.equal(publicationGeneration(server.db), generation + 1);
    const publicPage = await server.client().get(onePartyPage);
    assert.ok(publicPage.body.includes('UK troops in Ukraine?'));

    const stale = await other.post(`/desk/stories/${taurus.id}/questions/${q.id}/edit`, { ...fields, short_label: 'Boots on the ground?' });
    assert.equal(stale.status, 409);
    assert.equal(question(q.id)!.shortLabel, 'UK troops in Ukraine?');
    assert.equal(stale.$('#conflict tr[data-field="Short label"] .conflict-saved').text(), 'UK troops in Ukraine?');
    assert.equal(stale.$('#conflict tr[data-field="Short label"] .conflict-yours').text(), 'Boots on the ground?');
  });

  test("a question is reached only through its own story; ids must be numeric", async () => {
    const editor = await server.signIn('editor');
    const taurus = storyBySlug('taurus-leak')!;
    const nordStream = storyBySlug('the-nord-stream-sabotage')!;
    const taurusQuestion = questionsOfStory(server.db, taurus.id)[0]!;
    assert.equal((await editor.get(`/desk/stories/${nordStream.id}/questions/${taurusQuestion.id}/edit`)).status, 404);
    assert.equal(
      (await editor.post(`/desk/stories/${nordStream.id}/questions/${taurusQuestion.id}/edit`, { version: '1', proposition: 'x', short_label: 'x', position: '1' }))
        .status,
      404,
    );
    assert.equal((await editor.get('/desk/stories/abc')).status, 404);
    assert.equal((await editor.get(`/desk/stories/${taurus.id}/questions/x`)).status, 404);
    assert.equal((await editor.get('/desk/stories/999999/questions/new')).status, 404);
  });
});
