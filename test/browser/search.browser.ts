/**
 * The search page in a real browser: as the reader types, htmx replaces the results (once the
 * typing pauses) and the address follows, under the strict CSP with no error; without
 * JavaScript the same form is a plain GET with the same results.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium } from './support.js';

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

const results = (page: import('playwright-core').Page) =>
  page.locator('#search-results li.search-hit').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-kind')}:${li.getAttribute('data-id')}`));

test('results follow the typing, debounced, and the address can be shared', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  let searches = 0;
  page.on('request', (r) => (r.url().includes('/search?') ? searches++ : undefined));
  await page.goto(`${server.url}/search`);
  // Wait for htmx to be ready on the form.
  await page.waitForFunction(() => 'htmx' in window);
  await page.locator('#search-q').pressSequentially('no spy', { delay: 40 });
  await page.waitForURL(/\/search\?q=no\+spy/);
  await page.locator('#search-results .search-count').waitFor();
  const typed = await results(page);
  assert.ok(typed.length > 0);
  assert.ok(searches <= 3, `debounced: ${searches} requests for 6 keystrokes`);
  assert.equal(await page.locator('header.site-header').count(), 1, 'the page kept, only the results swapped');
  assert.ok((await page.locator('#search-results mark').count()) > 0);
  assert.deepEqual(errors, []);

  // The same address, shared, shows the same results without JavaScript.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const other = await plain.newPage();
  await other.goto(page.url());
  assert.deepEqual(await results(other), typed);
  // And the plain form submits as a GET.
  await other.goto(`${server.url}/search`);
  await other.locator('#search-q').fill('no spy');
  await other.locator('form.search-form button[type="submit"]').click();
  await other.waitForURL(/\/search\?q=no\+spy/);
  assert.deepEqual(await results(other), typed);
  await plain.close();
  await context.close();
});
