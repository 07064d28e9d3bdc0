/** A field-by-field comparison of two versions, with the changed words marked (<del>, <ins>). */
import type { FieldDiff } from '../../src/revisions/diff.js';

export function FieldDiffTable(props: { diff: FieldDiff[]; beforeLabel: string; afterLabel: string; onlyChanged?: boolean }) {
  const rows = props.onlyChanged === false ? props.diff : props.diff.filter((d) => d.changed);
  if (rows.length === 0) return <p class="meta">No difference.</p>;
  return (
    <div class="table-scroll" role="region" aria-label="Differences" tabindex={0}>
      <table class="diff-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{props.beforeLabel}</th>
            <th scope="col">{props.afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-field={row.label} class={row.changed ? 'changed' : undefined}>
              <th scope="row">{row.label}</th>
              <td class="diff-before">
                {row.words.map((w) => (w.op === 'added' ? null : w.op === 'removed' ? <del>{w.text}</del> : <span>{w.text}</span>))}
              </td>
              <td class="diff-after">
                {row.words.map((w) => (w.op === 'removed' ? null : w.op === 'added' ? <ins>{w.text}</ins> : <span>{w.text}</span>))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
