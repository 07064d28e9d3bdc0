/**
 * `/parties/<slug>`: who the party is (kind and roles; aliases are for the desk), where it stands
 * on each question, one line each, then its published claims by story and question, with the
 * sources they rest on listed once per story rather than under every claim.
 */
import type { CitationView } from '../../src/claims/queries.js';
import type { PartyPage as PartyPageData } from '../../src/parties/queries.js';
import type { PositionLine } from '../../src/parties/positions-summary.js';
import { formatDay } from '../../src/lib/dates.js';
import { CITATION_ROLE_LABELS, PARTY_KIND_LABELS, SOURCE_KIND_LABELS } from '../../src/lib/labels.js';
import { ClaimDate, FormLabel, RatingBadge, ratingReasonHref, StanceBadge, Statement } from '../components/claim-bits.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';

export function PartyPage(props: { data: PartyPageData }) {
  const { party, roles, stories, citations, claims, summary } = props.data;
  return (
    <Page
      title={party.name}
      description={`Where ${party.name} stands, and every published claim they made, with its sources.`}
      feeds={[{ title: `Claims by ${party.name}`, href: `/parties/${party.slug}/feed.atom` }]}
    >
      <h1>{party.name}</h1>
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{PARTY_KIND_LABELS[party.kind]}</dd>
        {roles.length ? (
          <>
            <dt>{roles.length === 1 ? 'Role' : 'Roles'}</dt>
            <dd>{roles.join('; ')}</dd>
          </>
        ) : null}
      </dl>
      {party.description ? <p class="lede">{party.description}</p> : null}

      {summary.lines.length ? (
        <section aria-labelledby="positions-heading" class="party-summary">
          <h2 id="positions-heading">Where {party.name} stands</h2>
          <PositionsByStory lines={summary.lines} partySlug={party.slug} />
          {summary.total > summary.lines.length ? (
            <p class="meta">
              The {summary.lines.length} questions with the latest claims, of {summary.total}; the claims below, page by page, cover
              the rest.
            </p>
          ) : null}
        </section>
      ) : null}

      <h2 id="claims-heading">{claims.total === 0 ? 'In the stories' : claims.total === 1 ? 'The claim' : `The claims (${claims.total})`}</h2>
      {claims.pageCount > 1 ? (
        <p class="meta">
          {claims.total} published claims, newest first · page {claims.page} of {claims.pageCount}
        </p>
      ) : null}
      {stories.map((entry) => (
        <section aria-labelledby={`story-${entry.story.slug}`} class="party-story">
          <h3 id={`story-${entry.story.slug}`} class="party-story-title">
            In <a href={`/stories/${entry.story.slug}`}>{entry.story.title}</a>
          </h3>
          {entry.involvement ? <p>{entry.involvement}</p> : null}
          {entry.groups.length === 0 && claims.pageCount === 1 ? <p>No published claim by {party.name} in this story.</p> : null}
          {entry.groups.map((group) => (
            <section class="question-group" data-question={group.question?.slug ?? ''}>
              <h4>
                {group.question ? (
                  <a href={`/stories/${entry.story.slug}/questions/${group.question.slug}`}>{group.question.proposition}</a>
                ) : (
                  'Other statements'
                )}
              </h4>
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
                      <RatingBadge rating={claim.rating} why={ratingReasonHref(claim.id)} /> · <a href={`/claims/${claim.id}`}>Claim {claim.id}</a>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <SourcesOnce claimIds={entry.groups.flatMap((g) => g.entries.map((e) => e.claim.id))} citations={citations} />
        </section>
      ))}
      <Pager list={claims} path={`/parties/${party.slug}`} label={`Pages of ${party.name}’s claims`} />
    </Page>
  );
}

/** One line per question, under its story: the positions taken, and how many claims say so. */
function PositionsByStory(props: { lines: PositionLine[]; partySlug: string }) {
  const stories: { story: PositionLine['story']; lines: PositionLine[] }[] = [];
  for (const line of props.lines) {
    const last = stories.at(-1);
    if (last && last.story.id === line.story.id) last.lines.push(line);
    else stories.push({ story: line.story, lines: [line] });
  }
  return (
    <>
      {stories.map(({ story, lines }) => (
        <div class="positions-story">
          <p class="positions-story-title">
            <a href={`/stories/${story.slug}`}>{story.title}</a>
          </p>
          <ul class="position-lines">
            {lines.map((line) => (
              <li data-question={line.question.slug} data-positions={line.positions.join(' ')}>
                {line.positions.map((position) => (
                  <>
                    <StanceBadge position={position} />{' '}
                  </>
                ))}
                <a href={`/stories/${story.slug}/questions/${line.question.slug}?party=${props.partySlug}`}>{line.question.proposition}</a>{' '}
                <span class="meta">
                  ({line.claimCount} {line.claimCount === 1 ? 'claim' : 'claims'}, latest {formatDay(line.latest)})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** The sources of a story's claims on this page, each named once with the claims resting on it. */
function SourcesOnce(props: { claimIds: number[]; citations: Map<number, CitationView[]> }) {
  const bySource = new Map<number, { source: CitationView['source']; uses: { claimId: number; role: CitationView['role'] }[] }>();
  // A claim with stances on two questions is listed under both; its sources count it once.
  for (const claimId of new Set(props.claimIds)) {
    for (const citation of props.citations.get(claimId) ?? []) {
      const entry = bySource.get(citation.source.id) ?? { source: citation.source, uses: [] };
      entry.uses.push({ claimId, role: citation.role });
      bySource.set(citation.source.id, entry);
    }
  }
  if (bySource.size === 0) return null;
  return (
    <div class="sources-once">
      <p class="sources-once-title">Sources of these claims</p>
      <ul class="citations">
        {[...bySource.values()].map(({ source, uses }) => (
          <li data-source={source.id}>
            <a href={`/sources/${source.id}`}>{source.title}</a>{' '}
            <span class="meta">
              ({source.publisher}, {SOURCE_KIND_LABELS[source.kind].toLowerCase()}
              {source.publishedOn ? `, ${formatDay(source.publishedOn)}` : ''})
            </span>
            <br />
            <span class="meta">
              {[...new Set(uses.map((u) => u.role))].map((role) => CITATION_ROLE_LABELS[role]).join(' / ')} for{' '}
              {uses.length === 1 ? 'claim ' : 'claims '}
              {uses.map((u, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/claims/${u.claimId}`}>{u.claimId}</a>
                </>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
