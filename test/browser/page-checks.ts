/**
 * Checks every browser suite runs on a page as it is in the browser: axe (WCAG 2.1 A and AA, and
 * best practice) and whether the page scrolls sideways on the screen it was opened on.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Run axe in the page. It is injected with page.evaluate, not a <script>: the app's CSP has no
 * 'unsafe-inline', and code evaluated through the DevTools protocol is not subject to it.
 * Returns the violations as a readable report ('' when there is none) and the undecided rules.
 */
export async function runAxe(page: Page): Promise<{ violations: number; report: string; incomplete: string; passes: number }> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    AXE_TAGS,
  )) as AxeResults;
  const report = results.violations
    .map(
      (v) =>
        `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}\n        ${n.html.slice(0, 200)}`)
          .join('\n'),
    )
    .join('\n');
  return {
    violations: results.violations.length,
    report,
    passes: results.passes.length,
    incomplete: results.incomplete.map((r) => `${r.id} (${r.nodes.length})`).join(', '),
  };
}

/** Tables (the narrative matrix, the desk's lists) scroll sideways inside their own region; wider content is allowed there. */
export const SCROLL_REGION = '.table-scroll';

/**
 * How far the page itself is wider than the screen, and what sticks out. Measured against the
 * screen width asked for, not innerWidth: on a phone Chromium widens the layout viewport to fit
 * content that sticks out, so innerWidth grows with the overflow and would hide it.
 */
export async function measureOverflow(page: Page, screenWidth: number) {
  return page.evaluate(
    ({ region, screenWidth }) => {
      const root = document.scrollingElement ?? document.documentElement;
      const width = Math.min(screenWidth, root.clientWidth);
      const scrollWidth = Math.max(document.documentElement.scrollWidth, root.scrollWidth);
      // (No named helper functions in here: tsx would wrap them in a __name() the page lacks.)
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((el) => {
          if (el.getBoundingClientRect().right <= width + 0.5) return false;
          if (el.closest('.visually-hidden')) return false;
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
    { region: SCROLL_REGION, screenWidth },
  );
}
