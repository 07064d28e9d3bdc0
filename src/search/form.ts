/**
 * The search address, read: `?q=` and the filters. Forgiving by design (a search box is typed
 * into, links are shared and cut): a filter value we do not know is left out and said so, never
 * an error page; only a malformed page number is a 404, as on every paginated page.
 */
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { findBySlug } from '../publication/visibility.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { RESULT_KINDS, type Audience, type SearchFilters } from './search.js';

export type SearchRequest = {
  /** What was typed, as typed (cut to a sane length), for the box. */
  q: string;
  parsed: ParsedQuery;
  filters: SearchFilters;
  /** The filter values as sent, for the form and for links (only the ones understood). */
  values: Record<FilterName, string>;
  /** Filter values that were left out, as "name: value". */
  ignored: string[];
  /** The names of the resolved story and party, for the page. */
  storyTitle?: string;
  partyName?: string;
};

export const FILTER_NAMES = ['kind', 'story', 'party', 'question', 'position', 'rating', 'source_kind', 'from', 'to'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The filters whose value is one of a fixed list: the list, and the filter it sets. */
const CHOICE_FILTERS = {
  kind: { choices: RESULT_KINDS, filter: 'kind' },
  position: { choices: t.STANCE_POSITIONS, filter: 'position' },
  rating: { choices: t.RATINGS, filter: 'rating' },
  source_kind: { choices: t.SOURCE_KINDS, filter: 'sourceKind' },
} as const satisfies Partial<Record<FilterName, { choices: readonly string[]; filter: keyof SearchFilters }>>;

/** The filters that name a story or party by its slug: where its id and its name go. */
const SLUG_FILTERS = {
  story: { filter: 'storyId', nameFor: 'storyTitle' },
  party: { filter: 'partyId', nameFor: 'partyName' },
} as const;

export function readSearchRequest(db: Db, query: (name: string) => string | undefined, audience: Audience): SearchRequest {
  const q = (query('q') ?? '').slice(0, 1000);
  const filters: SearchFilters = {};
  const values = Object.fromEntries(FILTER_NAMES.map((name) => [name, ''])) as Record<FilterName, string>;
  const ignored: string[] = [];
  const result: SearchRequest = { q, parsed: parseQuery(q), filters, values, ignored };
  const accept = (name: FilterName, raw: string, ok: boolean) => {
    if (ok) values[name] = raw;
    else ignored.push(`${name}: ${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}`);
  };
  for (const name of FILTER_NAMES) {
    const raw = (query(name) ?? '').trim();
    if (raw === '') continue;
    switch (name) {
      case 'kind':
      case 'position':
      case 'rating':
      case 'source_kind': {
        const { choices, filter } = CHOICE_FILTERS[name];
        const choice = oneOf<string>(choices, raw);
        // The filter's type is the very list of choices the value was just found in.
        if (choice) Object.assign(filters, { [filter]: choice });
        accept(name, raw, !!choice);
        break;
      }
      case 'story':
      case 'party': {
        const found = findBySlug(db, name, raw, { publishedOnly: audience === 'public' });
        if (found) {
          filters[SLUG_FILTERS[name].filter] = found.id;
          result[SLUG_FILTERS[name].nameFor] = found.name;
        }
        accept(name, raw, !!found);
        break;
      }
      case 'question': {
        const ok = /^[1-9]\d{0,9}$/.test(raw);
        if (ok) filters.questionId = Number(raw);
        accept(name, raw, ok);
        break;
      }
      case 'from':
      case 'to': {
        const ok = ISO_DAY.test(raw);
        if (ok) filters[name] = raw;
        accept(name, raw, ok);
        break;
      }
    }
  }
  return result;
}

/** The query string of a search with these values (page 1 omitted), for links and the pager. */
export function searchQuery(request: Pick<SearchRequest, 'q' | 'values'>, changes: Partial<Record<FilterName | 'q', string>> = {}): [string, string][] {
  const pairs: [string, string][] = [];
  const q = changes.q ?? request.q;
  if (q) pairs.push(['q', q]);
  for (const name of FILTER_NAMES) {
    const value = changes[name] ?? request.values[name];
    if (value) pairs.push([name, value]);
  }
  return pairs;
}
