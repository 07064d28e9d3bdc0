/** `/`: the stories, each with its parties and its latest claims. */
import type { StoryCard } from '../../src/stories/queries.js';
import { formatDay } from '../../src/lib/dates.js';
import { ClaimDate, Statement } from '../components/claim-bits.js';
import { Page } from '../layouts/page.js';

export function HomePage(props: { stories: StoryCard[] }) {
  return (
    <Page title="Claimdesk" description="Competing claims in leak stories, side by side, each traceable to its source.">
      <h1>Stories</h1>
      <p class="lede">Who claims what in each story, with the sources that prove it.</p>
      {props.stories.length === 0 ? <p>No story has been published yet.</p> : null}
      <ul class="story-list">
        {props.stories.map((story) => (
          <li class="story-card">
            <article aria-labelledby={`story-${story.slug}`}>
              <h2 id={`story-${story.slug}`}>
                <a href={`/stories/${story.slug}`}>{story.title}</a>
              </h2>
              <p class="meta">
                {formatDay(story.startsOn)}
                {story.endsOn ? ` to ${formatDay(story.endsOn)}` : ''} · {story.claimCount} published claims
              </p>
              <h3>Parties</h3>
              <ul class="inline-list">
                {story.cast.map((party) => (
                  <li>
                    <a href={`/parties/${party.slug}`}>{party.name}</a>
                  </li>
                ))}
              </ul>
              <h3>Latest claims</h3>
              <ul class="claim-list">
                {story.latest.map((claim) => (
                  <li>
                    <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a>: <Statement claim={claim} maxLength={160} />{' '}
                    <span class="meta">
                      (<ClaimDate claim={claim} />, <a href={`/claims/${claim.id}`}>claim {claim.id}</a>)
                    </span>
                  </li>
                ))}
              </ul>
              <p>
                <a href={`/stories/${story.slug}`}>Compare the narratives of “{story.title}”</a>
              </p>
            </article>
          </li>
        ))}
      </ul>
    </Page>
  );
}
