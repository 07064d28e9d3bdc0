/**
 * The lowest version of each runtime dependency Claimdesk accepts: every one is past the security
 * advisories we know of that touch it. `test/hardening/dependencies.test.ts` fails when an
 * installed package is older than its floor (and when package.json stops pinning exact versions).
 *
 * Raising a floor is the whole change when a new advisory lands: bump the pin in package.json,
 * `npm install`, and raise the number here with the advisory's id, so the test keeps us past it.
 */
export const MINIMUM_VERSIONS = {
  // The framework: routing, JSX escaping, cookies, body limit, secure headers.
  // 4.12.14 fixed JSX attribute-name injection (GHSA-458j-xx4x-4375); 4.12.21 the cookie helper's
  // Set-Cookie injection and app.mount() prefix handling; 4.12.34 the Language middleware's
  // algorithmic-complexity DoS (GHSA-54fx-42gc-7vw4).
  hono: '4.12.34',
  // The Node adapter that turns Node requests into Fetch requests (and serves every request).
  '@hono/node-server': '1.19.15',
  // Markdown for the rating explanations and story summaries readers see.
  marked: '18.0.2',
  // The sanitiser after marked (docs/decisions/003): 2.17.4 for the advisories decision 003 names;
  // 2.17.5 for incomplete URI-scheme validation on action/formaction/poster/… (GHSA-vccv-cmxp-4j9h)
  // and GHSA-rpr9-rxv7-x643 (CVE-2026-44990). Our allow-list keeps only a[href, title], but the
  // next change to it should not have to remember which releases were safe.
  'sanitize-html': '2.17.5',
  // Floors at today's versions, for what they carry rather than for one advisory:
  // better-sqlite3 bundles SQLite itself, so its version is the SQLite build (and its fixes) we run;
  // a downgrade would quietly bring an older SQLite back.
  'better-sqlite3': '12.11.1',
  // drizzle-orm before 0.45.2 did not escape quotes inside SQL identifiers (CVE-2026-39356,
  // GHSA-gpj5-g38j-94v9); 0.45.4 is what the migrations and the test suite were run with.
  'drizzle-orm': '0.45.4',
  // htmx is served to every browser from node_modules: 2.0.11 is the release decision 001 pinned
  // and whose config keys (allowEval, allowScriptTags, selfRequestsOnly…) the layouts rely on.
  'htmx.org': '2.0.11',
} as const satisfies Record<string, string>;
