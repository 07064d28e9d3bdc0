/**
 * `/stories/<slug>`: the narrative matrix (questions × parties), where the parties agree and
 * conflict on each question, the filter that chooses what to compare, and the timeline.
 * `MatrixSection` is also the fragment htmx swaps when the filter changes.
 */
import { Markdown } from '../components/markdown.js';
import type { ClaimSummary } from '../../src/claims/queries.js';
import { formatDay } from '../../src/lib/dates.js';
import type { Matrix, MatrixRow, QuestionComparison } from '../../src/stories/narrative.js';
import { STORY_PAGE_LIMITS, type StoryPage as StoryPageData } from '../../src/stories/queries.js';

const STORY_COLUMNS = STORY_PAGE_LIMITS.columns;
import { ClaimDate, StanceBadge, Statement } from '../components/claim-bits.js';
import { Page } from '../layouts/page.js';

export type MatrixSelection = { parties: string[]; questions: string[]; ignored: string[] };

export function StoryPage(props: { data: StoryPageData; selection: MatrixSelection }) {
  const { story, cast, timeline, claimCount } = props.data;
  return (
    <Page
      title={story.title}
      description={`Who claims what in “${story.title}”, question by question.`}
      feeds={[{ title: `Claims in “${story.title}”`, href: `/stories/${story.slug}/feed.atom` }]}
    >
      <article class="story" aria-labelledby="story-title">
        <h1 id="story-title">{story.title}</h1>
        <p class="meta">
          {formatDay(story.startsOn)}
          {story.endsOn ? ` to ${formatDay(story.endsOn)}` : ''} · {claimCount} published {claimCount === 1 ? 'claim' : 'claims'}
        </p>
        <div class="summary"><Markdown markdown={story.summaryMd} /></div>

        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">Who claims what</h2>
          <MatrixFilter data={props.data} selection={props.selection} />
          {/* The live region stays in the page while htmx replaces #matrix inside it. */}
          <div aria-live="polite">
            <MatrixSection storySlug={story.slug} matrix={props.data.matrix} selection={props.selection} parting={props.data.partingClaimIds} />
          </div>
        </section>

        <section aria-labelledby="cast-heading">
          <h2 id="cast-heading">The parties</h2>
          <ul class="cast">
            {cast.parties.map((party) => (
              <li>
                <a href={`/parties/${party.slug}`}>{party.name}</a>
                {party.involvement ? <span>: {party.involvement}</span> : null}{' '}
                <span class="meta">
                  ({party.claimCount} {party.claimCount === 1 ? 'claim' : 'claims'})
                </span>
              </li>
            ))}
          </ul>
          {cast.total > cast.parties.length ? (
            <p class="meta">
              And {cast.total - cast.parties.length} more {cast.total - cast.parties.length === 1 ? 'party' : 'parties'} with fewer
              claims: see <a href={`/stories/${story.slug}/timeline`}>the whole timeline</a>.
            </p>
          ) : null}
        </section>

        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          {claimCount > timeline.length ? (
            <p class="meta">The latest {timeline.length} of {claimCount} claims, newest first.</p>
          ) : null}
          <Timeline claims={timeline} parting={props.data.partingClaimIds} partingHref={`/stories/${story.slug}/translations`} />
          {props.data.partingClaimIds?.size ? (
            <p class="parting-link">
              <a href={`/stories/${story.slug}/translations`}>
                Translations that part ways: {props.data.partingClaimIds.size}{' '}
                {props.data.partingClaimIds.size === 1 ? 'statement' : 'statements'}
              </a>
            </p>
          ) : null}
          {claimCount > timeline.length ? (
            <p>
              <a href={`/stories/${story.slug}/timeline`}>The whole timeline: all {claimCount} claims</a>
            </p>
          ) : null}
          <p class="meta">
            Every published claim of this story as data, with its stances and sources:{' '}
            <a href={`/stories/${story.slug}/claims.csv`} type="text/csv">
              CSV for a spreadsheet
            </a>{' '}
            ·{' '}
            <a href={`/stories/${story.slug}/claims.json`} type="application/json">
              JSON
            </a>
          </p>
        </section>
      </article>
    </Page>
  );
}

function MatrixFilter(props: { data: StoryPageData; selection: MatrixSelection }) {
  const { story, questions, cast, matrix } = props.data;
  // The choices: the most central speaking parties, and any the reader chose beyond them.
  const allParties = [...cast.parties.filter((p) => p.claimCount > 0)];
  for (const party of matrix.parties) if (!allParties.some((p) => p.id === party.id)) allParties.push({ ...party, storyId: story.id, involvement: '', claimCount: 0 });
  const chosenParties = new Set(props.selection.parties);
  const chosenQuestions = new Set(props.selection.questions);
  return (
    <form
      class="matrix-filter"
      method="get"
      action={`/stories/${story.slug}`}
      data-hx-get={`/stories/${story.slug}`}
      data-hx-target="#matrix"
      data-hx-swap="outerHTML"
      data-hx-push-url="true"
      data-hx-trigger="change, submit"
    >
      <p class="hint">
        Choose parties and questions to compare. With no party ticked, the {STORY_COLUMNS} parties with the most claims are
        shown; with no question ticked, every question.
      </p>
      <div class="filter-groups">
        <fieldset>
          <legend>Parties</legend>
          {allParties.map((party) => (
            <label>
              <input type="checkbox" name="party" value={party.slug} checked={chosenParties.has(party.slug)} />{' '}
              {party.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Questions</legend>
          {questions.map((question) => (
            <label>
              <input
                type="checkbox"
                name="question"
                value={question.slug}
                checked={chosenQuestions.has(question.slug)}
              />{' '}
              {question.shortLabel}
            </label>
          ))}
        </fieldset>
      </div>
      <p class="filter-actions">
        <button type="submit">Compare</button> <a href={`/stories/${story.slug}`}>Show all</a>
      </p>
    </form>
  );
}

/** The matrix and the per-question comparison: the part of the page the filter replaces. */
export function MatrixSection(props: { storySlug: string; matrix: Matrix; selection: MatrixSelection; parting?: Set<number> }) {
  const { matrix } = props;
  return (
    <div id="matrix" class="matrix-section">
      {props.selection.ignored.length ? (
        <p class="notice" role="status">
          Not in this story, so left out of the comparison: {props.selection.ignored.join(', ')}.
        </p>
      ) : null}
      {matrix.rows.length === 0 || matrix.parties.length === 0 ? (
        <p class="notice">Nothing to compare: no published claim matches this choice.</p>
      ) : (
        <>
          <div class="table-scroll" role="region" aria-labelledby="matrix-caption" tabindex={0}>
            <table class="matrix">
              <caption id="matrix-caption">
                Stances of each party (columns) on each contested question (rows), latest first. Each entry links to the claim.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  {matrix.parties.map((party) => (
                    <th scope="col" data-party={party.slug}>
                      <a href={`/parties/${party.slug}`}>{party.name}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <MatrixRowView storySlug={props.storySlug} row={row} parting={props.parting} />
                ))}
              </tbody>
            </table>
          </div>
          <h3>Where they agree and conflict</h3>
          <ul class="comparisons">
            {matrix.rows.map((row) => (
              <li>
                <Comparison storySlug={props.storySlug} question={row.question} comparison={row.comparison} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function MatrixRowView(props: { storySlug: string; row: MatrixRow; parting?: Set<number> }) {
  const { question, cells, comparison } = props.row;
  return (
    <tr data-question={question.slug}>
      <th scope="row">
        <a href={`/stories/${props.storySlug}/questions/${question.slug}`}>{question.proposition}</a>
        <span class={`verdict verdict-${comparison.verdict}`}>{VERDICT_LABELS[comparison.verdict]}</span>
      </th>
      {cells.map((cell) => (
        <td data-party={cell.party.slug}>
          {cell.entries.length === 0 ? (
            <span class="no-stance">No claim</span>
          ) : (
            <>
              <CellEntries entries={cell.entries} parting={props.parting} storySlug={props.storySlug} />
              {cell.total > cell.entries.length ? (
                <a class="more-entries" href={`/stories/${props.storySlug}/questions/${question.slug}?party=${cell.party.slug}`}>
                  + {cell.total - cell.entries.length} more<span class="visually-hidden"> by {cell.party.name} on this question</span>
                </a>
              ) : null}
            </>
          )}
        </td>
      ))}
    </tr>
  );
}

function CellEntries(props: { entries: MatrixRow['cells'][number]['entries']; parting?: Set<number>; storySlug?: string }) {
  return (
    <ul class="cell-entries">
      {props.entries.map((entry) => (
        <li data-position={entry.position} data-claim={entry.claim.id}>
          <StanceBadge position={entry.position} />
          <Statement claim={entry.claim} maxLength={90} />
          <span class="meta">
            <ClaimDate claim={entry.claim} /> ·{' '}
            <a href={`/claims/${entry.claim.id}`}>
              Claim {entry.claim.id}
              <span class="visually-hidden"> by {entry.claim.party.name}</span>
            </a>
            {props.parting?.has(entry.claim.id) ? (
              <>
                {' · '}
                <a class="parting-mark" href={`/stories/${props.storySlug}/translations#parting-${entry.claim.id}`}>
                  translations differ<span class="visually-hidden"> for claim {entry.claim.id}</span>
                </a>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

const VERDICT_LABELS: Record<QuestionComparison['verdict'], string> = {
  contested: 'Contested',
  agreed: 'Agreed',
  'disputed-by-none': 'One-sided',
  unanswered: 'Unanswered',
  'no-positions': 'No positions',
};

export function Comparison(props: { storySlug: string; question: MatrixRow['question']; comparison: QuestionComparison }) {
  const { question, comparison } = props;
  return (
    <div class="comparison" data-question={question.slug} data-verdict={comparison.verdict}>
      <p>
        <span class={`verdict verdict-${comparison.verdict}`}>{VERDICT_LABELS[comparison.verdict]}</span>{' '}
        <a href={`/stories/${props.storySlug}/questions/${question.slug}`}>{question.proposition}</a>
      </p>
      <p class="comparison-summary">{comparison.summary}</p>
    </div>
  );
}

export function Timeline(props: { claims: ClaimSummary[]; parting?: Set<number>; partingHref?: string }) {
  return (
    <ol class="timeline">
      {props.claims.map((claim) => (
        <li data-claim={claim.id}>
          <ClaimDate claim={claim} />{' '}
          <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a>: <Statement claim={claim} maxLength={200} />{' '}
          <a href={`/claims/${claim.id}`}>
            Claim {claim.id}
            <span class="visually-hidden"> by {claim.party.name}</span>
          </a>
          {props.parting?.has(claim.id) ? (
            <>
              {' '}
              <a class="parting-mark" href={`${props.partingHref ?? ''}#parting-${claim.id}`}>
                translations differ<span class="visually-hidden"> for claim {claim.id}</span>
              </a>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
