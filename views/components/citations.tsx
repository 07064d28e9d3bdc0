/**
 * The sources a claim rests on: the source, its kind and role, the passage cited, and whether the
 * quote was found in the source's archived text ("Quote verified against The Independent,
 * 5 March 2024").
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

function QuoteCheckNote(props: { citation: CitationView }) {
  const { check } = props.citation;
  if (!check) return null;
  const verified = VERIFIED.has(check.outcome);
  return (
    <p class={`quote-check quote-check-${verified ? 'ok' : 'fail'}`} data-outcome={check.outcome}>
      <span aria-hidden="true">{verified ? '✔' : '✘'}</span>{' '}
      {verified ? `Quote verified against ${sourceName(props.citation)}` : `Quote not confirmed by ${sourceName(props.citation)}`}{' '}
      <span class="meta">
        ({describeOutcome(check.outcome).toLowerCase()}
        {check.changes ? `: ${check.changes}` : ''}, in our archived copy)
      </span>
    </p>
  );
}

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
