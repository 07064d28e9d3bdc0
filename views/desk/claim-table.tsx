/** A table of claims on the desk: what, who, which story, state, version, last change. */
import type { DeskClaimRow } from '../../src/claims/desk-lists.js';
import { excerpt } from '../../src/lib/excerpt.js';
import type { Child } from 'hono/jsx';
import { DeskTable } from '../components/desk-table.js';

const STATE_LABELS: Record<DeskClaimRow['state'], string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  retracted: 'Retracted',
};

export function StateBadge(props: { state: DeskClaimRow['state']; pending?: boolean }) {
  return (
    <span class={`state state-${props.state}`}>
      {STATE_LABELS[props.state]}
      {props.pending ? ' · edit awaiting approval' : ''}
    </span>
  );
}

/** Columns a list adds after the usual ones (the review queue: who submitted, how long it waits). */
export type ExtraColumns = { headings: string[]; cells: (row: DeskClaimRow) => Child[] };

export function ClaimTable(props: { rows: DeskClaimRow[]; caption: string; empty: string; link?: (id: number) => string; extra?: ExtraColumns }) {
  if (props.rows.length === 0) return <p class="meta">{props.empty}</p>;
  const link = props.link ?? ((id: number) => `/desk/claims/${id}`);
  return (
    <DeskTable label={props.caption} caption={props.caption} columns={['Claim', 'Party', 'Story', 'State', 'Changed', ...(props.extra?.headings ?? [])]}>
      {props.rows.map((row) => (
        <tr data-claim={row.id}>
          <td>
            <a href={link(row.id)}>{excerpt(row.statement, 90)}</a>
            {row.reviewNote ? <p class="review-note">Editor: {excerpt(row.reviewNote, 120)}</p> : null}
          </td>
          <td>{row.partyName}</td>
          <td>{row.storyTitle}</td>
          <td>
            <StateBadge state={row.state} pending={row.pendingRevisionId !== null} />
          </td>
          <td>
            <time datetime={row.updatedAt}>{row.updatedAt.slice(0, 16).replace('T', ' ')}</time>
          </td>
          {props.extra?.cells(row).map((cell) => <td>{cell}</td>)}
        </tr>
      ))}
    </DeskTable>
  );
}
