/**
 * Links between the pages of a long list: previous, "page n of m", next. Plain links, so they
 * work without JavaScript and a crawler finds every page.
 */
import type { Paged } from '../../src/lib/paging.js';

/** The address of page `page` of `path`, keeping `query` (page 1 is the address without ?page). */
function pageHref(path: string, page: number, query: [string, string][] = [], anchor = ''): string {
  const params = new URLSearchParams(query.filter(([name]) => name !== 'page'));
  if (page > 1) params.set('page', String(page));
  const search = params.size ? `?${params}` : '';
  return `${path}${search}${anchor}`;
}

export function Pager(props: { list: Paged<unknown>; path: string; label: string; query?: [string, string][]; anchor?: string }) {
  const { page, pageCount } = props.list;
  if (pageCount <= 1) return null;
  const href = (n: number) => pageHref(props.path, n, props.query, props.anchor);
  return (
    <nav class="pager" aria-label={props.label}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}{' '}
      <span>
        Page {page} of {pageCount}
      </span>{' '}
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  );
}
