/** `/stories/<story>/questions/<question>`: every party's position on one question, with sources. */
import type { CitationView } from '../../src/claims/queries.js';
import type { MatrixRow } from '../../src/stories/narrative.js';
import type { StoryHeader } from '../../src/stories/queries.js';
import { ClaimDate, RatingBadge, StanceBadge, Statement } from '../components/claim-bits.js';
import { CitationList } from '../components/citations.js';
import { Page } from '../layouts/page.js';
import { Comparison } from './story.js';

export function QuestionPage(props: { story: StoryHeader; row: MatrixRow; citations: Map<number, CitationView[]> }) {
  const { story, row } = props;
  const speaking = row.cells.filter((cell) => cell.entries.length > 0);
  return (
    <Page title={row.question.proposition} description={`Every party’s position on: ${row.question.proposition}`}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/stories/${story.slug}`}>{story.title}</a>
      </nav>
      <h1>{row.question.proposition}</h1>
      <Comparison storySlug={story.slug} row={row} />
      {speaking.length === 0 ? <p>No published claim takes a position on this question yet.</p> : null}
      {speaking.map((cell) => (
        <section aria-labelledby={`party-${cell.party.slug}`} class="party-position" data-party={cell.party.slug}>
          <h2 id={`party-${cell.party.slug}`}>
            <a href={`/parties/${cell.party.slug}`}>{cell.party.name}</a>
          </h2>
          <ul class="claim-list">
            {cell.entries.map((entry) => (
              <li data-claim={entry.claim.id} data-position={entry.position}>
                <p>
                  <StanceBadge position={entry.position} /> <Statement claim={entry.claim} />
                </p>
                {entry.note ? <p class="stance-note">{entry.note}</p> : null}
                <p class="meta">
                  <ClaimDate claim={entry.claim} />
                  {entry.claim.venue ? ` · ${entry.claim.venue}` : ''} · <RatingBadge rating={entry.claim.rating} /> ·{' '}
                  <a href={`/claims/${entry.claim.id}`}>Claim {entry.claim.id}</a>
                </p>
                <CitationList citations={props.citations.get(entry.claim.id) ?? []} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
