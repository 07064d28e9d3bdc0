/**
 * `/stories/<slug>`: the narrative matrix (questions × parties), where the parties agree and
 * conflict on each question, the filter that chooses what to compare, and the timeline.
 * Phone first: the questions come right after the title, as cards; the story's summary, its
 * cast and the timeline follow. `MatrixSection` is also the fragment htmx swaps when the
 * filter changes.
 */
import { Markdown } from '../components/markdown.js';
import type { ClaimSummary } from '../../src/claims/queries.js';
import { formatClaimDate, formatDay } from '../../src/lib/dates.js';
import type { Matrix, MatrixRow, QuestionComparison } from '../../src/stories/narrative.js';
import { STORY_PAGE_LIMITS, type StoryPage as StoryPageData } from '../../src/stories/queries.js';
import { Statement } from '../components/claim-bits.js';
import { MatrixTable, PartingMark, QuestionCards, translationsHref, Verdict } from '../components/story-matrix.js';
import { Page } from '../layouts/page.js';

const STORY_COLUMNS = STORY_PAGE_LIMITS.columns;

/** `tooMany`: chosen parties of the story left out because a comparison has at most STORY_PAGE_LIMITS.chosenColumns. */
export type MatrixSelection = { parties: string[]; questions: string[]; ignored: string[]; tooMany?: number };

export function StoryPage(props: { data: StoryPageData; selection: MatrixSelection }) {
  const { story, cast, timeline, claimCount } = props.data;
  const chosen = props.selection.parties.length + props.selection.questions.length > 0;
  return (
    <Page
      title={story.title}
      description={`Who claims what in “${story.title}”, question by question.`}
      feeds={[{ title: `Claims in “${story.title}”`, href: `/stories/${story.slug}/feed.atom` }]}
    >
      <article class="story" aria-labelledby="story-title">
        <h1 id="story-title">{story.title}</h1>
        <p class="meta">
          <StoryDates startsOn={story.startsOn} endsOn={story.endsOn} latestSaidOn={story.latestSaidOn} /> · {claimCount} published {claimCount === 1 ? 'claim' : 'claims'} ·{' '}
          <a href="#about-heading">About the story</a>
        </p>

        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">Who claims what</h2>
          <details class="filter-panel" open={chosen}>
            <summary>Compare chosen parties or questions</summary>
            <MatrixFilter data={props.data} selection={props.selection} />
          </details>
          {/* The live region stays in the page while htmx replaces #matrix inside it. */}
          <div aria-live="polite">
            <MatrixSection storySlug={story.slug} matrix={props.data.matrix} selection={props.selection} parting={props.data.partingClaimIds} />
          </div>
        </section>

        <section aria-labelledby="about-heading">
          <h2 id="about-heading">About the story</h2>
          <div class="summary prose">
            <Markdown markdown={story.summaryMd} />
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
          <Timeline claims={timeline} headingLevel={3} parting={props.data.partingClaimIds} partingHref={translationsHref(story.slug)} />
          {props.data.partingClaimIds?.size ? (
            <p class="parting-link">
              <a href={translationsHref(story.slug)}>
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

/**
 * The story's range: from its start to the end an editor fixed, or else to its latest published
 * claim, so a claim said on a later day extends it.
 */
export function StoryDates(props: { startsOn: string; endsOn: string | null; latestSaidOn: string | null }) {
  const end = props.endsOn ?? (props.latestSaidOn && props.latestSaidOn > props.startsOn ? props.latestSaidOn : null);
  if (!end || end === props.startsOn) return <>{formatDay(props.startsOn)}</>;
  return (
    <>
      {formatDay(props.startsOn)} to {formatDay(end)}
    </>
  );
}

/**
 * With JavaScript, a tick swaps the matrix and updates the address in place (no history entry
 * per tick); Compare adds one history entry. Without it, Compare is a plain GET; the form does
 * not let the browser restore ticks on Back (autocomplete off), so it shows what the table shows.
 */
function MatrixFilter(props: { data: StoryPageData; selection: MatrixSelection }) {
  const { story, questions, cast, matrix } = props.data;
  // The choices: the most central speaking parties, and any the reader chose beyond them.
  const allParties = [...cast.parties.filter((p) => p.claimCount > 0)];
  for (const party of matrix.parties) if (!allParties.some((p) => p.id === party.id)) allParties.push({ ...party, storyId: story.id, involvement: '', claimCount: 0 });
  const chosenParties = new Set(props.selection.parties);
  const chosenQuestions = new Set(props.selection.questions);
  const path = `/stories/${story.slug}`;
  return (
    <form
      class="matrix-filter"
      method="get"
      action={path}
      autocomplete="off"
      data-hx-get={path}
      data-hx-target="#matrix"
      data-hx-swap="outerHTML"
      data-hx-replace-url="true"
      data-hx-trigger="change"
    >
      <p class="hint">
        With no party ticked, the {STORY_COLUMNS} parties with the most claims are shown; with no question ticked, every question.
      </p>
      <div class="filter-groups">
        <fieldset>
          <legend>Parties</legend>
          {allParties.map((party) => (
            <label>
              <input type="checkbox" name="party" value={party.slug} checked={chosenParties.has(party.slug)} /> {party.name}
            </label>
          ))}
        </fieldset>
        <fieldset class="filter-questions">
          <legend>Questions</legend>
          {questions.map((question) => (
            <label>
              <input type="checkbox" name="question" value={question.slug} checked={chosenQuestions.has(question.slug)} />{' '}
              {question.proposition}
            </label>
          ))}
        </fieldset>
      </div>
      <p class="filter-actions">
        <button type="submit" data-hx-get={path} data-hx-include="closest form" data-hx-push-url="true">
          Compare
        </button>{' '}
        <a href={path}>Show all</a>
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
          Not in this story, so left out of the comparison: {props.selection.ignored.slice(0, 10).join(', ')}
          {props.selection.ignored.length > 10 ? ` and ${props.selection.ignored.length - 10} more` : ''}.
        </p>
      ) : null}
      {props.selection.tooMany ? (
        <p class="notice" role="status">
          A comparison shows at most {STORY_PAGE_LIMITS.chosenColumns} parties: the first {STORY_PAGE_LIMITS.chosenColumns} chosen are
          compared, {props.selection.tooMany} more left out.
        </p>
      ) : null}
      {matrix.rows.length === 0 || matrix.parties.length === 0 ? (
        <p class="notice">Nothing to compare: no published claim matches this choice.</p>
      ) : (
        <>
          <QuestionCards storySlug={props.storySlug} rows={matrix.rows} parting={props.parting} />
          <MatrixTable storySlug={props.storySlug} parties={matrix.parties} rows={matrix.rows} parting={props.parting} />
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

/** `onItsPage`: on the question's own page, under its heading, the proposition is not repeated. */
export function Comparison(props: { storySlug: string; question: MatrixRow['question']; comparison: QuestionComparison; onItsPage?: boolean }) {
  const { question, comparison } = props;
  return (
    <div class="comparison" data-question={question.slug} data-verdict={comparison.verdict}>
      {props.onItsPage ? null : (
        <p>
          <Verdict verdict={comparison.verdict} /> <a href={`/stories/${props.storySlug}/questions/${question.slug}`}>{question.proposition}</a>
        </p>
      )}
      <p class="comparison-summary">
        {props.onItsPage ? (
          <>
            <Verdict verdict={comparison.verdict} />{' '}
          </>
        ) : null}
        {comparison.summary}
      </p>
    </div>
  );
}

/** Claims grouped under the day they were said (as precisely as it is known), newest first. */
export function Timeline(props: { claims: ClaimSummary[]; headingLevel: 2 | 3; parting?: Set<number>; partingHref?: string }) {
  const days: { key: string; saidOn: string; label: string; claims: ClaimSummary[] }[] = [];
  for (const claim of props.claims) {
    const label = formatClaimDate(claim.saidOn, claim.datePrecision);
    const key = `${claim.saidOn}:${claim.datePrecision}`;
    const last = days.at(-1);
    if (last && last.key === key) last.claims.push(claim);
    else days.push({ key, saidOn: claim.saidOn, label: label[0]!.toUpperCase() + label.slice(1), claims: [claim] });
  }
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="timeline">
      {days.map((day) => (
        <section class="timeline-day" data-day={day.saidOn}>
          <Heading class="timeline-date">
            <time datetime={day.saidOn}>{day.label}</time>{' '}
            <span class="meta">
              ({day.claims.length} {day.claims.length === 1 ? 'claim' : 'claims'})
            </span>
          </Heading>
          <ol class="timeline-claims">
            {day.claims.map((claim) => (
              <li data-claim={claim.id} data-said-on={claim.saidOn}>
                <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a>: <Statement claim={claim} maxLength={200} />{' '}
                <a href={`/claims/${claim.id}`}>
                  Claim {claim.id}
                  <span class="visually-hidden"> by {claim.party.name}</span>
                </a>
                {props.parting?.has(claim.id) ? (
                  <>
                    {' '}
                    <PartingMark claimId={claim.id} href={props.partingHref ?? ''} />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
