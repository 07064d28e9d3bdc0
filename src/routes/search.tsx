/**
 * `/search` for readers and `/desk/search` for the newsroom: read the address, search, render
 * the page or, for htmx, the results region alone.
 *
 * Not kept by the public page cache (src/http/page-cache.ts): every distinct query would be an
 * entry, so random queries could push real pages out of a bounded cache, and every publish
 * changes results anyway. A search is bounded in cost instead (src/search/search.ts).
 */
import { Hono, type Context } from 'hono';
import type { Db } from '../db.js';
import { NotFound } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { fragmentOrPage, isFragmentRequest } from '../http/htmx.js';
import { parsePageNumber } from '../lib/paging.js';
import { readSearchRequest, searchQuery } from '../search/form.js';
import { searchOptions } from '../search/options.js';
import { search, type Audience } from '../search/search.js';
import { DeskSearchPage } from '../../views/desk/search.js';
import { SearchPage, SearchResultsSection, type SearchView } from '../../views/pages/search.js';

function searchView(db: Db, c: Context, audience: Audience): SearchView {
  const page = parsePageNumber(c.req.query('page'));
  if (page === undefined) throw new NotFound('There is no such page of results.');
  const request = readSearchRequest(db, (name) => c.req.query(name), audience);
  const results = request.parsed.match ? search(db, request.parsed.match, request.filters, { audience, page }) : null;
  if (page > 1 && (!results || results.hits.length === 0)) throw new NotFound('There is no such page of results.');
  if (isFragmentRequest(c)) {
    // htmx would push the form as sent (every empty filter included): push the canonical address.
    const query = new URLSearchParams(searchQuery(request));
    if (page > 1) query.set('page', String(page));
    const path = audience === 'desk' ? '/desk/search' : '/search';
    c.header('HX-Push-Url', query.size ? `${path}?${query}` : path);
  }
  return { request, options: searchOptions(db, request.filters, audience), results, audience };
}

export function searchRoutes(db: Db) {
  const routes = new Hono();
  routes.get('/search', (c) => {
    const view = searchView(db, c, 'public');
    return fragmentOrPage(
      c,
      () => <SearchResultsSection {...view} />,
      () => <SearchPage {...view} />,
    );
  });
  return routes;
}

/** Mounted under /desk, behind its sign-in: every claim, whatever its state. */
export function deskSearchRoutes(db: Db) {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => {
    const view = searchView(db, c, 'desk');
    return fragmentOrPage(
      c,
      () => <SearchResultsSection {...view} />,
      () => <DeskSearchPage user={c.var.user!} view={view} />,
    );
  });
  return routes;
}
