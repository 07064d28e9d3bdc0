/** `/stories/<slug>/timeline`: every published claim of a story, newest first, a page at a time. */
import type { ClaimSummary } from '../../src/claims/queries.js';
import type { Paged } from '../../src/lib/paging.js';
import type { StoryHeader } from '../../src/stories/queries.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';
import { Timeline } from './story.js';

export function TimelinePage(props: { story: StoryHeader; claims: Paged<ClaimSummary> }) {
  const { story, claims } = props;
  const path = `/stories/${story.slug}/timeline`;
  return (
    <Page title={`Timeline of ${story.title}`} description={`Every published claim of “${story.title}”, newest first.`}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/stories/${story.slug}`}>{story.title}</a>
      </nav>
      <h1>Timeline</h1>
      <p class="meta">
        {claims.total} published {claims.total === 1 ? 'claim' : 'claims'}, newest first
        {claims.pageCount > 1 ? ` · page ${claims.page} of ${claims.pageCount}` : ''}
      </p>
      <Timeline claims={claims.items} headingLevel={2} />
      <Pager list={claims} path={path} label="Pages of the timeline" />
    </Page>
  );
}
