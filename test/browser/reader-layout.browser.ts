/**
 * The readers' pages laid out as a reader sees them, at a phone (390 px) and a desktop (1280 px)
 * width, with JavaScript and without: no page scrolls sideways (scrollWidth <= innerWidth), the
 * story page's first question card is whole on the phone's first screen, and at 1280 px the
 * matrix shows every party column without scrolling its region. Each page is photographed into
 * test-artifacts/ (gitignored) for a human to look at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium, STORY_PATH } from './support.js';

export const ARTIFACT_DIR = path.resolve('test-artifacts');

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'story', path: STORY_PATH },
  { name: 'question', path: '/stories/taurus-leak/questions/british-personnel-on-the-ground' },
  { name: 'party', path: '/parties/boris-pistorius' },
  { name: 'claim', path: '/claims/13' },
  { name: 'source', path: '/sources/1' },
];

const WIDTHS: { name: string; options: BrowserContextOptions }[] = [
  { name: '390', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  { name: '1280', options: { viewport: { width: 1280, height: 800 } } },
];

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options: BrowserContextOptions, target: string, javaScript: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ ...options, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const response = await page.goto(server.url + target);
  assert.equal(response?.status(), 200, `GET ${target}`);
  await page.waitForLoadState('load');
  return { page, close: () => context.close() };
}

for (const width of WIDTHS) {
  for (const javaScript of [true, false]) {
    for (const target of PAGES) {
      const label = `${target.name} at ${width.name} px${javaScript ? '' : ', without JavaScript'}`;
      test(`${label}: no sideways scroll`, { timeout: 60_000 }, async (t) => {
        const { page, close } = await open(width.options, target.path, javaScript);
        try {
          if (javaScript) {
            const file = path.join(ARTIFACT_DIR, `${target.name}-${width.name}.png`);
            await page.screenshot({ path: file, fullPage: true });
            t.diagnostic(`screenshot: ${file}`);
          }
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
            innerWidth: window.innerWidth,
          }));
          assert.ok(scrollWidth <= innerWidth, `${label}: the page is ${scrollWidth}px wide in a ${innerWidth}px window`);
          assert.equal(innerWidth, width.options.viewport!.width, 'the layout viewport is the screen (nothing widened it)');
        } finally {
          await close();
        }
      });
    }
  }
}

for (const javaScript of [true, false]) {
  test(`story at 390 px${javaScript ? '' : ' without JavaScript'}: the first question card is whole on the first screen`, { timeout: 60_000 }, async () => {
    const { page, close } = await open(WIDTHS[0]!.options, STORY_PATH, javaScript);
    try {
      const card = await page.evaluate(() => {
        const first = document.querySelector('.question-card');
        const rect = first?.getBoundingClientRect();
        return rect && { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, height: window.innerHeight, width: window.innerWidth };
      });
      assert.ok(card, 'the story page shows question cards on a phone');
      assert.ok(card.top >= 0 && card.bottom <= card.height, `the first card spans ${card.top}–${card.bottom}px of an ${card.height}px screen`);
      assert.ok(card.left >= 0 && card.right <= card.width, 'and fits its width');
      assert.equal(await page.locator('table.matrix').isVisible(), false, 'the table is not drawn on a phone');
    } finally {
      await close();
    }
  });

  test(`story at 1280 px${javaScript ? '' : ' without JavaScript'}: the matrix shows every column, no sideways scroll`, { timeout: 60_000 }, async () => {
    const { page, close } = await open(WIDTHS[1]!.options, STORY_PATH, javaScript);
    try {
      const matrix = await page.evaluate(() => {
        const region = document.querySelector('.table-scroll') as HTMLElement;
        const box = region.getBoundingClientRect();
        const columns = [...region.querySelectorAll('thead th[data-party]')].map((th) => {
          const r = th.getBoundingClientRect();
          return { party: th.getAttribute('data-party'), left: r.left, right: r.right };
        });
        return { scrollWidth: region.scrollWidth, clientWidth: region.clientWidth, left: box.left, right: box.right, columns };
      });
      assert.ok(matrix.columns.length >= 7, `${matrix.columns.length} party columns`);
      assert.ok(matrix.scrollWidth <= matrix.clientWidth, `the matrix region scrolls: ${matrix.scrollWidth} > ${matrix.clientWidth}`);
      for (const column of matrix.columns) {
        assert.ok(column.left >= matrix.left && column.right <= matrix.right + 0.5, `${column.party} is cut off (${column.left}–${column.right} in ${matrix.left}–${matrix.right})`);
      }
      assert.equal(await page.locator('.question-cards').isVisible(), false, 'the cards give way to the table on a desktop');
    } finally {
      await close();
    }
  });
}

test('story at 1280 px with more than eight parties chosen: the region scrolls and the question column stays', { timeout: 60_000 }, async () => {
  // Every speaking party of the fixture is seven; the layout for many columns is forced by the class.
  const { page, close } = await open(WIDTHS[1]!.options, STORY_PATH, true);
  try {
    const sticky = await page.evaluate(() => {
      document.querySelector('table.matrix')!.classList.add('matrix-many');
      return getComputedStyle(document.querySelector('table.matrix tbody th')!).position;
    });
    assert.equal(sticky, 'sticky');
  } finally {
    await close();
  }
});

test('printed, the story page is the matrix without the site’s furniture', { timeout: 60_000 }, async () => {
  const { page, close } = await open(WIDTHS[0]!.options, STORY_PATH, true);
  try {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header nav').isVisible(), false, 'no site navigation on paper');
    assert.equal(await page.locator('.filter-panel').isVisible(), false, 'no filter on paper');
    assert.equal(await page.locator('table.matrix').isVisible(), true, 'the matrix is printed');
    assert.equal(await page.locator('.question-cards').isVisible(), false, 'once, as the table');
    await page.pdf({ path: path.join(ARTIFACT_DIR, 'story-print.pdf') }).catch(() => undefined);
  } finally {
    await close();
  }
});
