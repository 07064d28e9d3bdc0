/**
 * Accessibility of every public page in Chromium, at a desktop and a phone viewport: axe-core
 * (WCAG 2.0/2.1 A and AA, and axe's best practices) finds no violation, and no page is wider
 * than the screen, on the phone or the desktop (the matrix scrolls sideways inside its own
 * region, which is allowed; WCAG 1.4.10 Reflow).
 * The story page is also photographed at each size, into the OS temp folder, for a human to see.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { launchChromium, PUBLIC_PAGES, STORY_PATH } from './support.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const VIEWPORTS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  // isMobile makes Chromium honour <meta name="viewport">, as a phone does.
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
];

/** The matrix's own scroll region: content wider than the screen is allowed inside it. */
const SCROLL_REGION = '.table-scroll';

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

        // axe is injected with page.evaluate, not page.addScriptTag: the app's CSP has no
        // 'unsafe-inline', so an inline <script> would be blocked, and bypassCSP would test the
        // page under a different policy than readers get. Code evaluated through the DevTools
        // protocol is not subject to the page's CSP, and axe itself needs no eval.
        await page.evaluate(AXE_SOURCE);
        const results = (await page.evaluate(
          (tags) =>
            (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
              runOnly: { type: 'tag', values: tags },
            }),
          AXE_TAGS,
        )) as AxeResults;

        assert.ok(results.passes.length > 0, 'axe ran and checked something');
        if (results.incomplete.length) {
          t.diagnostic(
            `axe could not decide ${results.incomplete.length} rule(s), check by hand: ` +
              results.incomplete.map((r) => `${r.id} (${r.nodes.length})`).join(', '),
          );
        }
        const report = results.violations
          .map(
            (v) =>
              `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
              v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n'),
          )
          .join('\n');
        assert.equal(results.violations.length, 0, `axe found violations on ${target.path} (${viewport.name}):\n${report}`);

        // No sideways scrolling of the page itself. Measured against the screen width we asked
        // for, not innerWidth: on a phone (isMobile) Chromium widens the layout viewport to fit
        // content that sticks out, so innerWidth grows with the overflow and would hide it.
        const overflow = await page.evaluate(
          ({ region, screenWidth }) => {
            const root = document.scrollingElement ?? document.documentElement;
            const width = Math.min(screenWidth, root.clientWidth);
            const scrollWidth = Math.max(document.documentElement.scrollWidth, root.scrollWidth);
            // Name what sticks out: elements outside the matrix's scroll region, and positioned
            // elements inside it whose containing block lies outside it (they escape its clipping).
            // (No named helper functions in here: tsx would wrap them in a __name() the page lacks.)
            const culprits = [...document.body.querySelectorAll('*')]
              .filter((el) => {
                if (el.getBoundingClientRect().right <= width + 0.5) return false;
                const inside = el.closest(region);
                if (!inside) return true;
                const position = getComputedStyle(el).position;
                if (position === 'fixed') return true;
                if (position !== 'absolute') return false;
                const parent = (el as HTMLElement).offsetParent;
                return !parent || !inside.contains(parent);
              })
              .map((el) => ({ el, right: Math.round(el.getBoundingClientRect().right) }))
              .sort((a, b) => b.right - a.right)
              .map(({ el, right }) => {
                const id = el.id ? `#${el.id}` : '';
                const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
                return `${el.tagName.toLowerCase()}${id}${cls} (right edge at ${right}px)`;
              });
            return { width, scrollWidth, innerWidth: window.innerWidth, culprits: culprits.slice(0, 8), more: Math.max(0, culprits.length - 8) };
          },
          { region: SCROLL_REGION, screenWidth: viewport.options.viewport!.width },
        );
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
