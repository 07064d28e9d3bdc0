/** `/parties/<slug>`: who the party is and every published claim they made, by story and question. */
import type { PartyPage as PartyPageData } from '../../src/parties/queries.js';
import { PARTY_KIND_LABELS } from '../../src/lib/labels.js';
import { ClaimDate, FormLabel, RatingBadge, StanceBadge, Statement } from '../components/claim-bits.js';
import { CitationList } from '../components/citations.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';

export function PartyPage(props: { data: PartyPageData }) {
  const { party, roles, aliases, stories, citations, claims } = props.data;
  return (
    <Page
      title={party.name}
      description={`Every published claim by ${party.name}, with its sources.`}
      feeds={[{ title: `Claims by ${party.name}`, href: `/parties/${party.slug}/feed.atom` }]}
    >
      <h1>{party.name}</h1>
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{PARTY_KIND_LABELS[party.kind]}</dd>
        {roles.length ? (
          <>
            <dt>Roles</dt>
            <dd>{roles.join('; ')}</dd>
          </>
        ) : null}
        {aliases.length ? (
          <>
            <dt>Also called</dt>
            <dd>{aliases.join('; ')}</dd>
          </>
        ) : null}
      </dl>
      {party.description ? <p>{party.description}</p> : null}
      {claims.pageCount > 1 ? (
        <p class="meta">
          {claims.total} published claims, newest first · page {claims.page} of {claims.pageCount}
        </p>
      ) : null}
      {stories.map((entry) => (
        <section aria-labelledby={`story-${entry.story.slug}`} class="party-story">
          <h2 id={`story-${entry.story.slug}`}>
            In <a href={`/stories/${entry.story.slug}`}>{entry.story.title}</a>
          </h2>
          {entry.involvement ? <p>{entry.involvement}</p> : null}
          {entry.groups.length === 0 && claims.pageCount === 1 ? <p>No published claim by {party.name} in this story.</p> : null}
          {entry.groups.map((group) => (
            <section class="question-group" data-question={group.question?.slug ?? ''}>
              <h3>
                {group.question ? (
                  <a href={`/stories/${entry.story.slug}/questions/${group.question.slug}`}>
                    {group.question.proposition}
                  </a>
                ) : (
                  'Other statements'
                )}
              </h3>
              <ul class="claim-list">
                {group.entries.map(({ claim, roles: rolesThen, stance }) => (
                  <li data-claim={claim.id}>
                    <p>
                      {stance ? (
                        <>
                          <StanceBadge position={stance.position} />{' '}
                        </>
                      ) : null}
                      <Statement claim={claim} />
                    </p>
                    <p class="meta">
                      <ClaimDate claim={claim} />
                      {rolesThen.length ? ` · as ${rolesThen.join('; ')}` : ''}
                      {claim.venue ? ` · ${claim.venue}` : ''} · <FormLabel form={claim.form} /> ·{' '}
                      <RatingBadge rating={claim.rating} /> · <a href={`/claims/${claim.id}`}>Claim {claim.id}</a>
                    </p>
                    <CitationList citations={citations.get(claim.id) ?? []} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
      <Pager list={claims} path={`/parties/${party.slug}`} label={`Pages of ${party.name}’s claims`} />
    </Page>
  );
}
