/**
 * The sources a claim rests on: the source, its kind and role, the passage cited, and whether the
 * quote was found in the source's archived text ("Quote checked against the archived source:
 * exact").
 */
import type { CitationView, FoundPassage } from '../../src/claims/queries.js';
import { formatDay } from '../../src/lib/dates.js';
import { CITATION_ROLE_LABELS, SOURCE_KIND_LABELS } from '../../src/lib/labels.js';
import { describeOutcome } from '../../src/quotes/verify-quote.js';
import { langAttribute } from '../../src/claims/languages.js';

const VERIFIED = new Set(['exact', 'normalised', 'editorial']);

function sourceName(citation: CitationView): string {
  return `${citation.source.publisher}${citation.source.publishedOn ? `, ${formatDay(citation.source.publishedOn)}` : ''}`;
}

/**
 * Quote accuracy: whether the words are in our archived copy of the source. Named "Quote
 * checked" and never "verified", so it cannot be read as the truth rating beside it.
 */
function QuoteCheckNote(props: { citation: CitationView }) {
  const { check } = props.citation;
  if (!check) return null;
  const found = VERIFIED.has(check.outcome);
  return (
    <p class={`quote-check quote-check-${found ? 'ok' : 'fail'}`} data-outcome={check.outcome}>
      Quote checked against the archived source: <strong>{OUTCOME_WORDS[check.outcome]}</strong>{' '}
      <span class="meta">
        ({sourceName(props.citation)}; {describeOutcome(check.outcome).toLowerCase()}
        {check.changes ? `: ${check.changes}` : ''}, in our archived copy)
      </span>
    </p>
  );
}

/** One word a reader takes in: how the quote compares with the archived source. */
const OUTCOME_WORDS: Record<NonNullable<CitationView['check']>['outcome'], string> = {
  exact: 'exact',
  normalised: 'matches',
  editorial: 'matches, with editorial marks',
  altered: 'altered',
  not_found: 'not found',
};

/**
 * `linked: false` for a retracted claim, whose sources may have no public page of their own.
 * `found` holds the archived passages the quote checks located, shown in place of the typed one.
 */
export function CitationList(props: { citations: CitationView[]; linked?: boolean; found?: Map<CitationView, FoundPassage> }) {
  if (props.citations.length === 0) return <p class="notice">No source cited.</p>;
  return (
    <ul class="citations">
      {props.citations.map((citation) => {
        const archived = props.found?.get(citation);
        return (
          <li data-source={citation.source.id} data-role={citation.role}>
            <span class="citation-role">{CITATION_ROLE_LABELS[citation.role]}:</span>{' '}
            {props.linked === false ? citation.source.title : <a href={`/sources/${citation.source.id}`}>{citation.source.title}</a>}{' '}
            <span class="meta">
              ({citation.source.publisher}, {SOURCE_KIND_LABELS[citation.source.kind].toLowerCase()}
              {citation.source.publishedOn ? `, ${formatDay(citation.source.publishedOn)}` : ''})
            </span>
            <QuoteCheckNote citation={citation} />
            {archived ? (
              <blockquote class="passage passage-archived" lang={langAttribute(citation.source.language)}>
                {archived.before}
                <mark>{archived.quote}</mark>
                {archived.after}
              </blockquote>
            ) : citation.passage ? (
              <blockquote class="passage" lang={langAttribute(citation.source.language)}>{citation.passage}</blockquote>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
