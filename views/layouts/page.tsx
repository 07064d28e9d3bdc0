/**
 * The page shell every public page shares: landmarks, a skip link, our stylesheet and htmx (served
 * by us; configured for a strict Content-Security-Policy: no eval, no inline styles).
 */
import type { Child } from 'hono/jsx';
import { Doctype } from '../components/markdown.js';
import { assetUrls } from '../../src/http/assets.js';
import type { FeedLink } from '../../src/feeds/atom.js';

const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  // Swap the re-rendered form of a 422 (invalid input) or a 409 (a newer version exists) in
  // place, as a plain POST would show it. Any other error (403, 404, 413, 429, 500…) is a whole
  // error page: its <main> replaces the page's, so the message shows as it would without htmx
  // (left unswapped, the page would just not change). Not flagged as an htmx error: it is shown,
  // so htmx need not also log it to the console.
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true, error: false },
    { code: '409', swap: true, error: false },
    { code: '[45]..', swap: true, error: false, target: '#main', select: '#main', swapOverride: 'outerHTML' },
  ],
});

/** The <head> both shells share: our stylesheet, and htmx served by us with its configuration. */
export function DocumentHead(props: { title: string; description?: string; noindex?: boolean; children?: Child }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {props.noindex ? <meta name="robots" content="noindex" /> : null}
      <title>{props.title}</title>
      {props.description ? <meta name="description" content={props.description} /> : null}
      <meta name="htmx-config" content={HTMX_CONFIG} />
      {/* No icon of our own yet: say so, or the browser asks for /favicon.ico and logs its 404. */}
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={assetUrls.css} />
      <script src={assetUrls.htmx} defer></script>
      {props.children}
    </head>
  );
}

/** Every public page's feed (autodiscovery); a page may name its own as well. */
const SITE_FEED: FeedLink = { title: 'Claimdesk: published claims', href: '/feed.atom' };

export function Page(props: { title: string; description?: string; children: Child; feeds?: FeedLink[]; head?: Child }) {
  const fullTitle = props.title === 'Claimdesk' ? props.title : `${props.title} — Claimdesk`;
  return (
    <>
      <Doctype />
      <html lang="en-GB">
      <DocumentHead title={fullTitle} description={props.description}>
        {[SITE_FEED, ...(props.feeds ?? [])].map((feed) => (
          <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
        {props.head}
      </DocumentHead>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="brand" href="/">
            Claimdesk
          </a>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/">Stories</a>
              </li>
              <li>
                <a href="/corrections">Corrections</a>
              </li>
              <li>
                <a href="/search">Search</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            Claimdesk shows only claims an editor has reviewed. Every quote links to the source it comes from.
          </p>
        </footer>
      </body>
      </html>
    </>
  );
}
