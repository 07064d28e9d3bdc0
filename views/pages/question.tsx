/**
 * `/stories/<story>/questions/<question>`: where the parties stand on one question. The parties
 * that take a position, most claims first, each with its latest claims on it (a page of parties
 * at a time); with `?party=`, every claim of one party on it (a page of claims at a time).
 */
import type { CitationView } from '../../src/claims/queries.js';
import type { Paged } from '../../src/lib/paging.js';
import type { PartyColumn, QuestionComparison, QuestionRow } from '../../src/stories/narrative.js';
import type { QuestionPosition, StoryHeader } from '../../src/stories/queries.js';
import { ClaimDate, RatingBadge, ratingReasonHref, StanceBadge, Statement } from '../components/claim-bits.js';
import { CitationList } from '../components/citations.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';
import { Comparison } from './story.js';

type QuestionPageData = {
  story: StoryHeader;
  question: QuestionRow;
  comparison: QuestionComparison;
  partyCount: number;
  /** Set when the page shows one party's claims on the question. */
  party: PartyColumn | undefined;
  parties: Paged<QuestionPosition>;
};

export function QuestionPage(props: { data: QuestionPageData; citations: Map<number, CitationView[]> }) {
  const { story, question, comparison, party, parties } = props.data;
  const path = `/stories/${story.slug}/questions/${question.slug}`;
  return (
    <Page
      title={party ? `${party.name} on: ${question.proposition}` : question.proposition}
      description={`Every party’s position on: ${question.proposition}`}
    >
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/stories/${story.slug}`}>{story.title}</a>
        {party ? (
          <>
            {' › '}
            <a href={path}>{question.shortLabel}</a>
          </>
        ) : null}
      </nav>
      <h1>{question.proposition}</h1>
      <Comparison storySlug={story.slug} question={question} comparison={comparison} onItsPage />
      {props.data.partyCount === 0 ? <p>No published claim takes a position on this question yet.</p> : null}
      {party ? (
        <p class="meta">
          Only {party.name}’s claims on this question ({parties.total}). <a href={path}>Every party’s position</a>
        </p>
      ) : parties.pageCount > 1 ? (
        <p class="meta">
          {parties.total} parties take a position, most claims first · page {parties.page} of {parties.pageCount}
        </p>
      ) : null}
      {parties.items.map((position) => (
        <section aria-labelledby={`party-${position.party.slug}`} class="party-position" data-party={position.party.slug}>
          <h2 id={`party-${position.party.slug}`}>
            <a href={`/parties/${position.party.slug}`}>{position.party.name}</a>
          </h2>
          <ul class="claim-list">
            {position.entries.map((entry) => (
              <li data-claim={entry.claim.id} data-position={entry.position}>
                <p>
                  <StanceBadge position={entry.position} /> <Statement claim={entry.claim} />
                </p>
                {entry.note ? <p class="stance-note">{entry.note}</p> : null}
                <p class="meta">
                  <ClaimDate claim={entry.claim} />
                  {entry.claim.venue ? ` · ${entry.claim.venue}` : ''} · <RatingBadge rating={entry.claim.rating} why={ratingReasonHref(entry.claim.id)} /> ·{' '}
                  <a href={`/claims/${entry.claim.id}`}>Claim {entry.claim.id}</a>
                </p>
                <CitationList citations={props.citations.get(entry.claim.id) ?? []} />
              </li>
            ))}
          </ul>
          {!party && position.total > position.entries.length ? (
            <p>
              <a href={`${path}?party=${position.party.slug}`}>
                All {position.total} claims by {position.party.name} on this question
              </a>
            </p>
          ) : null}
        </section>
      ))}
      <Pager
        list={parties}
        path={path}
        label={party ? `Pages of ${party.name}’s claims` : 'Pages of parties'}
        query={party ? [['party', party.slug]] : []}
      />
    </Page>
  );
}
