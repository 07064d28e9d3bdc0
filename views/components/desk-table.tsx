/**
 * Every table of the desk: a scrollable region named for screen readers, a caption, one heading
 * a column, then the rows the caller gives.
 */
import type { Child } from 'hono/jsx';

export function DeskTable(props: { label: string; caption: Child; columns: Child[]; class?: string; children?: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>
      <table class={props.class ? `desk-table ${props.class}` : 'desk-table'}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
