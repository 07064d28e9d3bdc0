/**
 * Accessibility of every desk page in Chromium, at a desktop and a phone viewport, as an admin
 * signed in through the real /login form: axe-core (WCAG 2.0/2.1 A and AA, and axe's best
 * practices) finds no violation, and no page is wider than the screen (tables scroll sideways
 * inside their own `.table-scroll` region, which is allowed; WCAG 1.4.10 Reflow).
 * Also checked in the state a user reaches with htmx: the claim form refused with 422 (errors by
 * the fields), the claim form refused with 409 (the conflict notice), and a refused publish.
 */
import assert from 'node:assert/strict';
import { after, before, test, type TestContext } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium } from './support.js';
import {
  DESK_PAGES,
  DESKTOP,
  PHONE,
  claimFields,
  claimRow,
  createDraft,
  createInReview,
  htmxIdle,
  htmxReady,
  seedDeskActivity,
  seededPages,
  signInWithForm,
  type Seeded,
} from './desk-support.js';
import { measureOverflow, runAxe } from './page-checks.js';

const VIEWPORTS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: DESKTOP },
  { name: 'phone', options: PHONE },
];

let server: TestServer;
let browser: Browser;
let seed: Seeded;
/** The signed-in admin's cookies, from one sign-in through the form, reused by every context. */
let storageState: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;

before(async () => {
  server = await startTestServer();
  seed = await seedDeskActivity(server);
  browser = await launchChromium();
  const admin = await server.addUser('admin');
  const context = await browser.newContext(DESKTOP);
  try {
    await signInWithForm(await context.newPage(), server.url, admin.email);
    storageState = await context.storageState();
  } finally {
    await context.close();
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe and the sideways-scroll check on the page as it is now. */
async function assertAccessible(t: TestContext, page: Page, label: string, viewport: (typeof VIEWPORTS)[number]) {
  const axe = await runAxe(page);
  assert.ok(axe.passes > 0, 'axe ran and checked something');
  if (axe.incomplete) t.diagnostic(`axe could not decide, check by hand: ${axe.incomplete}`);
  assert.equal(axe.violations, 0, `axe found violations on ${label} (${viewport.name}):\n${axe.report}`);
  await assertNoSidewaysScroll(page, label, viewport);
}

async function assertNoSidewaysScroll(page: Page, label: string, viewport: (typeof VIEWPORTS)[number]) {
  const overflow = await measureOverflow(page, viewport.options.viewport!.width);
  assert.ok(
    overflow.scrollWidth <= overflow.width,
    `${label} scrolls sideways at ${viewport.name} size: the page is ${overflow.scrollWidth}px wide on a ` +
      `${overflow.width}px screen (layout viewport ${overflow.innerWidth}px). Sticking out: ` +
      `${overflow.culprits.join(', ') || '(nothing found outside the tables’ scroll regions)'}` +
      `${overflow.more ? ` and ${overflow.more} more` : ''}`,
  );
}

async function withPage(viewport: (typeof VIEWPORTS)[number], signedIn: boolean, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ ...viewport.options, ...(signedIn ? { storageState } : {}) });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await run(page);
  } finally {
    await context.close();
  }
}

for (const viewport of VIEWPORTS) {
  for (const target of DESK_PAGES) {
    test(`${viewport.name}: ${target.path}: no axe violation, no sideways scroll`, { timeout: 60_000 }, async (t) => {
      await withPage(viewport, !target.signedOut, async (page) => {
        const response = await page.goto(server.url + target.path);
        assert.equal(response?.status(), 200, `GET ${target.path}`);
        assert.equal(new URL(page.url()).pathname, new URL(server.url + target.path).pathname, `${target.path} is not redirected`);
        await page.waitForLoadState('load');
        await assertAccessible(t, page, target.path, viewport);
      });
    });
  }

  test(`${viewport.name}: more desk pages (review queue and screen, history, record forms): no axe violation, no sideways scroll`, { timeout: 180_000 }, async (t) => {
    const failures: string[] = [];
    await withPage(viewport, true, async (page) => {
      for (const target of seededPages(seed)) {
        const response = await page.goto(server.url + target.path);
        assert.equal(response?.status(), 200, `GET ${target.path}`);
        await page.waitForLoadState('load');
        try {
          await assertAccessible(t, page, target.path, viewport);
        } catch (error) {
          failures.push(String((error as Error).message));
        }
      }
    });
    assert.deepEqual(failures, [], failures.join('\n\n'));
  });

  test(`${viewport.name}: the claim form refused with 422 (swapped in by htmx): no axe violation, no sideways scroll`, { timeout: 60_000 }, async (t) => {
    await withPage(viewport, true, async (page) => {
      await page.goto(`${server.url}/desk/claims/new`);
      await htmxReady(page);
      // A form wider than the screen overlaps itself on a phone, and the tap on Save misses.
      await assertNoSidewaysScroll(page, 'the new claim form', viewport);
      await page.locator('#field-said_on').fill('2999-01-01');
      await page.locator('#claim-form button[type=submit][value=save]:not(.visually-hidden)').click();
      await page.locator('#field-statement-error').waitFor();
      await htmxIdle(page);
      await assertAccessible(t, page, 'the claim form with errors', viewport);
    });
  });

  test(`${viewport.name}: the claim form refused with 409 (swapped in by htmx): no axe violation, no sideways scroll`, { timeout: 60_000 }, async (t) => {
    const editor = await server.signIn('editor');
    const id = await createDraft(server, editor, { comment: `409 at ${viewport.name}` });
    await withPage(viewport, true, async (page) => {
      await page.goto(`${server.url}/desk/claims/${id}/edit`);
      await htmxReady(page);
      // Someone else saves first.
      const first = await editor.post(`/desk/claims/${id}`, claimFields(server, { version: '1', venue: 'THEIR-VENUE', comment: 'theirs' }));
      assert.equal(first.status, 303);
      await assertNoSidewaysScroll(page, `the edit form of claim ${id}`, viewport);
      await page.locator('#field-venue').fill('MY-VENUE');
      await page.locator('#claim-form button[type=submit][value=save]:not(.visually-hidden)').click();
      await page.locator('.conflict').waitFor();
      await htmxIdle(page);
      await assertAccessible(t, page, 'the claim form with the conflict notice', viewport);
    });
  });

  test(`${viewport.name}: a publish refused for want of a reason (swapped in by htmx): no axe violation, no sideways scroll`, { timeout: 60_000 }, async (t) => {
    const id = await createInReview(server, await server.signIn('editor'), { comment: `review at ${viewport.name}` });
    await withPage(viewport, true, async (page) => {
      await page.goto(`${server.url}/desk/review/${id}`);
      await htmxReady(page);
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.locator('#field-override_reason-error').waitFor();
      await htmxIdle(page);
      assert.equal(claimRow(server, id)!.state, 'in_review');
      await assertAccessible(t, page, 'the review screen with the refused publish', viewport);
    });
  });
}
