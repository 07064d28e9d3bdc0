/** `/desk`: my drafts, what waits for review (editors), what changed lately. */
import type { SessionUser } from '../../src/auth/sessions.js';
import type { dashboard } from '../../src/claims/desk-lists.js';
import { DeskPage } from '../layouts/desk.js';
import { ClaimTable } from './claim-table.js';
import { DoneNotice } from './parts.js';

export function DashboardPage(props: { user: SessionUser; data: ReturnType<typeof dashboard>; notice?: string }) {
  const { mine, waiting, recent } = props.data;
  return (
    <DeskPage title="Dashboard" user={props.user}>
      <h1>Desk</h1>
      <DoneNotice notice={props.notice} />
      <p>
        <a class="button" href="/desk/claims/new">
          Add a claim
        </a>
      </p>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">My drafts and claims in progress</h2>
        <ClaimTable rows={mine} caption="Your claims not yet published, or with an edit waiting" empty="Nothing in progress." />
      </section>
      {waiting ? (
        <section aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">Waiting for review</h2>
          <ClaimTable
            rows={waiting.items}
            caption="Claims submitted for review, and edits of published claims, the longest-waiting first"
            empty="Nothing waits for review."
            link={(id) => `/desk/review/${id}`}
          />
          {waiting.total > waiting.items.length ? (
            <p>
              The {waiting.items.length} waiting longest of {waiting.total}: <a href="/desk/review">the whole review queue</a>.
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recently changed</h2>
        <ClaimTable rows={recent} caption="The claims changed most recently" empty="No claims yet." />
      </section>
    </DeskPage>
  );
}
