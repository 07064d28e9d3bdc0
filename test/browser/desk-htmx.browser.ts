/**
 * The desk's htmx enhancements in a real browser, each with JavaScript (htmx swaps in place: a
 * marker set on `window` survives, so no full page load happened) and, where it matters, without
 * (a context with JavaScript off: the same forms work as plain POSTs):
 *
 * - the claim form refused with 422: swapped in place with the messages by the fields and every
 *   value typed kept; fixed and saved, it lands on the claim page;
 * - "Add a stance" appends a row listing the story's questions, then another with the next index
 *   (no id twice in the page); without JavaScript it re-renders the form with one more row;
 * - the live Markdown preview of the rating explanation (sanitised: no <script>);
 * - two editors on one claim: the second save shows the conflict in place with the first
 *   editor's change and the second editor's input kept; saving again goes through;
 * - the review screen: a publish without the required override reason shows the message in
 *   place; with a reason, htmx follows HX-Redirect to the claim page;
 * - any other error (a body over the limit: 413) shows its message in place of the page's main
 *   content, as it would without JavaScript, and nothing is saved.
 *
 * Every page runs under the app's strict CSP with no console error and no CSP violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium } from './support.js';
import {
  DESK_PAGES,
  claimRow,
  createDraft,
  createInReview,
  duplicateIds,
  htmxIdle,
  htmxReady,
  openSignedIn,
  partyId,
  questionId,
  readMarker,
  setMarker,
  storyQuestions,
  type Watched,
} from './desk-support.js';

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const MODES = [
  { name: 'with JavaScript (htmx)', js: true },
  { name: 'without JavaScript', js: false },
] as const;

const sql = () => server.db.$client;
const stancesOf = (claimId: number) =>
  sql().prepare('SELECT question_id AS question, position, note FROM stances WHERE claim_id = ? ORDER BY question_id').all(claimId) as {
    question: number;
    position: string;
    note: string;
  }[];

/** The visible Save button of the claim form (the first one is a hidden default for Enter). */
const saveButton = (page: Page) => page.locator('#claim-form button[type=submit][name=intent][value=save]:not(.visually-hidden)');

/** Wait for the response to the request `action` starts whose method and path match. */
async function responseTo(page: Page, method: string, path: RegExp, action: () => Promise<unknown>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: 15_000 }),
    action(),
  ]);
  return response;
}

/** What a user sees in the claim form's fields, by name (repeated names in order). */
async function formValues(page: Page): Promise<Record<string, string[]>> {
  return page.locator('#claim-form').evaluate((form) => {
    const out: Record<string, string[]> = {};
    for (const el of (form as HTMLFormElement).elements) {
      const field = el as HTMLInputElement;
      if (!field.name || field.type === 'submit' || field.type === 'hidden') continue;
      (out[field.name] ??= []).push(field.value);
    }
    return out;
  });
}

/** A field's message sits in its own `.field`, is tied to it by aria-describedby, and the field is marked invalid. */
async function assertErrorBesideField(page: Page, fieldId: string, message: RegExp) {
  const error = page.locator(`#${fieldId}-error`);
  assert.equal(await error.count(), 1, `one message for #${fieldId}`);
  assert.match(await error.innerText(), message, `the message for #${fieldId}`);
  const beside = await page.locator(`#${fieldId}`).evaluate((field, id) => {
    const box = field.closest('.field');
    return {
      sameField: Boolean(box && box.querySelector(`#${CSS.escape(id)}-error`)),
      invalid: field.getAttribute('aria-invalid'),
      describedBy: (field.getAttribute('aria-describedby') ?? '').split(/\s+/),
    };
  }, fieldId);
  assert.ok(beside.sameField, `the message for #${fieldId} is in the same .field as the field`);
  assert.equal(beside.invalid, 'true', `#${fieldId} has aria-invalid`);
  assert.ok(beside.describedBy.includes(`${fieldId}-error`), `#${fieldId} is described by its message`);
  const summaryLink = page.locator(`#error-summary a[href="#${fieldId}"]`);
  assert.equal(await summaryLink.count(), 1, `the error summary links to #${fieldId}`);
}

const ROW_GROUPS = [
  { key: 'stance_question', note: 'stance_note', blank: { stance_question: '', stance_position: 'asserts', stance_note: '' } },
  { key: 'citation_source', note: 'citation_passage', blank: { citation_source: '', citation_role: 'reports', citation_passage: '' } },
] as const;

/**
 * What a re-rendered form should show for what was typed: every field as it was, every row as it
 * was, and a blank row at the end of a group only if its last row was filled in (the form always
 * ends a group with one blank row, so a row can be added without JavaScript — never two).
 */
function expectedAfterRerender(typed: Record<string, string[]>): Record<string, string[]> {
  const expected = structuredClone(typed);
  for (const group of ROW_GROUPS) {
    const rows = expected[group.key]?.length ?? 0;
    const last = rows - 1;
    const lastIsBlank = rows > 0 && expected[group.key]![last] === '' && expected[group.note]![last]!.trim() === '';
    if (!lastIsBlank) for (const [name, value] of Object.entries(group.blank)) (expected[name] ??= []).push(value);
  }
  return expected;
}

async function assertNoDuplicateIds(page: Page, where: string) {
  assert.deepEqual(await duplicateIds(page), [], `${where}: no id is used twice in the page`);
}

/**
 * The one console error a refused save leaves: Chromium logs every response with a 4xx status,
 * an htmx request's or a page's, as "Failed to load resource", though the app answers 422 and
 * 409 by design (the form again, with the input kept) and htmx swaps them in. Exactly that
 * line, for that status on the form's own address, is set aside; any other stays an error.
 */
function expectedRefusal(watched: Watched, status: 409 | 422, url: string) {
  const reason = status === 422 ? 'Unprocessable Entity' : 'Conflict';
  const line = `Failed to load resource: the server responded with a status of ${status} (${reason}) (${url})`;
  const kept = watched.consoleErrors.filter((l) => l !== line);
  watched.consoleErrors.splice(0, watched.consoleErrors.length, ...kept);
}

// ------------------------------------------------------------------ the claim form, refused and fixed

describe('the claim form: a refused save keeps everything typed; fixed, it saves', () => {
  for (const mode of MODES) {
    test(mode.name, { timeout: 90_000 }, async () => {
      const w = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: mode.js });
      const { page } = w;
      try {
        await page.goto(`${server.url}/desk/claims/new`);
        if (mode.js) {
          await htmxReady(page);
          await setMarker(page);
        }
        const documentsBefore = w.documents.length;
        assert.equal(await page.locator('#field-story').inputValue(), '1', 'the only story is chosen');

        const western = String(questionId(server, 'leak-proves-western-involvement'));
        const peskov = String(partyId(server, 'dmitry-peskov'));
        await page.locator('#field-party').selectOption(peskov);
        // The statement is left empty; the date is one a date picker allows but the desk refuses.
        await page.locator('#field-form').selectOption('paraphrase');
        await page.locator('#field-type').selectOption('characterisation');
        await page.locator('#field-said_on').fill('2999-01-01');
        await page.locator('#field-date_precision').selectOption('approximate');
        const venue = `KEPT-VENUE remarks to reporters (${mode.js ? 'htmx' : 'plain POST'})`;
        await page.locator('#field-venue').fill(venue);
        await page.locator('#field-rating').selectOption('disputed');
        await page.locator('#field-rating_explanation').fill('KEPT *explanation*');
        await page.locator('#field-stance_question-0').selectOption(western);
        await page.locator('#field-stance_position-0').selectOption('denies');
        await page.locator('#field-stance_note-0').fill('KEPT-NOTE');
        await page.locator('#field-citation_source-0').selectOption('1');
        await page.locator('#field-citation_passage-0').fill('KEPT-PASSAGE from the report');
        await page.locator('#field-comment').fill('KEPT-COMMENT');
        const typed = await formValues(page);

        const refused = await responseTo(page, 'POST', /^\/desk\/claims$/, () => saveButton(page).click());
        assert.equal(refused.status(), 422, 'the refused save answers 422');
        await page.locator('#field-statement-error').waitFor();
        if (mode.js) {
          await htmxIdle(page);
          assert.equal(refused.request().headers()['hx-request'], 'true', 'htmx sent it');
          assert.doesNotMatch(await refused.text(), /<html/i, 'the answer is the form alone');
          assert.equal(await readMarker(page), 'still here', 'the form was swapped in place, without a page load');
          assert.equal(w.documents.length, documentsBefore, 'no document was loaded');
          assert.equal(new URL(page.url()).pathname, '/desk/claims/new', 'the address is unchanged');
        } else {
          assert.equal(new URL(page.url()).pathname, '/desk/claims', 'the plain POST shows the form again at its action');
        }
        assert.equal(await page.locator('form#claim-form').count(), 1, 'exactly one claim form (no form inside a form)');
        assert.equal(await page.locator('h1').count(), 1, 'the page was not nested in itself');

        await assertErrorBesideField(page, 'field-statement', /Write the statement/);
        await assertErrorBesideField(page, 'field-said_on', /future/);
        assert.equal(await page.locator('.field-error').count(), 2, 'only the two wrong fields have a message');
        assert.deepEqual(await formValues(page), expectedAfterRerender(typed), 'every value typed is kept, in every field and row');
        await assertNoDuplicateIds(page, 'after the refused save');
        assert.equal(sql().prepare('SELECT count(*) FROM claims WHERE venue = ?').pluck().get(venue), 0, 'nothing was saved');

        // Fix and save: the claim page, with the saved claim.
        await page.locator('#field-statement').fill('Peskov said the leak proved the West’s direct involvement.');
        await page.locator('#field-said_on').fill('2024-03-05');
        const saved = await responseTo(page, 'POST', /^\/desk\/claims$/, () => saveButton(page).click());
        if (mode.js) {
          assert.equal(saved.status(), 204, 'htmx gets no content…');
          assert.match(saved.headers()['hx-redirect'] ?? '', /^\/desk\/claims\/\d+\?saved$/, '…and HX-Redirect to the claim');
        } else {
          assert.equal(saved.status(), 303);
        }
        await page.waitForURL(/\/desk\/claims\/\d+\?saved$/);
        await page.waitForLoadState('load');
        const id = Number(/\/desk\/claims\/(\d+)/.exec(page.url())![1]);
        assert.equal(await page.locator('h1').innerText(), `Claim ${id}`);
        assert.match(await page.locator('.notice-success').innerText(), /Saved/);
        const row = claimRow(server, id)!;
        assert.equal(row.state, 'draft');
        assert.equal(row.venue, venue);
        assert.deepEqual(stancesOf(id), [{ question: Number(western), position: 'denies', note: 'KEPT-NOTE' }]);

        expectedRefusal(w, 422, `${server.url}/desk/claims`);
        await w.assertClean('the claim form');
      } finally {
        await w.close();
      }
    });
  }
});

// ------------------------------------------------------------------ Add a stance

describe('“Add a stance” adds one row listing the story’s questions', () => {
  test('with JavaScript (htmx): each click appends a row with the next index; the rows are saved', { timeout: 90_000 }, async () => {
    const w = await openSignedIn(browser, server, 'editor');
    const { page } = w;
    try {
      await page.goto(`${server.url}/desk/claims/new`);
      await htmxReady(page);
      await setMarker(page);
      const rows = page.locator('#stance-rows > .row-fields');
      assert.equal(await rows.count(), 1, 'a new claim starts with one blank stance row');
      const questions = storyQuestions(server, 1);
      const optionsOf = (index: number) =>
        page.locator(`#field-stance_question-${index} option`).evaluateAll((options) =>
          options.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).text] as [string, string]),
        );
      assert.deepEqual(await optionsOf(0), [['', 'No stance'], ...questions], 'the first row lists the story’s questions');
      const first = String(questionId(server, 'british-personnel-on-the-ground'));
      await page.locator('#field-stance_question-0').selectOption(first);
      await page.locator('#field-stance_note-0').fill('ROW-0');

      for (const index of [1, 2]) {
        const button = page.locator('#add-stance-row');
        assert.equal(await button.count(), 1, 'one “Add a stance” button');
        assert.match((await button.getAttribute('data-hx-get')) ?? '', new RegExp(`[?&]index=${index}(&|$)`), `the button asks for row ${index}`);
        const response = await responseTo(page, 'GET', /^\/desk\/claims\/rows\/stance$/, () => button.click());
        assert.equal(response.status(), 200);
        await page.locator(`[data-row="stance-${index}"]`).waitFor();
        await htmxIdle(page);
        assert.equal(await rows.count(), index + 1, `click ${index}: one more row`);
        assert.equal(await page.locator(`#stance-rows > .row-fields:last-child`).getAttribute('data-row'), `stance-${index}`, 'appended at the end');
        assert.deepEqual(await optionsOf(index), [['', 'No stance'], ...questions], `row ${index} lists the story’s questions`);
        assert.equal(await page.getByLabel(`Question (stance ${index + 1})`).count(), 1, `row ${index} is labelled stance ${index + 1}`);
        await assertNoDuplicateIds(page, `after click ${index}`);
        assert.equal(await readMarker(page), 'still here', 'rows are appended without a page load');
      }
      assert.equal(await page.locator('#add-stance-row').count(), 1, 'still one “Add a stance” button');
      assert.equal(await page.locator('#field-stance_question-0').inputValue(), first, 'the first row keeps its choice');
      assert.equal(await page.locator('#field-stance_note-0').inputValue(), 'ROW-0');

      // The added rows are real fields: fill the last one and save the claim.
      const last = String(questionId(server, 'officers-should-be-punished'));
      await page.locator('#field-stance_question-2').selectOption(last);
      await page.locator('#field-stance_position-2').selectOption('denies');
      await page.locator('#field-party').selectOption(String(partyId(server, 'boris-pistorius')));
      await page.locator('#field-statement').fill('The officers will face consequences.');
      await page.locator('#field-said_on').fill('2024-03-05');
      await saveButton(page).click();
      await page.waitForURL(/\/desk\/claims\/\d+\?saved$/);
      const id = Number(/\/desk\/claims\/(\d+)/.exec(page.url())![1]);
      const expected: [number, string][] = [
        [Number(first), 'asserts'],
        [Number(last), 'denies'],
      ];
      assert.deepEqual(
        stancesOf(id).map((s) => [s.question, s.position]),
        expected.sort((a, b) => a[0] - b[0]),
        'the stance in the first row and in the row htmx added are saved; the blank one is ignored',
      );
      await w.assertClean('adding stances');
    } finally {
      await w.close();
    }
  });

  test('without JavaScript: the same button re-renders the form with one more row, keeping what was typed', { timeout: 60_000 }, async () => {
    const w = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: false });
    const { page } = w;
    try {
      await page.goto(`${server.url}/desk/claims/new`);
      const rows = page.locator('#stance-rows > .row-fields');
      assert.equal(await rows.count(), 1, 'a new claim starts with one blank stance row');
      await page.locator('#field-statement').fill('TYPED-STATEMENT');
      const first = String(questionId(server, 'british-personnel-on-the-ground'));
      await page.locator('#field-stance_question-0').selectOption(first);

      for (const count of [2, 3]) {
        const response = await responseTo(page, 'POST', /^\/desk\/claims$/, () => page.locator('#add-stance-row').click());
        assert.equal(response.status(), 200, 'the form is shown again, nothing saved');
        await page.waitForLoadState('load');
        assert.equal(await rows.count(), count, `one more row (${count})`);
        assert.equal(await page.locator(`[data-row="stance-${count - 1}"]`).count(), 1, `the new row is stance ${count - 1}`);
        assert.deepEqual(
          await page.locator(`#field-stance_question-${count - 1} option`).evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
          ['', ...storyQuestions(server, 1).map(([id]) => id)],
          'the new row lists the story’s questions',
        );
        assert.equal(await page.locator('#field-statement').inputValue(), 'TYPED-STATEMENT', 'what was typed is kept');
        assert.equal(await page.locator('#field-stance_question-0').inputValue(), first, 'the first row keeps its choice');
        assert.equal(await page.locator('.field-error').count(), 0, 'adding a row does not validate the form');
        await assertNoDuplicateIds(page, `with ${count} rows`);
      }
      assert.equal(sql().prepare("SELECT count(*) FROM claims WHERE statement = 'TYPED-STATEMENT'").pluck().get(), 0, 'nothing was saved');
      await w.assertClean('adding stances without JavaScript');
    } finally {
      await w.close();
    }
  });
});

// ------------------------------------------------------------------ Markdown preview

describe('the rating explanation’s Markdown preview', () => {
  test('with JavaScript (htmx): it updates as one types, and strips <script>', { timeout: 60_000 }, async () => {
    const w = await openSignedIn(browser, server, 'editor');
    const { page } = w;
    try {
      await page.goto(`${server.url}/desk/claims/new`);
      await htmxReady(page);
      await setMarker(page);
      const preview = page.locator('#rating-preview');
      const explanation = page.locator('#field-rating_explanation');
      assert.equal((await preview.innerHTML()).trim(), '', 'the preview starts empty');

      await explanation.pressSequentially('Downing Street calls it **misinformation**', { delay: 5 });
      await page.waitForFunction(() => document.querySelector('#rating-preview strong')?.textContent === 'misinformation');
      assert.match(await preview.innerText(), /Downing Street calls it misinformation/);

      // More typing: the preview follows, and what would run is removed.
      await explanation.pressSequentially(
        ' and *denies* it.\n\n[a link](javascript:window.__pwned=3) and <img src=x onerror="window.__pwned = 2">\n\n<script>window.__pwned = 1</script>\n\nThe end.',
        { delay: 2 },
      );
      await page.waitForFunction(() => /The end\./.test(document.querySelector('#rating-preview')?.textContent ?? ''));
      await htmxIdle(page);
      const html = await preview.innerHTML();
      assert.match(html, /<em>denies<\/em>/, 'the preview follows the typing');
      assert.doesNotMatch(html, /<script|onerror|javascript:/i, `the preview is sanitised: ${html}`);
      assert.equal(await preview.locator('script, img, iframe, [onerror], a[href^="javascript"]').count(), 0, 'no script, no image, no handler, no javascript: link');
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'nothing ran');
      assert.match(await preview.innerText(), /denies it\./);
      assert.equal(await readMarker(page), 'still here', 'the preview is swapped in without a page load');
      assert.equal(await page.locator('form#claim-form').count(), 1, 'the form itself is not replaced');
      assert.match(await explanation.inputValue(), /<script>/, 'the field keeps exactly what was typed');
      await w.assertClean('the preview');
    } finally {
      await w.close();
    }
  });

  test('without JavaScript: “Preview the explanation” shows the same sanitised preview, the input kept', { timeout: 60_000 }, async () => {
    const w = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: false });
    const { page } = w;
    try {
      await page.goto(`${server.url}/desk/claims/new`);
      await page.locator('#field-statement').fill('TYPED-STATEMENT');
      const typed = 'Downing Street calls it **misinformation**.\n\n<script>window.__pwned = 1</script>';
      await page.locator('#field-rating_explanation').fill(typed);
      const response = await responseTo(page, 'POST', /^\/desk\/claims$/, () => page.getByRole('button', { name: 'Preview the explanation' }).click());
      assert.equal(response.status(), 200);
      await page.waitForLoadState('load');
      assert.equal(await page.locator('#rating-preview strong').innerText(), 'misinformation');
      assert.equal(await page.locator('#rating-preview script').count(), 0, 'no script in the preview');
      assert.equal(await page.locator('#field-rating_explanation').inputValue(), typed, 'the explanation is kept as typed');
      assert.equal(await page.locator('#field-statement').inputValue(), 'TYPED-STATEMENT');
      await w.assertClean('the preview without JavaScript');
    } finally {
      await w.close();
    }
  });
});

// ------------------------------------------------------------------ two editors

describe('two editors save the same claim', () => {
  for (const mode of MODES) {
    test(mode.name, { timeout: 90_000 }, async () => {
      const author = await server.signIn('editor');
      const id = await createDraft(server, author, { venue: 'BASE-VENUE', comment: 'base' });
      const alice = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: mode.js });
      const bob = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: mode.js });
      try {
        for (const w of [alice, bob]) {
          await w.page.goto(`${server.url}/desk/claims/${id}/edit`);
          if (mode.js) await htmxReady(w.page);
          assert.equal(await w.page.locator('#claim-form input[name=version]').inputValue(), '1');
        }

        // Alice saves first.
        await alice.page.locator('#field-venue').fill('ALICE-VENUE');
        await alice.page.locator('#field-comment').fill('Alice’s fix');
        await saveButton(alice.page).click();
        await alice.page.waitForURL(new RegExp(`/desk/claims/${id}\\?saved$`));
        assert.equal(claimRow(server, id)!.venue, 'ALICE-VENUE');

        // Bob, who opened the same version, saves: refused, in place, with Alice's change shown.
        if (mode.js) await setMarker(bob.page);
        await bob.page.locator('#field-venue').fill('BOB-VENUE');
        await bob.page.locator('#field-statement').fill('BOB-STATEMENT “the direct involvement of the collective West”.');
        await bob.page.locator('#field-comment').fill('Bob’s fix');
        const bobTyped = await formValues(bob.page);
        const refused = await responseTo(bob.page, 'POST', new RegExp(`^/desk/claims/${id}$`), () => saveButton(bob.page).click());
        assert.equal(refused.status(), 409);
        const conflict = bob.page.locator('.conflict');
        await conflict.waitFor();
        if (mode.js) {
          await htmxIdle(bob.page);
          assert.equal(await readMarker(bob.page), 'still here', 'the conflict is shown in place, without a page load');
          assert.equal(new URL(bob.page.url()).pathname, `/desk/claims/${id}/edit`);
        }
        assert.equal(await bob.page.locator('form#claim-form').count(), 1, 'one claim form');
        assert.equal(await conflict.getAttribute('role'), 'alert', 'the notice is announced');
        const notice = await conflict.innerText();
        assert.match(notice, /ALICE-VENUE/, 'Alice’s change is shown');
        assert.match(notice, /version 2/, 'with the version she saved');
        assert.match(notice, /Alice’s fix/, 'and her note');
        assert.deepEqual(await formValues(bob.page), expectedAfterRerender(bobTyped), 'Bob’s input is still in the fields');
        assert.equal(await bob.page.locator('#claim-form input[name=version]').inputValue(), '2', 'the form now carries Alice’s version');
        assert.equal(claimRow(server, id)!.venue, 'ALICE-VENUE', 'Bob’s refused save changed nothing');
        await assertNoDuplicateIds(bob.page, 'the conflict form');

        // Bob has seen Alice's change; saving again goes through.
        const again = await responseTo(bob.page, 'POST', new RegExp(`^/desk/claims/${id}$`), () => saveButton(bob.page).click());
        assert.equal(again.status(), mode.js ? 204 : 303);
        await bob.page.waitForURL(new RegExp(`/desk/claims/${id}\\?saved$`));
        const row = claimRow(server, id)!;
        assert.equal(row.venue, 'BOB-VENUE');
        assert.equal(row.version, 3);

        expectedRefusal(bob, 409, `${server.url}/desk/claims/${id}`);
        await alice.assertClean('the first editor');
        await bob.assertClean('the second editor');
      } finally {
        await alice.close();
        await bob.close();
      }
    });
  }
});

// ------------------------------------------------------------------ review

describe('the review screen: publishing despite a failing checklist needs a reason', () => {
  for (const mode of MODES) {
    test(mode.name, { timeout: 60_000 }, async () => {
      const id = await createInReview(server, await server.signIn('journalist'), { comment: `review ${mode.name}` });
      const w = await openSignedIn(browser, server, 'editor', { javaScriptEnabled: mode.js });
      const { page } = w;
      try {
        await page.goto(`${server.url}/desk/review/${id}`);
        if (mode.js) {
          await htmxReady(page);
          await setMarker(page);
        }
        assert.ok((await page.locator('.checklist li[data-ok="no"]').count()) > 0, 'the checklist has failing items');
        const publish = () => page.getByRole('button', { name: 'Publish', exact: true });

        const refused = await responseTo(page, 'POST', new RegExp(`^/desk/review/${id}/publish$`), () => publish().click());
        assert.equal(refused.status(), 422);
        await page.locator('#field-override_reason-error').waitFor();
        if (mode.js) {
          await htmxIdle(page);
          assert.equal(await readMarker(page), 'still here', 'the message is shown in place, without a page load');
          assert.equal(new URL(page.url()).pathname, `/desk/review/${id}`);
        }
        assert.equal(await page.locator('#review-screen').count(), 1, 'one review screen (not nested)');
        assert.match(await page.locator('#field-override_reason-error').innerText(), /reason/);
        assert.equal(await page.locator('#field-override_reason').getAttribute('aria-invalid'), 'true');
        assert.equal(claimRow(server, id)!.state, 'in_review', 'not published');
        await assertNoDuplicateIds(page, 'the refused publish');

        await page.locator('#field-override_reason').fill('Peskov’s words are on camera; one report suffices.');
        const published = await responseTo(page, 'POST', new RegExp(`^/desk/review/${id}/publish$`), () => publish().click());
        if (mode.js) {
          assert.equal(published.status(), 204);
          assert.equal(published.headers()['hx-redirect'], `/desk/claims/${id}?done=published`, 'the claim page says what was done');
        } else {
          assert.equal(published.status(), 303);
        }
        await page.waitForURL(new RegExp(`/desk/claims/${id}\\?done=published$`));
        await page.waitForLoadState('load');
        assert.equal(await page.locator('h1').innerText(), `Claim ${id}`);
        assert.match(await page.locator('.notice-success').innerText(), /Published/);
        assert.equal(claimRow(server, id)!.state, 'published');

        expectedRefusal(w, 422, `${server.url}/desk/review/${id}/publish`);
        await w.assertClean('the review screen');
      } finally {
        await w.close();
      }
    });
  }
});

describe('an error other than a refused form (here a 413) shows its message', () => {
  for (const mode of MODES) {
    test(mode.name, { timeout: 60_000 }, async () => {
      const w = await openSignedIn(browser, server, 'journalist', { javaScriptEnabled: mode.js });
      const { page } = w;
      try {
        await page.goto(`${server.url}/desk/parties/new`);
        if (mode.js) await htmxReady(page);
        const parties = sql().prepare('SELECT count(*) FROM parties').pluck().get();
        await page.locator('#field-name').fill('Too Long A Party');
        // Over the 1 MB body limit; filled by script, as typing a megabyte would take minutes.
        await page.locator('textarea[name=description]').evaluate((el) => ((el as HTMLTextAreaElement).value = 'x'.repeat(1_100_000)));
        const answer = await responseTo(page, 'POST', /^\/desk\/parties$/, () => page.locator('#party-form button[type=submit]:not(.visually-hidden)').last().click());
        assert.equal(answer.status(), 413);
        await page.getByText('larger than Claimdesk accepts (1 MB)').waitFor({ timeout: 10_000 });
        assert.equal(await page.locator('main#main').count(), 1, 'one main: the error page’s replaced the form page’s');
        assert.equal(sql().prepare('SELECT count(*) FROM parties').pluck().get(), parties, 'nothing saved');
        const line = `Failed to load resource: the server responded with a status of 413 (Payload Too Large) (${server.url}/desk/parties)`;
        w.consoleErrors.splice(0, w.consoleErrors.length, ...w.consoleErrors.filter((l) => l !== line));
        await w.assertClean('the 413 answer');
      } finally {
        await w.close();
      }
    });
  }
});

// ------------------------------------------------------------------ every desk page, under watch

test('every desk page loads under the strict CSP with no console error, no failed request, no other host', { timeout: 120_000 }, async () => {
  const w = await openSignedIn(browser, server, 'admin');
  const { page } = w;
  try {
    const origin = new URL(server.url).origin;
    const elsewhere: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && new URL(r.url()).origin !== origin) elsewhere.push(r.url());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    for (const target of DESK_PAGES.filter((p) => !p.signedOut)) {
      const response = await page.goto(server.url + target.path);
      assert.equal(response?.status(), 200, `GET ${target.path}`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self'/, `${target.path} is served with the strict CSP`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${target.path}: no unsafe-inline or unsafe-eval`);
      await page.waitForLoadState('load');
      await htmxReady(page);
      assert.deepEqual(await w.cspViolations(), [], `${target.path}: no CSP violation`);
      // A page that names no icon makes Chromium ask for /favicon.ico; a 404 there is logged as a
      // console error on every page (Chromium asks outside the page, so it is not always seen above).
      const icon = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? null);
      if (icon === null) {
        const favicon = await fetch(`${server.url}/favicon.ico`);
        assert.ok(favicon.ok, `${target.path} names no icon, and /favicon.ico answers ${favicon.status}: the browser logs that as a console error`);
      }
    }
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(elsewhere, [], 'no request leaves the app (htmx and the stylesheet are served by it)');
    await w.assertClean('the desk pages');
  } finally {
    await w.close();
  }
});
