/** Small pieces several desk screens show: the notice after an action, a claim's facts, a version picker. */

/** "Saved." and its kin: what the last action did, announced politely. */
export function DoneNotice(props: { notice?: string }) {
  return props.notice ? (
    <p class="notice notice-success" role="status">
      {props.notice}
    </p>
  ) : null;
}

/** A claim's fields as label and value, a dash for an empty one. */
export function FactList(props: { fields: [label: string, value: string][] }) {
  return (
    <dl class="facts">
      {props.fields.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd class="pre-line">{value || '—'}</dd>
        </>
      ))}
    </dl>
  );
}

/** One end of a "compare two versions" form. */
export function VersionSelect(props: { id: string; name: string; label: string; versions: number[]; selected: number | undefined }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.versions.map((v) => (
          <option value={String(v)} selected={v === props.selected}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}
