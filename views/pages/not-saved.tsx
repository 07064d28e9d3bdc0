/**
 * The answer to a save the database could not store (disk full, read-only, I/O error): it says
 * plainly that nothing was saved, and gives back everything the person sent in a form that posts
 * to the same address, so they can copy it or send it again once storage works.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import type { KeptField, KeptInput } from '../../src/storage/kept-input.js';
import { DeskOrPublicPage } from '../layouts/desk.js';

const TITLE = 'Your change was NOT saved';

export function NotSavedPage(props: { input: KeptInput | null; user?: SessionUser | null }) {
  const input = props.input;
  return (
    <DeskOrPublicPage title={TITLE} user={props.user}>
      <h1>{TITLE}</h1>
      <p>
        Claimdesk could not write to its database (the disk may be full, or the database read-only), so nothing of this
        change was stored. The administrator has the details in the log.
      </p>
      {input && input.fields.length > 0 ? (
        <>
          <p>
            What you sent is below, as you sent it. Keep a copy if you can, and send it again once the problem is fixed.
          </p>
          <form method="post" action={input.action} enctype={input.multipart ? 'multipart/form-data' : undefined} class="kept-input">
            {numbered(input.fields).map(([field, id, label]) => (
              <KeptFieldView field={field} id={id} label={label} />
            ))}
            <button type="submit">Send again</button>
          </form>
        </>
      ) : (
        <p>Please try again in a moment.</p>
      )}
    </DeskOrPublicPage>
  );
}

function KeptFieldView(props: { field: KeptField; id: string; label: string }) {
  const { field, id, label } = props;
  if (field.kind === 'secret') {
    return (
      <div class="field">
        <label for={id}>{label} (type it again: passwords are not shown)</label>
        <input id={id} name={field.name} type="password" value="" autocomplete="off" />
      </div>
    );
  }
  if (field.kind === 'file') {
    return (
      <div class="field">
        <label for={id}>{label} (choose the file again)</label>
        <input id={id} name={field.name} type="file" />
      </div>
    );
  }
  const long = field.value.length > 80 || /[\r\n]/.test(field.value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {long ? (
        <textarea id={id} name={field.name} rows={Math.min(12, 2 + Math.ceil(field.value.length / 80))}>
          {field.value}
        </textarea>
      ) : (
        <input id={id} name={field.name} type="text" value={field.value} />
      )}
    </div>
  );
}

/** Each field with a unique id and a readable label ("stance note 2" for the second `stance_note`). */
function numbered(fields: KeptField[]): [KeptField, string, string][] {
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const field of fields) totals.set(field.name, (totals.get(field.name) ?? 0) + 1);
  return fields.map((field, index) => {
    const n = (counts.get(field.name) ?? 0) + 1;
    counts.set(field.name, n);
    const label = field.name.replace(/[_-]+/g, ' ').trim() || 'field';
    return [field, `kept-${index}`, totals.get(field.name)! > 1 ? `${label} ${n}` : label];
  });
}
