/**
 * `/search`: the search form and its results, shared with the desk's `/desk/search` (the same
 * pieces, other links). A plain GET form; with htmx the results are replaced as the reader types
 * (debounced) and the address follows (`hx-push-url`), so a search can be shared as it stands.
 * Matched words arrive marked with control characters (src/search/search.ts) and become <mark>
 * here: every piece of text is escaped by JSX, none is ever raw HTML.
 */
import type { Child } from 'hono/jsx';
import * as t from '../../db/schema/index.js';
import { formatClaimDate, formatDay } from '../../src/lib/dates.js';
import { PARTY_KIND_LABELS, RATING_LABELS, SOURCE_KIND_LABELS, STANCE_LABELS } from '../../src/lib/labels.js';
import { searchQuery, type SearchRequest } from '../../src/search/form.js';
import type { SearchOptions } from '../../src/search/options.js';
import { markedPieces, PAGE_SIZE, RESULT_CAP, type Marked, type SearchHit, type SearchResults } from '../../src/search/search.js';
import { SelectField } from '../components/form.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';

export type SearchView = {
  request: SearchRequest;
  options: SearchOptions;
  /** null: nothing to search for (an empty query). */
  results: SearchResults | null;
  /** Where the form goes and the links lead: the public site or the desk. */
  audience: 'public' | 'desk';
};

const KIND_LABELS = { claim: 'Claims', party: 'Parties', question: 'Questions', source: 'Sources' } as const;

export function MarkedText(props: { text: Marked }) {
  return (
    <>
      {markedPieces(props.text).map((piece) => (piece.marked ? <mark>{piece.text}</mark> : piece.text))}
    </>
  );
}

/** Where the search form goes: the public site's search or the desk's. */
function searchPath(audience: SearchView['audience']): string {
  return audience === 'desk' ? '/desk/search' : '/search';
}

function hrefOf(hit: SearchHit, audience: SearchView['audience']): string {
  if (audience === 'desk') {
    switch (hit.kind) {
      case 'claim':
        return `/desk/claims/${hit.id}`;
      case 'party':
        return `/desk/parties/${hit.id}`;
      case 'question':
        return `/desk/stories/${hit.story.id}/questions/${hit.id}`;
      case 'source':
        return `/desk/sources/${hit.id}`;
    }
  }
  switch (hit.kind) {
    case 'claim':
      return `/claims/${hit.id}`;
    case 'party':
      return `/parties/${hit.slug}`;
    case 'question':
      return `/stories/${hit.story.slug}/questions/${hit.slug}`;
    case 'source':
      return `/sources/${hit.id}`;
  }
}

/**
 * A hit's first line: what kind of record, then its name or title linked, matched words marked
 * (`text`); a claim's names its speaker and gives its words (`children`).
 */
function HitTitle(props: { kind: string; href: string; text?: Marked; children?: Child }) {
  return (
    <p>
      <span class="meta">{props.kind} · </span>
      <a href={props.href}>{props.children ?? <MarkedText text={props.text ?? ''} />}</a>
    </p>
  );
}

/** The words of a record's notes around a match. */
function Snippet(props: { text: Marked }) {
  return (
    <p class="meta search-snippet">
      <MarkedText text={props.text} />
    </p>
  );
}

function Hit(props: { hit: SearchHit; audience: SearchView['audience'] }) {
  const { hit } = props;
  return (
    <li class="search-hit" data-kind={hit.kind} data-id={hit.id}>
      <HitLines hit={hit} href={hrefOf(hit, props.audience)} audience={props.audience} />
    </li>
  );
}

/** What a hit's list item says, by the kind of record it found. */
function HitLines(props: { hit: SearchHit; href: string; audience: SearchView['audience'] }) {
  const { hit, href } = props;
  switch (hit.kind) {
    case 'claim':
      return (
        <>
          <HitTitle kind="Claim" href={href}>
            <MarkedText text={hit.speaker} />:{' '}
            {hit.form === 'verbatim' ? (
              <q class="statement statement-quote">
                <MarkedText text={hit.statement} />
              </q>
            ) : (
              <span class="statement">
                <MarkedText text={hit.statement} />
              </span>
            )}
          </HitTitle>
          <p class="meta">
            <time datetime={hit.saidOn}>{formatClaimDate(hit.saidOn, hit.datePrecision)}</time> · {hit.story.title} ·{' '}
            {RATING_LABELS[hit.rating]}
            {props.audience === 'desk' ? ` · ${hit.state.replace('_', ' ')}` : ''}
          </p>
          {hit.notes && hit.notes.includes('\u0002') ? <Snippet text={hit.notes} /> : null}
        </>
      );
    case 'party':
      return (
        <>
          <HitTitle kind={PARTY_KIND_LABELS[hit.partyKind]} href={href} text={hit.name} />
          {hit.aliases ? (
            <p class="meta">
              Also: <MarkedText text={hit.aliases} />
            </p>
          ) : null}
          {hit.notes ? <Snippet text={hit.notes} /> : null}
        </>
      );
    case 'question':
      return (
        <>
          <HitTitle kind="Question" href={href} text={hit.proposition} />
          <p class="meta">
            <MarkedText text={hit.label} /> · {hit.story.title}
          </p>
        </>
      );
    case 'source':
      return (
        <>
          <HitTitle kind={SOURCE_KIND_LABELS[hit.sourceKind]} href={href} text={hit.title} />
          <p class="meta">
            <MarkedText text={hit.byline} />
            {hit.publishedOn ? ` · ${formatDay(hit.publishedOn)}` : ''}
          </p>
          {hit.notes ? <Snippet text={hit.notes} /> : null}
        </>
      );
  }
}

export function SearchForm(props: SearchView) {
  const { request, options } = props;
  const action = searchPath(props.audience);
  const v = request.values;
  const partyOptions: [string, string][] = options.parties.map((p) => [p.slug, p.name]);
  // A party named by a link but outside the story's list stays chosen.
  if (v.party && !options.parties.some((p) => p.slug === v.party)) partyOptions.unshift([v.party, request.partyName ?? v.party]);
  return (
    <form
      method="get"
      action={action}
      role="search"
      class="search-form"
      data-hx-get={action}
      data-hx-trigger="input delay:300ms, change, submit"
      data-hx-target="#search-results"
      data-hx-swap="outerHTML"
      data-hx-push-url="true"
      data-hx-sync="this:replace"
    >
      <div class="field search-words">
        <label for="search-q">Search for</label>
        <input id="search-q" type="search" name="q" value={request.q} maxlength={1000} autocomplete="off" aria-describedby="search-help" />
        <span id="search-help" class="field-hint">
          Words must all appear. Use “quotes” for a phrase, OR between alternatives, -word to leave a word out, word* for
          words starting so.
        </span>
      </div>
      <details class="search-filters" open={Object.values(v).some(Boolean) || undefined}>
        <summary>Filters</summary>
        <div class="inline-fields">
          <SelectField id="search-kind" name="kind" label="Show" value={v.kind} placeholder="Everything" options={Object.entries(KIND_LABELS)} />
          <SelectField id="search-story" name="story" label="Story" value={v.story} placeholder="Any story" options={options.stories.map((s) => [s.slug, s.title])} />
          {options.questions.length ? (
            <SelectField id="search-question" name="question" label="Question" value={v.question} placeholder="Any question" options={options.questions.map((q) => [String(q.id), q.label])} />
          ) : null}
          {partyOptions.length ? <SelectField id="search-party" name="party" label="Speaker" value={v.party} placeholder="Anyone" options={partyOptions} /> : null}
          <SelectField
            id="search-position"
            name="position"
            label="Position"
            value={v.position}
            placeholder="Any position"
            options={t.STANCE_POSITIONS.map((p) => [p, STANCE_LABELS[p].text])}
          />
          <SelectField id="search-rating" name="rating" label="Rating" value={v.rating} placeholder="Any rating" options={t.RATINGS.map((r) => [r, RATING_LABELS[r]])} />
          <SelectField
            id="search-source-kind"
            name="source_kind"
            label="Source kind"
            value={v.source_kind}
            placeholder="Any source"
            options={t.SOURCE_KINDS.map((k) => [k, SOURCE_KIND_LABELS[k]])}
          />
          <div class="field">
            <label for="search-from">Said from</label>
            <input id="search-from" type="date" name="from" value={v.from} />
          </div>
          <div class="field">
            <label for="search-to">Said until</label>
            <input id="search-to" type="date" name="to" value={v.to} />
          </div>
        </div>
      </details>
      <p>
        <button type="submit">Search</button>
      </p>
    </form>
  );
}

function EmptyQueryHelp(props: { audience: SearchView['audience']; excluded: string[] }) {
  return (
    <div class="search-help">
      {props.excluded.length ? (
        <p class="notice" role="status">
          Say what to look for as well as what to leave out: a search of only excluded words finds nothing.
        </p>
      ) : null}
      <p>
        {props.audience === 'desk'
          ? 'Search every claim on the desk, drafts and claims in review included, with the parties, questions and sources.'
          : 'Search the published claims, the parties who made them, the questions they answer and the sources they rest on.'}
      </p>
      <ul>
        <li>
          <code>pistorius spy</code>: both words, anywhere (leaked finds leak, leaks and leaked).
        </li>
        <li>
          <code>"no spy"</code>: the words together, in that order.
        </li>
        <li>
          <code>missile OR taurus</code>: either word.
        </li>
        <li>
          <code>leak -kremlin</code>: leave out what mentions the Kremlin.
        </li>
        <li>
          <code>intercept*</code>: words starting so.
        </li>
      </ul>
    </div>
  );
}

/** The results region: what htmx swaps (its outer element), and what a plain visit shows in the page. */
export function SearchResultsSection(props: SearchView) {
  const { request, results } = props;
  const path = searchPath(props.audience);
  let body: Child;
  if (!results) {
    body = <EmptyQueryHelp audience={props.audience} excluded={request.parsed.excluded} />;
  } else if (results.total === 0) {
    body = (
      <p role="status">
        Nothing matches {request.parsed.terms.join(' ')}
        {results.page > 1 ? ' on this page' : ''}. Try fewer words, or other filters.
      </p>
    );
  } else {
    const first = (results.page - 1) * PAGE_SIZE + 1;
    body = (
      <>
        <p role="status" class="search-count">
          {results.capped
            ? `More than ${RESULT_CAP} results: the ${RESULT_CAP} most recent are ranked. Add a word or a filter to narrow them.`
            : `${results.total} ${results.total === 1 ? 'result' : 'results'}`}
          {results.pageCount > 1 ? ` · showing ${first}–${first + results.hits.length - 1}` : ''}
        </p>
        <ol class="claim-list search-results">
          {results.hits.map((hit) => (
            <Hit hit={hit} audience={props.audience} />
          ))}
        </ol>
        <Pager
          list={{ items: results.hits, page: results.page, pageSize: PAGE_SIZE, total: results.total, pageCount: results.pageCount }}
          path={path}
          label="Pages of results"
          query={searchQuery(request)}
        />
      </>
    );
  }
  return (
    <section id="search-results" aria-label="Search results">
      {request.parsed.truncated ? <p class="notice">Only the first 200 characters of your search were used.</p> : null}
      {request.ignored.length ? <p class="notice">Left out, as we do not know them: {request.ignored.join('; ')}.</p> : null}
      {body}
    </section>
  );
}

export function SearchPage(props: SearchView) {
  const title = props.request.q.trim() ? `Search: ${props.request.q.trim().slice(0, 60)}` : 'Search';
  return (
    <Page title={title} description="Search the published claims, parties, questions and sources.">
      <h1>Search</h1>
      <SearchForm {...props} />
      <SearchResultsSection {...props} />
    </Page>
  );
}
