/**
 * `/`: the latest published claims across stories (by publication time), then the stories by
 * latest activity, a page at a time, each with its contested questions and its central parties.
 */
import type { Paged } from '../../src/lib/paging.js';
import type { LatestClaim, StoryCard } from '../../src/stories/queries.js';
import { ClaimDate, Statement } from '../components/claim-bits.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';
import { StoryDates } from './story.js';

export function HomePage(props: { stories: Paged<StoryCard>; latest: LatestClaim[] }) {
  const { stories } = props;
  return (
    <Page title="Claimdesk" description="Competing claims in leak stories, side by side, each traceable to its source.">
      <h1>Stories</h1>
      <p class="lede">Who claims what in each story, with the sources that prove it.</p>
      {stories.total === 0 ? <p>No story has been published yet.</p> : null}
      {props.latest.length ? (
        <section aria-labelledby="latest-heading" class="latest-claims">
          <h2 id="latest-heading">Latest claims</h2>
          <p class="meta">The latest published, across all stories (at most two per speaker).</p>
          <ul class="claim-list">
            {props.latest.map((claim) => (
              <li data-claim={claim.id}>
                <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a>: <Statement claim={claim} maxLength={160} />{' '}
                <span class="meta">
                  (<ClaimDate claim={claim} />, <a href={`/stories/${claim.story.slug}`}>{claim.story.title}</a>,{' '}
                  <a href={`/claims/${claim.id}`}>claim {claim.id}</a>)
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {stories.pageCount > 1 ? (
        <p class="meta">
          {stories.total} stories, latest activity first · page {stories.page} of {stories.pageCount}
        </p>
      ) : null}
      <ul class="story-list">
        {stories.items.map((story) => (
          <li class="story-card">
            <article aria-labelledby={`story-${story.slug}`}>
              <h2 id={`story-${story.slug}`}>
                <a href={`/stories/${story.slug}`}>{story.title}</a>
              </h2>
              <p class="meta">
                <StoryDates startsOn={story.startsOn} endsOn={story.endsOn} latestSaidOn={story.latestSaidOn} /> · {story.claimCount} published{' '}
                {story.claimCount === 1 ? 'claim' : 'claims'}
              </p>
              <p class="glance">
                <span class="verdict verdict-contested">Contested</span>{' '}
                {story.glance.contested.length} of {story.glance.questionCount} questions
                {story.glance.contested.length ? ': ' : '.'}
              </p>
              {story.glance.contested.length ? (
                <ul class="contested-list">
                  {story.glance.contested.map((q) => (
                    <li>
                      <a href={`/stories/${story.slug}/questions/${q.slug}`}>{q.proposition}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
              <h3>Parties</h3>
              <ul class="inline-list">
                {story.cast.parties.map((party) => (
                  <li>
                    <a href={`/parties/${party.slug}`}>{party.name}</a>
                  </li>
                ))}
                {story.cast.total > story.cast.parties.length ? <li>and {story.cast.total - story.cast.parties.length} more</li> : null}
              </ul>
              <p>
                <a href={`/stories/${story.slug}`}>Compare the narratives of “{story.title}”</a>
              </p>
            </article>
          </li>
        ))}
      </ul>
      <Pager list={stories} path="/" label="Pages of stories" />
    </Page>
  );
}
