/**
 * Searching the index of migration 0007 (decision 019): published claims, and the parties,
 * questions and sources they touch, for readers; every record, drafts and claims in review
 * included, for the desk.
 *
 * Cost is bounded whatever the query: FTS5 walks the matches newest first (rowid order needs no
 * sort) and stops after RESULT_CAP rows that pass the filters, and only those are ranked by
 * bm25. A word in every claim costs RESULT_CAP rows, not the table; a rare word is ranked over
 * all of its matches. The statement (title) weighs ten times the notes, the speaker five.
 */
import type Database from 'better-sqlite3';
import type * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';

export const RESULT_CAP = 1000;
export const PAGE_SIZE = 20;

export const RESULT_KINDS = ['claim', 'party', 'question', 'source'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
const KIND_CODE: Record<ResultKind, number> = { claim: 0, party: 1, question: 2, source: 3 };

/** Highlight markers: control characters our forms never store; the view turns them into <mark>. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type Audience = 'public' | 'desk';

export type SearchFilters = {
  kind?: ResultKind;
  storyId?: number;
  partyId?: number;
  questionId?: number;
  position?: (typeof t.STANCE_POSITIONS)[number];
  rating?: (typeof t.RATINGS)[number];
  sourceKind?: (typeof t.SOURCE_KINDS)[number];
  /** ISO days, inclusive: when the claim was said. */
  from?: string;
  to?: string;
};

/** Marked text: plain text holding MARK_START/MARK_END around matched words. */
export type Marked = string;

export type SearchHit =
  | {
      kind: 'claim';
      id: number;
      statement: Marked;
      speaker: Marked;
      notes: Marked;
      state: (typeof t.CLAIM_STATES)[number];
      saidOn: string;
      datePrecision: (typeof t.DATE_PRECISIONS)[number];
      rating: (typeof t.RATINGS)[number];
      form: (typeof t.CLAIM_FORMS)[number];
      party: { id: number; slug: string; name: string };
      story: { id: number; slug: string; title: string };
    }
  | { kind: 'party'; id: number; slug: string; name: Marked; aliases: Marked; notes: Marked; partyKind: (typeof t.PARTY_KINDS)[number] }
  | { kind: 'question'; id: number; slug: string; proposition: Marked; label: Marked; story: { id: number; slug: string; title: string } }
  | {
      kind: 'source';
      id: number;
      title: Marked;
      byline: Marked;
      notes: Marked;
      sourceKind: (typeof t.SOURCE_KINDS)[number];
      publishedOn: string | null;
    };

export type SearchResults = {
  hits: SearchHit[];
  /** Matches found, at most RESULT_CAP. */
  total: number;
  /** More matches exist than were ranked: the newest RESULT_CAP were. */
  capped: boolean;
  page: number;
  pageCount: number;
};

type Params = Record<string, string | number>;

/** A filter and the condition it puts on the rows when set, its value bound as the parameter of its name. */
type FilterCondition = readonly [name: keyof SearchFilters, condition: string];

/** The filters that test a claim `c`'s own columns. */
const CLAIM_COLUMN_FILTERS: readonly FilterCondition[] = [
  ['storyId', 'c.story_id = @storyId'],
  ['partyId', 'c.party_id = @partyId'],
  ['rating', 'c.rating = @rating'],
  ['from', 'c.said_on >= @from'],
  ['to', 'c.said_on <= @to'],
];

/** The filters that test a stance `st` the claim takes. */
const STANCE_FILTERS: readonly FilterCondition[] = [
  ['questionId', 'st.question_id = @questionId'],
  ['position', 'st.position = @position'],
];

/** The conditions of the filters that are set, in order, each binding its value in `params`. */
function setFilterConditions(filters: SearchFilters, conditions: readonly FilterCondition[], params: Params): string[] {
  return conditions.flatMap(([name, condition]) => {
    const value = filters[name];
    if (value === undefined || value === '') return [];
    params[name] = value;
    return [condition];
  });
}

/** The rows a claim `c` must be to count: visible to the audience and matching the filters. */
function claimCondition(filters: SearchFilters, audience: Audience, params: Params): string {
  const parts: string[] = [audience === 'public' ? "c.state = 'published'" : '1', ...setFilterConditions(filters, CLAIM_COLUMN_FILTERS, params)];
  const stance = setFilterConditions(filters, STANCE_FILTERS, params);
  if (stance.length > 0) parts.push(`EXISTS (SELECT 1 FROM stances st WHERE ${['st.claim_id = c.id', ...stance].join(' AND ')})`);
  if (filters.sourceKind) {
    parts.push('EXISTS (SELECT 1 FROM citations cc CROSS JOIN sources cs ON cs.id = cc.source_id WHERE cc.claim_id = c.id AND cs.kind = @sourceKind)');
    params.sourceKind = filters.sourceKind;
  }
  return parts.join(' AND ');
}

function hasClaimFilters(filters: SearchFilters): boolean {
  const { kind: _kind, ...rest } = filters;
  return Object.values(rest).some((value) => value !== undefined && value !== '');
}

/**
 * Per kind of row, when it may be shown. Readers see a claim when it is published, and a party,
 * question or source when a published claim (matching the filters) is by, on or citing it. The
 * desk sees everything; with filters, what a claim in any state matching them touches.
 */
function visibleCondition(filters: SearchFilters, audience: Audience, params: Params): string {
  const claim = claimCondition(filters, audience, params);
  const open = audience === 'desk' && !hasClaimFilters(filters);
  const id = 'search_index.rowid / 4';
  // CROSS JOIN keeps the planner from starting at claims (every claim in a date range, per row).
  const party = open ? '1' : `EXISTS (SELECT 1 FROM claims c WHERE c.party_id = ${id} AND ${claim})`;
  const question = open
    ? '1'
    : `${filters.questionId !== undefined ? `${id} = @questionId AND ` : ''}EXISTS (SELECT 1 FROM stances qs CROSS JOIN claims c ON c.id = qs.claim_id WHERE qs.question_id = ${id} AND ${claim})`;
  const source = open
    ? '1'
    : `${filters.sourceKind ? `(SELECT kind FROM sources WHERE id = ${id}) = @sourceKind AND ` : ''}EXISTS (SELECT 1 FROM citations sc CROSS JOIN claims c ON c.id = sc.claim_id WHERE sc.source_id = ${id} AND ${claim})`;
  return `CASE search_index.rowid % 4
    WHEN 0 THEN EXISTS (SELECT 1 FROM claims c WHERE c.id = ${id} AND ${claim})
    WHEN 1 THEN ${party}
    WHEN 2 THEN ${question}
    ELSE ${source} END`;
}

/** Ranges up to this many months are narrowed by month tags; longer ones are tested row by row. */
const MONTHS_TAGGED = 36;

/** A date range as the months it touches (`("xm202401" OR "xm202402")`), or '' when open or long. */
function monthsTag(filters: SearchFilters): string {
  if (!filters.from || !filters.to || filters.from > filters.to) return filters.from && filters.to ? '"xm000000"' : '';
  let year = Number(filters.from.slice(0, 4));
  let month = Number(filters.from.slice(5, 7));
  const last = Number(filters.to.slice(0, 4)) * 12 + Number(filters.to.slice(5, 7));
  const months: string[] = [];
  while (year * 12 + month <= last) {
    if (months.length === MONTHS_TAGGED) return '';
    months.push(`"xm${year}${String(month).padStart(2, '0')}"`);
    month++;
    if (month === 13) (month = 1), year++;
  }
  return months.length === 1 ? months[0]! : `(${months.join(' OR ')})`;
}

/**
 * The FTS5 expression: the reader's words, confined to the text columns (never the tags), and
 * the tag of each selective filter, which FTS5 intersects with the words' doclists.
 */
function fullMatch(match: string, filters: SearchFilters): string {
  const tags = [
    filters.storyId !== undefined ? `"xs${filters.storyId}"` : '',
    filters.partyId !== undefined ? `"xp${filters.partyId}"` : '',
    filters.questionId !== undefined ? `"xq${filters.questionId}"` : '',
    monthsTag(filters),
  ].filter(Boolean);
  const words = `{title speaker notes} : (${match})`;
  return tags.length ? `${words} AND tags : (${tags.join(' AND ')})` : words;
}

export function search(db: Db, match: string, filters: SearchFilters, options: { audience: Audience; page?: number; pageSize?: number }): SearchResults {
  const sqlite = db.$client;
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const expression = fullMatch(match, filters);
  const params: Params = { match: expression, cap: RESULT_CAP + 1, limit: pageSize, offset: (page - 1) * pageSize };
  const kind = filters.kind ? `search_index.rowid % 4 = ${KIND_CODE[filters.kind]} AND ` : '';
  const visible = visibleCondition(filters, options.audience, params);
  // One more than the cap is fetched, to know whether the cap was reached.
  const ranked = sqlite
    .prepare(
      `SELECT rid, score, count(*) OVER () AS total FROM (
         SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 5.0, 1.0, 0.0) AS score
         FROM search_index
         WHERE search_index MATCH @match AND ${kind}${visible}
         ORDER BY search_index.rowid DESC LIMIT @cap
       )
       ORDER BY score, rid DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as { rid: number; score: number; total: number }[];
  // Past the last page the window has no row to count on.
  const found =
    ranked[0]?.total ??
    (page > 1 ? (sqlite.prepare(`SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH @match AND ${kind}${visible} LIMIT @cap)`).pluck().get(params) as number) : 0);
  const total = Math.min(found, RESULT_CAP);
  const capped = found > RESULT_CAP;
  const hits = ranked.map((row) => describeHit(sqlite, expression, row.rid)).filter((hit): hit is SearchHit => hit !== undefined);
  return { hits, total, capped, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

type MarkedRow = { title: string; speaker: string | null; notes: string | null };

function describeHit(sqlite: Database.Database, match: string, rid: number): SearchHit | undefined {
  // CAST: better-sqlite3 binds a JS number as a REAL, and FTS5 (3.53) ignores `rowid = <real>`
  // beside a MATCH, answering every match instead of the one row.
  const marked = sqlite
    .prepare(
      `SELECT highlight(search_index, 0, char(2), char(3)) AS title, highlight(search_index, 1, char(2), char(3)) AS speaker,
         snippet(search_index, 2, char(2), char(3), '…', 24) AS notes
       FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)`,
    )
    .get(match, rid) as MarkedRow | undefined;
  if (!marked) return undefined;
  const id = Math.floor(rid / 4);
  const notes = marked.notes ?? '';
  switch (rid % 4) {
    case 0: {
      const row = sqlite
        .prepare(
          `SELECT c.state, c.said_on AS saidOn, c.date_precision AS datePrecision, c.rating, c.form,
             p.id AS partyId, p.slug AS partySlug, p.name AS partyName, s.id AS storyId, s.slug AS storySlug, s.title AS storyTitle
           FROM claims c JOIN parties p ON p.id = c.party_id JOIN stories s ON s.id = c.story_id WHERE c.id = ?`,
        )
        .get(id) as
        | (Pick<Extract<SearchHit, { kind: 'claim' }>, 'state' | 'saidOn' | 'datePrecision' | 'rating' | 'form'> & {
            partyId: number;
            partySlug: string;
            partyName: string;
            storyId: number;
            storySlug: string;
            storyTitle: string;
          })
        | undefined;
      if (!row) return undefined;
      return {
        kind: 'claim',
        id,
        statement: marked.title,
        speaker: marked.speaker ?? row.partyName,
        notes,
        state: row.state,
        saidOn: row.saidOn,
        datePrecision: row.datePrecision,
        rating: row.rating,
        form: row.form,
        party: { id: row.partyId, slug: row.partySlug, name: row.partyName },
        story: { id: row.storyId, slug: row.storySlug, title: row.storyTitle },
      };
    }
    case 1: {
      const row = sqlite.prepare('SELECT slug, kind FROM parties WHERE id = ?').get(id) as { slug: string; kind: Extract<SearchHit, { kind: 'party' }>['partyKind'] } | undefined;
      if (!row) return undefined;
      return { kind: 'party', id, slug: row.slug, name: marked.title, aliases: marked.speaker ?? '', notes, partyKind: row.kind };
    }
    case 2: {
      const row = sqlite
        .prepare('SELECT q.slug, s.id AS storyId, s.slug AS storySlug, s.title AS storyTitle FROM questions q JOIN stories s ON s.id = q.story_id WHERE q.id = ?')
        .get(id) as { slug: string; storyId: number; storySlug: string; storyTitle: string } | undefined;
      if (!row) return undefined;
      return {
        kind: 'question',
        id,
        slug: row.slug,
        proposition: marked.title,
        label: marked.speaker ?? '',
        story: { id: row.storyId, slug: row.storySlug, title: row.storyTitle },
      };
    }
    default: {
      const row = sqlite.prepare('SELECT kind, published_on AS publishedOn FROM sources WHERE id = ?').get(id) as
        | { kind: Extract<SearchHit, { kind: 'source' }>['sourceKind']; publishedOn: string | null }
        | undefined;
      if (!row) return undefined;
      return { kind: 'source', id, title: marked.title, byline: marked.speaker ?? '', notes, sourceKind: row.kind, publishedOn: row.publishedOn };
    }
  }
}

/** Marked text as pieces: `[text, marked]` pairs, for a view to render (and escape) as it likes. */
export function markedPieces(text: Marked): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let marked = false;
  let current = '';
  for (const ch of text) {
    if (ch === MARK_START || ch === MARK_END) {
      if (current) pieces.push({ text: current, marked });
      current = '';
      marked = ch === MARK_START;
      continue;
    }
    current += ch;
  }
  if (current) pieces.push({ text: current, marked });
  return pieces;
}
