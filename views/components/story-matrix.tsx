/**
 * The narrative matrix drawn twice from the same rows: as question cards (a phone reads one
 * question at a time: who asserts, who denies, who qualifies, who declines, who is silent) and
 * as a table (a desktop sees every party side by side). The stylesheet shows one or the other by
 * width; both carry the same data attributes, so a test can read both and compare them.
 */
import type { CellEntry, MatrixRow, PartyColumn, Position, QuestionComparison } from '../../src/stories/narrative.js';
import { ClaimDate, StanceBadge, Statement } from './claim-bits.js';

export const VERDICT_LABELS: Record<QuestionComparison['verdict'], string> = {
  contested: 'Contested',
  agreed: 'Agreed',
  'disputed-by-none': 'One-sided',
  unanswered: 'Unanswered',
  'no-positions': 'No positions',
};

export function Verdict(props: { verdict: QuestionComparison['verdict'] }) {
  return <span class={`verdict verdict-${props.verdict}`}>{VERDICT_LABELS[props.verdict]}</span>;
}

/** The order a reader meets the positions in, on cards and in the key. */
const POSITION_ORDER: Position[] = ['asserts', 'denies', 'qualifies', 'declines'];

const questionHref = (storySlug: string, questionSlug: string) => `/stories/${storySlug}/questions/${questionSlug}`;
const moreHref = (storySlug: string, questionSlug: string, partySlug: string) => `${questionHref(storySlug, questionSlug)}?party=${partySlug}`;

/** "+ 2 more", linking to the party's claims on the question. */
function MoreLink(props: { storySlug: string; questionSlug: string; party: PartyColumn; more: number }) {
  if (props.more <= 0) return null;
  return (
    <a class="more-entries" href={moreHref(props.storySlug, props.questionSlug, props.party.slug)}>
      + {props.more} more<span class="visually-hidden"> by {props.party.name} on this question</span>
    </a>
  );
}

/** "translations differ": links to the story's list of statements whose renderings part ways (ADR 027). */
export function PartingMark(props: { claimId: number; href: string }) {
  return (
    <a class="parting-mark" href={`${props.href}#parting-${props.claimId}`}>
      translations differ<span class="visually-hidden"> for claim {props.claimId}</span>
    </a>
  );
}

/** The story's list of statements whose translations part ways. */
export const translationsHref = (storySlug: string) => `/stories/${storySlug}/translations`;

/** " · translations differ" after an entry's date, when its claim's renderings part ways. */
function PartingNote(props: { claimId: number; storySlug: string; parting?: Set<number> }) {
  if (!props.parting?.has(props.claimId)) return null;
  return (
    <>
      {' · '}
      <PartingMark claimId={props.claimId} href={translationsHref(props.storySlug)} />
    </>
  );
}

type CardEntry = { party: PartyColumn; entry: CellEntry; more: number };

/** A row's shown entries grouped by position (the cell's latest claims), and the silent parties. */
function groupRow(row: MatrixRow): { groups: [Position, CardEntry[]][]; silent: PartyColumn[] } {
  const byPosition = new Map<Position, CardEntry[]>(POSITION_ORDER.map((p) => [p, []]));
  const silent: PartyColumn[] = [];
  for (const cell of row.cells) {
    if (cell.entries.length === 0) silent.push(cell.party);
    cell.entries.forEach((entry, i) => {
      // "+ n more" follows the party's last shown entry.
      const more = i === cell.entries.length - 1 ? cell.total - cell.entries.length : 0;
      byPosition.get(entry.position)!.push({ party: cell.party, entry, more });
    });
  }
  return { groups: [...byPosition].filter(([, list]) => list.length > 0), silent };
}

export function QuestionCards(props: { storySlug: string; rows: MatrixRow[]; parting?: Set<number> }) {
  return (
    <ol class="question-cards">
      {props.rows.map((row) => {
        const { groups, silent } = groupRow(row);
        return (
          <li class="question-card" data-question={row.question.slug}>
            <h3 class="card-question">
              <Verdict verdict={row.comparison.verdict} />{' '}
              <a href={questionHref(props.storySlug, row.question.slug)}>{row.question.proposition}</a>
            </h3>
            {groups.map(([position, entries]) => (
              <div class={`position-group position-${position}`} data-position={position}>
                <p class="position-heading">
                  <StanceBadge position={position} />
                </p>
                <ul class="card-entries">
                  {entries.map(({ party, entry, more }) => (
                    <li data-party={party.slug} data-claim={entry.claim.id} data-position={entry.position}>
                      <a class="card-party" href={`/parties/${party.slug}`}>
                        {party.name}
                      </a>
                      :{' '}
                      <a class="one-line" href={`/claims/${entry.claim.id}`}>
                        <Statement claim={entry.claim} maxLength={110} />
                      </a>{' '}
                      <span class="meta">
                        <ClaimDate claim={entry.claim} compact />
                        <PartingNote claimId={entry.claim.id} storySlug={props.storySlug} parting={props.parting} />
                        {more > 0 ? ' · ' : ''}
                        <MoreLink storySlug={props.storySlug} questionSlug={row.question.slug} party={party} more={more} />
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {silent.length ? (
              <p class="silent-parties meta">
                No claim on this from:{' '}
                {silent.map((party, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <span data-party={party.slug}>{party.name}</span>
                  </>
                ))}
                .
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Up to eight party columns fit 1280 px without sideways scrolling (fixed layout, compact
 * cells); a reader who chooses more gets a table that scrolls inside its region with the
 * question column held in place.
 */
export const COLUMNS_THAT_FIT = 8;

export function MatrixTable(props: { storySlug: string; parties: PartyColumn[]; rows: MatrixRow[]; parting?: Set<number> }) {
  const many = props.parties.length > COLUMNS_THAT_FIT;
  return (
    <div class="table-scroll matrix-wide" role="region" aria-labelledby="matrix-caption" tabindex={0}>
      <table class={`matrix${many ? ' matrix-many' : ''}`}>
        <caption id="matrix-caption">
          Each party’s latest position (columns) on each contested question (rows). Each entry links to the claim; “more” to
          the party’s other claims on it.
        </caption>
        <thead>
          <tr>
            <th scope="col" class="matrix-question-col">
              Question
            </th>
            {props.parties.map((party) => (
              <th scope="col" data-party={party.slug}>
                <a href={`/parties/${party.slug}`}>{party.name}</a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-question={row.question.slug}>
              <th scope="row">
                <a href={questionHref(props.storySlug, row.question.slug)}>{row.question.proposition}</a> <Verdict verdict={row.comparison.verdict} />
              </th>
              {row.cells.map((cell) => (
                <td data-party={cell.party.slug}>
                  {cell.entries.length === 0 ? (
                    <span class="no-stance">
                      <span aria-hidden="true">·</span>
                      <span class="visually-hidden">No claim</span>
                    </span>
                  ) : (
                    <>
                      <ul class="cell-entries">
                        {cell.entries.map((entry) => (
                          <li data-position={entry.position} data-claim={entry.claim.id}>
                            <StanceBadge position={entry.position} />
                            <a class="cell-statement" href={`/claims/${entry.claim.id}`}>
                              <Statement claim={entry.claim} maxLength={70} />
                            </a>
                            <span class="meta">
                              <ClaimDate claim={entry.claim} compact />
                              <PartingNote claimId={entry.claim.id} storySlug={props.storySlug} parting={props.parting} />
                            </span>
                          </li>
                        ))}
                      </ul>
                      <MoreLink storySlug={props.storySlug} questionSlug={row.question.slug} party={cell.party} more={cell.total - cell.entries.length} />
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
