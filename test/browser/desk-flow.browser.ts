/**
 * The desk's own script and CSS-only behaviour in a real browser, with JavaScript and without:
 *
 * - signing in (scrypt takes a while): once sent the form says it is working and a second press
 *   sends nothing; without JavaScript the same form still signs in;
 * - the claim form's new-party fields show only while "New party…" is chosen (CSS :has, so also
 *   without JavaScript).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { launchChromium } from './support.js';
import { openSignedIn, openWatchedPage, signInWithForm } from './desk-support.js';

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

test('signing in says it is working and cannot be sent twice', async () => {
  const user = await server.addUser('journalist');
  const watched = await openWatchedPage(browser);
  const { page } = watched;
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/login') posts++;
  });
  // What the form looked like at each submit, kept in sessionStorage across the navigation
  // (this listener runs after the desk script's, which listens on the document).
  await page.addInitScript(() => {
    window.addEventListener('submit', (event) => {
      const form = event.target as HTMLFormElement;
      const seen = JSON.parse(sessionStorage.getItem('submits') ?? '[]') as unknown[];
      seen.push({
        prevented: event.defaultPrevented,
        busy: form.getAttribute('aria-busy'),
        status: form.querySelector('[data-busy-status]')?.textContent,
        button: form.querySelector('button')?.getAttribute('aria-disabled'),
      });
      sessionStorage.setItem('submits', JSON.stringify(seen));
    });
  });
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  const landed = page.waitForURL((url) => url.pathname === '/desk');
  // Pressed twice, the way an impatient person does on a slow sign-in.
  await page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('form[action="/login"]')!;
    form.requestSubmit();
    form.requestSubmit();
  });
  await landed;
  const submits = await page.evaluate(() => JSON.parse(sessionStorage.getItem('submits') ?? '[]'));
  const working = { busy: 'true', status: 'Signing in… this can take a few seconds.', button: 'true' };
  assert.deepEqual(submits, [
    { prevented: false, ...working },
    { prevented: true, ...working },
  ]);
  assert.equal(posts, 1, 'one sign-in request');
  await watched.assertClean('after signing in');
  await watched.close();
});

test('without JavaScript the sign-in form still signs in', async () => {
  const user = await server.addUser('editor');
  const watched = await openWatchedPage(browser, { javaScriptEnabled: false });
  await signInWithForm(watched.page, server.url, user.email);
  assert.equal(new URL(watched.page.url()).pathname, '/desk');
  await watched.close();
});

for (const js of [true, false]) {
  test(`the new-party fields show only while "New party…" is chosen (${js ? 'with' : 'without'} JavaScript)`, async () => {
    const watched = await openSignedIn(browser, server, 'journalist', { javaScriptEnabled: js });
    const { page } = watched;
    await page.goto(`${server.url}/desk/claims/new`);
    const name = page.locator('input[name="new_party_name"]');
    assert.equal(await name.isVisible(), false, 'hidden while an existing party or none is chosen');
    await page.selectOption('select[name="party"]', 'new');
    assert.equal(await name.isVisible(), true);
    assert.equal(await page.locator('select[name="new_party_kind"]').isVisible(), true);
    await page.selectOption('select[name="party"]', { index: 1 });
    assert.equal(await name.isVisible(), false);
    if (js) await watched.assertClean('claim form');
    await watched.close();
  });
}
