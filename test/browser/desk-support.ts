/**
 * Shared pieces of the desk's browser tests (`desk-*.browser.ts`): the desk pages they visit,
 * signing a browser in through the real /login form, a page that records console errors and
 * CSP violations, and a little desk activity (a claim in
 * review, a proposed edit, a correction) so the pages show more than empty lists.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { TEST_PASSWORD, type Client, type Page as HttpPage, type TestServer } from '../helpers/app.js';

/**
 * Every desk page the tests visit, as an admin (who may see them all). `/login` is visited
 * signed out: signed in, it redirects to the desk.
 */
export const DESK_PAGES: { name: string; path: string; signedOut?: boolean }[] = [
  { name: 'login', path: '/login', signedOut: true },
  { name: 'dashboard', path: '/desk' },
  { name: 'claims', path: '/desk/claims' },
  { name: 'claim-new', path: '/desk/claims/new' },
  { name: 'claim', path: '/desk/claims/1' },
  { name: 'claim-edit', path: '/desk/claims/1/edit' },
  { name: 'claim-history-compare', path: '/desk/claims/1/history?from=1&to=1' },
  { name: 'review', path: '/desk/review/1' },
  { name: 'users', path: '/desk/users' },
  { name: 'audit', path: '/desk/audit' },
  { name: 'parties', path: '/desk/parties' },
  { name: 'party', path: '/desk/parties/1' },
  { name: 'party-edit', path: '/desk/parties/1/edit' },
  { name: 'sources', path: '/desk/sources' },
  { name: 'source', path: '/desk/sources/1' },
  { name: 'source-archive', path: '/desk/sources/1/archive' },
  { name: 'source-suggest', path: '/desk/sources/1/suggest' },
  { name: 'stories', path: '/desk/stories' },
  { name: 'story', path: '/desk/stories/1' },
  { name: 'search', path: '/desk/search?q=leak' },
  { name: 'password', path: '/desk/password' },
  { name: 'corrections', path: '/corrections' },
];

/**
 * A few more pages once `seedDeskActivity` has run: the queue, a review with its forms, the
 * history, and the forms that create and edit the other records.
 */
export function seededPages(seed: Seeded): { name: string; path: string }[] {
  return [
    { name: 'party-new', path: '/desk/parties/new' },
    { name: 'source-new', path: '/desk/sources/new' },
    { name: 'source-edit', path: '/desk/sources/1/edit' },
    { name: 'story-new', path: '/desk/stories/new' },
    { name: 'story-edit', path: '/desk/stories/1/edit' },
    { name: 'question', path: '/desk/stories/1/questions/1' },
    { name: 'question-new', path: '/desk/stories/1/questions/new' },
    { name: 'question-edit', path: '/desk/stories/1/questions/1/edit' },
    { name: 'review-queue', path: '/desk/review' },
    { name: 'review-in-review', path: `/desk/review/${seed.inReviewId}` },
    { name: 'claim-in-review', path: `/desk/claims/${seed.inReviewId}` },
    { name: 'claim-history', path: '/desk/claims/1/history' },
    { name: 'claim-history-pending', path: '/desk/claims/1/history?from=1&to=2' },
  ];
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
// isMobile makes Chromium honour <meta name="viewport">, as a phone does.
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// ------------------------------------------------------------------ data over plain HTTP

const sql = (server: TestServer) => server.db.$client;

export const questionId = (server: TestServer, slug: string) =>
  sql(server).prepare('SELECT id FROM questions WHERE slug = ?').pluck().get(slug) as number;
export const partyId = (server: TestServer, slug: string) =>
  sql(server).prepare('SELECT id FROM parties WHERE slug = ?').pluck().get(slug) as number;
export const claimRow = (server: TestServer, id: number) =>
  sql(server).prepare('SELECT state, version, statement, venue, pending_revision_id FROM claims WHERE id = ?').get(id) as
    | { state: string; version: number; statement: string; venue: string; pending_revision_id: number | null }
    | undefined;
/** The questions of a story, as the claim form's stance rows list them: [id, proposition]. */
export const storyQuestions = (server: TestServer, storyId: number) =>
  (sql(server).prepare('SELECT id, proposition FROM questions WHERE story_id = ? ORDER BY id').all(storyId) as { id: number; proposition: string }[]).map(
    (q) => [String(q.id), q.proposition] as [string, string],
  );

/** Every field of a valid claim, as the claim form posts them; override what a test changes. */
export function claimFields(server: TestServer, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    story: '1',
    party: String(partyId(server, 'dmitry-peskov')),
    statement: 'The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.',
    form: 'partial_quote',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'disputed',
    rating_explanation: 'Downing Street calls it *misinformation*.',
    stance_question: [String(questionId(server, 'leak-proves-western-involvement')), ''],
    stance_position: ['asserts', 'asserts'],
    stance_note: ['Proof of direct involvement.', ''],
    citation_source: ['1', ''],
    citation_role: ['reports', 'reports'],
    citation_passage: [
      'Kremlin spokesperson Dmitry Peskov said it proved “the direct involvement of the collective West in the conflict in Ukraine”.',
      '',
    ],
    comment: 'First draft',
    intent: 'save',
    ...overrides,
  };
}

/** Create a draft claim over HTTP; its id. */
export async function createDraft(server: TestServer, client: Client, overrides: Record<string, string | string[]> = {}): Promise<number> {
  const page = await client.post('/desk/claims', claimFields(server, overrides));
  assert.equal(page.status, 303, `creating a draft: ${page.status} ${page.body.slice(0, 300)}`);
  const match = /\/desk\/claims\/(\d+)/.exec(page.location ?? '');
  assert.ok(match, `a redirect to the new claim, not ${page.location}`);
  return Number(match[1]);
}

/** A draft, submitted: in review, with a failing checklist (one source only). */
export async function createInReview(server: TestServer, client: Client, overrides: Record<string, string | string[]> = {}): Promise<number> {
  const id = await createDraft(server, client, overrides);
  const submitted = await client.post(`/desk/claims/${id}/submit`, { version: String(claimRow(server, id)!.version) });
  assert.equal(submitted.status, 303, `submitting claim ${id}: ${submitted.status}`);
  assert.equal(claimRow(server, id)!.state, 'in_review');
  return id;
}

/**
 * The fields a browser would post for the form matching `selector` in a page fetched over HTTP
 * (successful controls only: no buttons, unchecked boxes or disabled fields).
 */
export function formEntries(page: HttpPage, selector: string): [string, string][] {
  const $ = page.$;
  const form = $(selector);
  assert.equal(form.length, 1, `one form ${selector} on the page`);
  const entries: [string, string][] = [];
  form.find('input, select, textarea').each((_, el) => {
    const field = $(el);
    const name = field.attr('name');
    if (!name || field.attr('disabled') !== undefined) return;
    const tag = el.tagName.toLowerCase();
    const type = (field.attr('type') ?? 'text').toLowerCase();
    if (tag === 'input' && ['submit', 'button', 'reset', 'image', 'file'].includes(type)) return;
    if (tag === 'input' && ['checkbox', 'radio'].includes(type) && field.attr('checked') === undefined) return;
    if (tag === 'select') {
      const selected = field.find('option[selected]').first();
      const option = selected.length ? selected : field.find('option').first();
      entries.push([name, option.attr('value') ?? option.text()]);
    } else if (tag === 'textarea') {
      entries.push([name, field.text().replace(/^\n/, '')]);
    } else {
      entries.push([name, field.attr('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
    }
  });
  return entries;
}

const replaceEntries = (entries: [string, string][], changes: Record<string, string>) => [
  ...entries.filter(([name]) => !(name in changes)),
  ...Object.entries(changes),
];

export type Seeded = { inReviewId: number; correctedId: number };

/**
 * Desk activity, so the pages have something in each list: a claim waiting in review, a proposed
 * edit of claim 1 (its desk page, edit form, review screen and history then show a diff), an
 * approved edit of claim 2 with a public correction, and users of every role.
 */
export async function seedDeskActivity(server: TestServer): Promise<Seeded> {
  const editor = await server.signIn('editor');
  await server.addUser('journalist');
  await server.addUser('admin');
  const inReviewId = await createInReview(server, editor, { comment: 'Peskov at the briefing' });

  // A proposed edit of published claim 1, with a changed statement (so a correction is due).
  const edit1 = await editor.get('/desk/claims/1/edit');
  const proposed = await editor.post(
    '/desk/claims/1',
    replaceEntries(formEntries(edit1, 'form#claim-form'), {
      statement: `${edit1.$('textarea[name="statement"]').text()} (proposed wording)`,
      comment: 'Tighter wording',
      intent: 'save',
    }),
  );
  assert.equal(proposed.status, 303, `proposing an edit of claim 1: ${proposed.status} ${proposed.body.slice(0, 300)}`);
  assert.ok(claimRow(server, 1)!.pending_revision_id, 'claim 1 has a pending edit');

  // An approved edit of claim 2, with a correction note readers see at /corrections.
  const correctedId = 2;
  const edit2 = await editor.get(`/desk/claims/${correctedId}/edit`);
  const saved = await editor.post(
    `/desk/claims/${correctedId}`,
    replaceEntries(formEntries(edit2, 'form#claim-form'), {
      statement: `${edit2.$('textarea[name="statement"]').text()} (corrected)`,
      comment: 'Corrected the quote',
      intent: 'save',
    }),
  );
  assert.equal(saved.status, 303, `editing claim ${correctedId}: ${saved.status} ${saved.body.slice(0, 300)}`);
  const approved = await editor.post(`/desk/review/${correctedId}/publish`, {
    version: String(claimRow(server, correctedId)!.version),
    override_reason: 'The fixture claim rests on one report.',
    correction_note: 'An earlier version misquoted the speaker.',
  });
  assert.equal(approved.status, 303, `approving the edit of claim ${correctedId}: ${approved.status} ${approved.body.slice(0, 300)}`);
  return { inReviewId, correctedId };
}

// ------------------------------------------------------------------ browsers

/** Sign a browser page in through the real /login form; it lands on /desk. */
export async function signInWithForm(page: Page, base: string, email: string, password = TEST_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/desk', { timeout: 15_000 }),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.waitForLoadState('load');
}

export type Watched = {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  /** Every page the browser loaded as a document, in order. */
  documents: string[];
  /** The CSP violations of the current document (they live on window, so read them before leaving). */
  cspViolations: () => Promise<string[]>;
  /** Fail with everything that went wrong in the page so far: console errors, exceptions, CSP violations. */
  assertClean: (where: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A page in a fresh context that records console errors, uncaught exceptions and CSP violations
 * (into `window.__cspViolations`, by an init script, which CSP does not govern), and every
 * document load. CSP violations are also collected across navigations (`allCsp`).
 */
export async function openWatchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ ...DESKTOP, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const documents: string[] = [];
  const allCsp: string[] = [];
  await page.exposeBinding('__reportCsp', (_source, line: string) => {
    allCsp.push(line);
  }).catch(() => {
    // exposeBinding needs JavaScript; without it there is nothing to report anyway.
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __reportCsp?: (line: string) => void };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const line = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
      w.__cspViolations.push(line);
      w.__reportCsp?.(line);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) documents.push(frame.url());
  });
  const cspViolations = async () =>
    options.javaScriptEnabled === false
      ? []
      : ((await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])) as string[]);
  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    documents,
    cspViolations,
    assertClean: async (where) => {
      // Give a late report (a violation is dispatched as a task) a moment to arrive.
      if (options.javaScriptEnabled !== false) await page.waitForTimeout(50);
      assert.deepEqual(allCsp, [], `${where}: no CSP violation`);
      assert.deepEqual(consoleErrors, [], `${where}: no console error`);
      assert.deepEqual(pageErrors, [], `${where}: no uncaught exception`);
    },
    close: () => context.close(),
  };
}

/** A watched page, signed in through the form as a new user of `role`. */
export async function openSignedIn(browser: Browser, server: TestServer, role: 'journalist' | 'editor' | 'admin', options: BrowserContextOptions = {}) {
  const user = await server.addUser(role);
  const watched = await openWatchedPage(browser, options);
  await signInWithForm(watched.page, server.url, user.email);
  return Object.assign(watched, { user });
}

// ------------------------------------------------------------------ htmx

/** Put a marker on window; it survives only as long as no full page load happens. */
export async function setMarker(page: Page, value = 'still here') {
  await page.evaluate((v) => ((window as unknown as { __marker?: string }).__marker = v), value);
}
export async function readMarker(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { __marker?: string }).__marker);
}

/** Wait until htmx has loaded, and later until it has finished swapping and settling. */
export async function htmxReady(page: Page) {
  await page.waitForFunction(() => 'htmx' in window && document.readyState === 'complete', undefined, { timeout: 10_000 });
}
export async function htmxIdle(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added'), undefined, {
    timeout: 10_000,
  });
}

/** Ids used more than once in the page: each id with its count. */
export async function duplicateIds(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    return [...counts].filter((entry) => entry[1] > 1);
  });
}

