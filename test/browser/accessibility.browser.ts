/**
 * Accessibility of every public page in Chromium, at a desktop and a phone viewport: axe-core
 * (WCAG 2.0/2.1 A and AA, and axe's best practices) finds no violation, and no page is wider
 * than the screen, on the phone or the desktop (the matrix scrolls sideways inside its own
 * region, which is allowed; WCAG 1.4.10 Reflow).
 * The story page is also photographed at each size, into the OS temp folder, for a human to see.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { measureOverflow, runAxe } from './page-checks.js';
import { launchChromium, PUBLIC_PAGES, STORY_PATH } from './support.js';

const VIEWPORTS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  // isMobile makes Chromium honour <meta name="viewport">, as a phone does.
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
];

const SCREENSHOT_DIR = path.join(os.tmpdir(), 'claimdesk-screenshots');

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const viewport of VIEWPORTS) {
  for (const target of PUBLIC_PAGES) {
    test(`${viewport.name}: ${target.path}: no axe violation, no sideways scroll`, { timeout: 60_000 }, async (t) => {
      const context = await browser.newContext(viewport.options);
      try {
        const page = await context.newPage();
        const response = await page.goto(server.url + target.path);
        assert.equal(response?.status(), target.status, `GET ${target.path}`);
        await page.waitForLoadState('load');

        // Taken first, so that a failure below still leaves a picture of the page to look at.
        if (target.path === STORY_PATH) {
          const file = path.join(SCREENSHOT_DIR, `story-${viewport.name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          t.diagnostic(`screenshot: ${file}`);
        }

        const axe = await runAxe(page);
        assert.ok(axe.passes > 0, 'axe ran and checked something');
        if (axe.incomplete) t.diagnostic(`axe could not decide, check by hand: ${axe.incomplete}`);
        assert.equal(axe.violations, 0, `axe found violations on ${target.path} (${viewport.name}):\n${axe.report}`);

        // No sideways scrolling of the page itself (the matrix scrolls inside its own region).
        const overflow = await measureOverflow(page, viewport.options.viewport!.width);
        assert.ok(
          overflow.scrollWidth <= overflow.width,
          `${target.path} scrolls sideways at ${viewport.name} size: the page is ${overflow.scrollWidth}px wide on a ` +
            `${overflow.width}px screen (layout viewport ${overflow.innerWidth}px). Sticking out: ` +
            `${overflow.culprits.join(', ') || '(nothing found outside the matrix region)'}` +
            `${overflow.more ? ` and ${overflow.more} more` : ''}`,
        );
      } finally {
        await context.close();
      }
    });
  }
}
