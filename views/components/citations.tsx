/** The sources a claim rests on: the source, its kind and role, and the passage cited. */
import type { CitationView } from '../../src/claims/queries.js';
import { formatDay } from '../../src/lib/dates.js';
import { CITATION_ROLE_LABELS, SOURCE_KIND_LABELS } from '../../src/lib/labels.js';

/** `linked: false` for a retracted claim, whose sources may have no public page of their own. */
export function CitationList(props: { citations: CitationView[]; linked?: boolean }) {
  if (props.citations.length === 0) return <p class="notice">No source cited.</p>;
  return (
    <ul class="citations">
      {props.citations.map((citation) => (
        <li data-source={citation.source.id} data-role={citation.role}>
          <span class="citation-role">{CITATION_ROLE_LABELS[citation.role]}:</span>{' '}
          {props.linked === false ? citation.source.title : <a href={`/sources/${citation.source.id}`}>{citation.source.title}</a>}{' '}
          <span class="meta">
            ({citation.source.publisher}, {SOURCE_KIND_LABELS[citation.source.kind].toLowerCase()}
            {citation.source.publishedOn ? `, ${formatDay(citation.source.publishedOn)}` : ''})
          </span>
          {citation.passage ? <blockquote class="passage">{citation.passage}</blockquote> : null}
        </li>
      ))}
    </ul>
  );
}
