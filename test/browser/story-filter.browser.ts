/**
 * The story page's filter in a real browser. With JavaScript, htmx swaps only `#matrix`; a tick
 * updates the address in place and Compare adds one history entry, so Back leaves the page
 * rather than undoing ticks one by one. Without it, the same form is a plain GET that gives the
 * same result, and Back shows a form that matches its table. The page runs under the app's strict CSP with no error, and never talks to any host
 * but the app (htmx is served by us, not a CDN).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium, STORY_PATH } from './support.js';

const PARTIES = ['boris-pistorius', 'dmitry-peskov'];

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

type Watched = { page: Page; consoleErrors: string[]; pageErrors: string[]; requests: string[]; close: () => Promise<void> };

/**
 * A page in a fresh context that records console errors, uncaught exceptions, CSP violations
 * (into `window.__cspViolations`, by an init script, which CSP does not govern) and every
 * request URL.
 */
async function openPage(options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watched: Watched = { page, consoleErrors: [], pageErrors: [], requests: [], close: () => context.close() };
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  page.on('request', (request) => watched.requests.push(request.url()));
  return watched;
}

/** The matrix as the reader sees it: its party columns, its question rows and its text. */
async function readMatrix(page: Page) {
  return page.locator('#matrix').evaluate((matrix) => ({
    parties: [...matrix.querySelectorAll('thead th[data-party]')].map((th) => th.getAttribute('data-party')),
    questions: [...matrix.querySelectorAll('tbody tr[data-question]')].map((tr) => tr.getAttribute('data-question')),
    text: (matrix as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
  }));
}

async function checkedParties(page: Page) {
  return page.locator('.matrix-filter input[name=party]:checked').evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).value),
  );
}

/** The filter sits in a <details> that starts closed when nothing is chosen. */
async function openFilter(page: Page) {
  const open = await page.locator('details.filter-panel').evaluate((d) => (d as HTMLDetailsElement).open);
  if (!open) await page.locator('details.filter-panel > summary').click();
}

function partiesInUrl(url: string) {
  return new URL(url).searchParams.getAll('party');
}

/**
 * Wait until `condition` holds in the page; if it does not within 10 s, fail with what was
 * awaited and where the page is, rather than a bare timeout.
 */
async function waitUntil<A>(page: Page, awaited: string, condition: (arg: A) => boolean, arg?: A) {
  try {
    await page.waitForFunction(condition as (arg: unknown) => boolean, arg as unknown, { timeout: 10_000 });
  } catch (error) {
    const now = await page
      .evaluate(() => ({
        url: location.href,
        columns: [...document.querySelectorAll('#matrix thead th[data-party]')].map((th) => th.getAttribute('data-party')),
      }))
      .catch(() => null);
    assert.fail(`${awaited}: not within 10 s (page now at ${now?.url}, matrix columns ${JSON.stringify(now?.columns)}). ${error}`);
  }
}

const urlPartiesAre = (want: string) => JSON.stringify(new URL(location.href).searchParams.getAll('party')) === want;
const columnCountIs = (want: number) => document.querySelectorAll('#matrix thead th[data-party]').length === want;

/** Wait until htmx has finished swapping and settling (no request in flight, no settling class). */
async function htmxIdle(page: Page) {
  await waitUntil(page, 'htmx to finish its request and swap', () => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping'));
}

test('with JavaScript, ticking parties swaps only the matrix and updates the URL in place; Compare adds one entry', { timeout: 90_000 }, async () => {
  const { page, close } = await openPage();
  try {
    await page.goto(server.url + STORY_PATH);
    await waitUntil(page, 'htmx to load', () => 'htmx' in window);
    const full = await readMatrix(page);
    assert.ok(full.parties.length > PARTIES.length, `the unfiltered matrix shows more than ${PARTIES.length} parties`);
    for (const party of PARTIES) assert.ok(full.parties.includes(party), `the unfiltered matrix has a ${party} column`);
    const historyLength = () => page.evaluate(() => history.length);
    const startLength = await historyLength();

    // A marker on window survives only if no full page load happens.
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'still here'));
    const marker = () => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);

    // Tick one party, then the other, as a reader would; each tick is one swap and no new history entry.
    await openFilter(page);
    const expected: string[] = [];
    for (const party of PARTIES) {
      expected.push(party);
      await page.locator(`.matrix-filter input[name=party][value="${party}"]`).check();
      await waitUntil(page, `the URL to name ${expected.join(' and ')}`, urlPartiesAre, JSON.stringify(expected));
      await htmxIdle(page);
      assert.deepEqual((await readMatrix(page)).parties, expected, `after ticking ${expected.join(' and ')}`);
      assert.equal(await marker(), 'still here', `ticking ${party} swapped the matrix without a full page load`);
      assert.equal(await historyLength(), startLength, `ticking ${party} replaced the address, adding no history entry`);
    }

    const filteredUrl = page.url();
    assert.deepEqual(partiesInUrl(filteredUrl), PARTIES, 'the URL names the chosen parties');
    const filtered = await readMatrix(page);
    assert.deepEqual(filtered.parties, PARTIES, 'the matrix has exactly the chosen party columns');
    assert.deepEqual(filtered.questions, full.questions, 'no question was chosen, so every question row stays');
    assert.equal(await page.locator('#matrix').count(), 1, 'exactly one #matrix after the swap (no nesting)');
    assert.equal(await page.locator('.matrix-filter').count(), 1, 'the filter itself was not swapped or duplicated');

    // Compare: one history entry, the same comparison, still no full page load.
    await page.locator('.matrix-filter button[type=submit]', { hasText: 'Compare' }).click();
    await waitUntil(page, 'Compare to add one history entry', (want: number) => history.length === want, startLength + 1);
    await htmxIdle(page);
    assert.deepEqual(await readMatrix(page), filtered, 'Compare shows the ticked comparison');
    assert.equal(await marker(), 'still here', 'Compare swapped the matrix without a full page load');

    // The URL is bookmarkable: opened fresh, it renders the same matrix and ticks the same boxes.
    const fresh = await openPage();
    try {
      const response = await fresh.page.goto(filteredUrl);
      assert.equal(response?.status(), 200);
      assert.deepEqual(await readMatrix(fresh.page), filtered, 'a fresh load of the URL renders the same matrix');
      assert.deepEqual(await checkedParties(fresh.page), PARTIES, 'and ticks the same boxes');
    } finally {
      await fresh.close();
    }

    // Back once: the entry the ticks updated in place, which shows the same comparison; the form agrees with it.
    await page.goBack();
    await waitUntil(page, 'back once: the matrix to show the ticked parties', columnCountIs, PARTIES.length);
    await htmxIdle(page);
    assert.deepEqual(partiesInUrl(page.url()), PARTIES);
    assert.deepEqual(await checkedParties(page), PARTIES, 'the filter shows what the matrix shows');
    // Back again leaves the story page: two ticks and Compare cost two Backs, not four.
    await page.goBack();
    await page.waitForURL((url) => !url.pathname.startsWith(STORY_PATH));
  } finally {
    await close();
  }
});

test('without JavaScript, the Compare button loads the same filtered page by plain GET', { timeout: 60_000 }, async () => {
  const { page, close } = await openPage({ javaScriptEnabled: false });
  try {
    await page.goto(server.url + STORY_PATH);
    await openFilter(page);
    for (const party of PARTIES) await page.locator(`.matrix-filter input[name=party][value="${party}"]`).check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).searchParams.has('party')),
      page.locator('.matrix-filter button[type=submit]', { hasText: 'Compare' }).click(),
    ]);
    await page.waitForLoadState('load');
    assert.equal(response?.status(), 200);
    assert.equal(new URL(page.url()).pathname, STORY_PATH);
    assert.deepEqual(partiesInUrl(page.url()), PARTIES, 'the URL names the chosen parties');
    const viaForm = await readMatrix(page);
    assert.deepEqual(viaForm.parties, PARTIES, 'the matrix has exactly the chosen party columns');
    assert.deepEqual(await checkedParties(page), PARTIES, 'the chosen boxes stay ticked');

    // The same result as the JavaScript path's bookmarkable URL, loaded with JavaScript on.
    const withJs = await openPage();
    try {
      await withJs.page.goto(`${server.url}${STORY_PATH}?${PARTIES.map((p) => `party=${p}`).join('&')}`);
      assert.deepEqual(await readMatrix(withJs.page), viaForm, 'the plain GET and the htmx URL render the same matrix');
    } finally {
      await withJs.close();
    }
  } finally {
    await close();
  }
});

test('the story page runs under its CSP with no console error and talks to no other host', { timeout: 60_000 }, async () => {
  const { page, consoleErrors, pageErrors, requests, close } = await openPage();
  try {
    const responses: { url: string; status: number }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), status: r.status() }));
    const csp = (await page.goto(server.url + STORY_PATH))?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/, 'the page is served with its strict CSP');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, 'a CSP without unsafe-inline or unsafe-eval');
    await page.waitForLoadState('load');
    await waitUntil(page, 'htmx to load', () => 'htmx' in window);

    // Use htmx once, so its request and swap are under watch too.
    await openFilter(page);
    await page.locator(`.matrix-filter input[name=party][value="${PARTIES[0]}"]`).check();
    await waitUntil(page, 'the URL to name the ticked party', urlPartiesAre, JSON.stringify(PARTIES.slice(0, 1)));
    await htmxIdle(page);

    const htmx = responses.filter((r) => /\/assets\/htmx\.[0-9a-f]+\.js$/.test(new URL(r.url).pathname));
    assert.equal(htmx.length, 1, `htmx is loaded once from the app's /assets/ (responses: ${responses.map((r) => r.url).join(', ')})`);
    assert.equal(htmx[0]!.status, 200);
    assert.equal(new URL(htmx[0]!.url).origin, server.url);

    const origin = new URL(server.url).origin;
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    assert.deepEqual(elsewhere, [], 'no request leaves the app');

    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(consoleErrors, [], 'no console error');
    assert.deepEqual(pageErrors, [], 'no uncaught exception');
  } finally {
    await close();
  }
});

test('without JavaScript, Back after two comparisons shows the earlier table with its own ticks', { timeout: 60_000 }, async () => {
  const { page, close } = await openPage({ javaScriptEnabled: false });
  try {
    await page.goto(server.url + STORY_PATH);
    const compare = async (parties: string[]) => {
      await openFilter(page);
      for (const party of parties) await page.locator(`.matrix-filter input[name=party][value="${party}"]`).check();
      const before = partiesInUrl(page.url()).length;
      await page.locator('.matrix-filter button[type=submit]').click();
      await page.waitForURL((url) => url.searchParams.getAll('party').length === before + parties.length);
      await page.waitForLoadState('load');
    };
    await compare([PARTIES[0]!]);
    await compare([PARTIES[1]!]);
    assert.deepEqual((await readMatrix(page)).parties, PARTIES);

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.getAll('party').length === 1);
    await page.waitForLoadState('load');
    assert.deepEqual((await readMatrix(page)).parties, PARTIES.slice(0, 1), 'the earlier table');
    assert.deepEqual(await checkedParties(page), PARTIES.slice(0, 1), 'and the form ticks what that table shows, not the later ticks');
  } finally {
    await close();
  }
});
