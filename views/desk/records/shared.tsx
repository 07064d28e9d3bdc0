/**
 * Pieces every record screen of the desk shares: the revision history table, the notice shown
 * when someone else saved first (their saved values beside yours), the search box of a list,
 * the "on the public site" badge, and the bottom of each form (a note on the change, the hidden
 * version the form was opened at, and the buttons), a record page's facts and its Edit button,
 * and the frames they all hang on: a record page (breadcrumb and heading), a form's own page, a
 * list (and the searchable list of parties and sources, written from a short description), a
 * list table, the form itself.
 */
import type { Child } from 'hono/jsx';
import type { StaleInfo } from '../../../src/revisions/conflict.js';
import type { RevisionRow } from '../../../src/revisions/store.js';
import { can } from '../../../src/auth/permissions.js';
import type { SessionUser } from '../../../src/auth/sessions.js';
import type { FieldErrors } from '../../../src/lib/fields.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { DeskPage } from '../../layouts/desk.js';
import { DeskTable } from '../../components/desk-table.js';
import { Facts, type FactEntry } from '../../components/facts.js';

/** "2024-03-05T12:34:56.789Z" → "2024-03-05 12:34 UTC". */
function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function When(props: { iso: string | null | undefined }) {
  return props.iso ? <time datetime={props.iso}>{formatWhen(props.iso)}</time> : null;
}

const EVENT_LABELS: Record<string, string> = { created: 'Created', edited: 'Edited' };

export function RevisionHistory(props: { revisions: RevisionRow[]; currentVersion: number }) {
  const rows = [...props.revisions].reverse();
  return (
    <section aria-labelledby="history-heading" class="revision-history">
      <h2 id="history-heading">History</h2>
      {rows.length === 0 ? (
        <p class="meta">
          No revisions are recorded: this is version {props.currentVersion}, loaded before the desk kept a history.
        </p>
      ) : (
        <DeskTable label="Revision history" caption="Every saved version, newest first" columns={['Version', 'Event', 'Who', 'When', 'Note']}>
          {rows.map((r) => (
            <tr data-version={r.version}>
              <td>{r.version}</td>
              <td>{EVENT_LABELS[r.event] ?? r.event}</td>
              <td>{r.authorName ?? 'Claimdesk'}</td>
              <td>
                <When iso={r.createdAt} />
              </td>
              <td>{r.comment}</td>
            </tr>
          ))}
        </DeskTable>
      )}
    </section>
  );
}

function MultiLine(props: { text: string }) {
  if (props.text === '') return <span class="meta">(empty)</span>;
  const lines = props.text.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/** "Title", "Title and Slug", "Title, Slug and Kind". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The columns of the conflict table after the field's name: the saved value, then the user's. */
const VERSIONS = ['saved', 'yours'] as const;

/**
 * Shown above a form refused with 409: who saved first, and the fields to look at. When the
 * form was merged, their changes are already in it and only the fields both changed are listed.
 */
export function ConflictNotice(props: { stale: StaleInfo; what: string }) {
  const { stale } = props;
  const theirsOnly = stale.merged ? stale.fields.filter((f) => f.changedByThem && !f.changedByYou).map((f) => f.label) : [];
  // Merged: their own changes are in the form already; the table shows what saving will change,
  // and only the fields both changed are asked about.
  const rows = stale.merged ? stale.fields.filter((f) => f.changedByYou && f.saved !== f.yours) : stale.fields;
  const both = rows.filter((f) => f.changedByThem).map((f) => f.label);
  return (
    <div class="notice notice-warning conflict" role="alert" id="conflict" tabindex={-1}>
      <h2>Someone else saved this {props.what} while you were editing</h2>
      <p>
        Version {stale.version} was saved
        {stale.savedBy ? ` by ${stale.savedBy}` : ''}
        {stale.savedAt ? ` on ${formatWhen(stale.savedAt)}` : ''}
        {stale.comment ? ` (“${stale.comment}”)` : ''}. Nothing of yours was saved.{' '}
        {stale.merged
          ? `${theirsOnly.length ? `Their change to ${listOf(theirsOnly)} is in the form below, beside yours. ` : 'Your changes are in the form below. '}${
              both.length ? `You both changed ${listOf(both)}: the form keeps yours. Choose what it should say, then save.` : 'Nothing you both changed: save to keep both.'
            }`
          : 'Your input is kept in the form below: compare, change what you need, and save again to replace their version with yours.'}
      </p>
      {rows.length === 0 ? (
        stale.merged ? null : <p>Their version and yours are the same.</p>
      ) : (
        <DeskTable
          label="Their version and yours"
          caption={stale.merged ? 'What saving the form changes in their version' : 'Fields where their saved version and yours differ'}
          columns={['Field', `Saved now (version ${stale.version})`, 'Yours']}
          class="conflict-table"
        >
          {rows.map((f) => (
            <tr data-field={f.label}>
              <th scope="row">
                {f.label}
                {f.changedByThem ? <span class="meta"> — changed by them</span> : stale.merged ? <span class="meta"> — only you changed it</span> : null}
              </th>
              {VERSIONS.map((version) => (
                <td class={`conflict-${version}`}>
                  <MultiLine text={f[version]} />
                </td>
              ))}
            </tr>
          ))}
        </DeskTable>
      )}
    </div>
  );
}

export function SearchForm(props: { action: string; q: string; label: string }) {
  return (
    <form method="get" action={props.action} class="search-form" role="search">
      <TextField name="q" type="search" label={props.label} value={props.q} maxlength={200} />
      <button type="submit">Search</button>
      {props.q ? (
        <>
          {' '}
          <a href={props.action}>Show all</a>
        </>
      ) : null}
    </form>
  );
}

/** What a record's page says of a fact it does not have. */
export function None() {
  return <span class="meta">(none)</span>;
}

/** A record page's facts: its own, then its version and, for a record that keeps it (not a question), when it last changed. */
export function RecordFacts(props: { record: { version: number; updatedAt?: string }; facts: FactEntry[] }) {
  const { version, updatedAt } = props.record;
  const changed: FactEntry[] = updatedAt === undefined ? [] : [['Last changed', <When iso={updatedAt} />]];
  return <Facts facts={[...props.facts, ['Version', version], ...changed]} />;
}

export function PublicBadge(props: { isPublic: boolean }) {
  return props.isPublic ? <span class="state state-published">Public</span> : <span class="state state-draft">Not public</span>;
}

/** The end of every record form: a note for the history, the version it was opened at, buttons. */
export function FormFooter(props: {
  comment: string;
  commentError?: string;
  version?: number;
  saveLabel: string;
  cancelHref: string;
  children?: Child;
}) {
  return (
    <>
      <TextField name="comment" label="Note on this change (optional)" hint="Kept in the history: what you changed and why." value={props.comment} error={props.commentError} maxlength={500} />
      {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : null}
      <p class="form-actions">
        <button type="submit" name="intent" value="save">
          {props.saveLabel}
        </button>
        {props.children}{' '}
        <a href={props.cancelHref}>Cancel</a>
      </p>
    </>
  );
}

/**
 * Pressing Enter in a field submits with the form's first submit button. Forms whose first
 * visible button is "Add a role" or "Preview" start with this one, so Enter saves.
 */
export function DefaultSubmit() {
  return (
    <button type="submit" name="intent" value="save" class="visually-hidden" tabindex={-1} aria-hidden="true">
      Save
    </button>
  );
}

/** Attributes that let htmx post the form and swap a 422/409 re-render in place of it. */
export function enhance(action: string) {
  return { 'data-hx-post': action, 'data-hx-target': 'this', 'data-hx-swap': 'outerHTML' } as const;
}

/** What every record's own desk page is given: the record, its place on the public site, whether the user may edit it, its history. */
export type RecordDeskPageProps<Record> = { user: SessionUser; record: Record; isPublic: boolean; mayEdit: boolean; revisions: RevisionRow[] };

/**
 * A record screen: the desk page with its breadcrumb back to the list and the heading, and on a
 * record's own page its revision history at the end.
 */
export function RecordPage(props: {
  user: SessionUser;
  title: string;
  crumbs: Child;
  history?: { revisions: RevisionRow[]; version: number };
  children?: Child;
}) {
  return (
    <DeskPage title={props.title} user={props.user}>
      <p class="breadcrumb">{props.crumbs}</p>
      <h1>{props.title}</h1>
      {props.children}
      {props.history ? <RevisionHistory revisions={props.history.revisions} currentVersion={props.history.version} /> : null}
    </DeskPage>
  );
}

/**
 * A record form's own page, to make a record or edit one: the form on a record page with the
 * route's title ("New party", "Edit Boris Pistorius") and the breadcrumb back to the list.
 */
export function recordFormPage<FormProps extends object>(Form: (props: FormProps) => Child, crumbs: (props: FormProps) => Child) {
  return function FormPage(props: FormProps & { user: SessionUser; title: string }) {
    const { user, title, ...form } = props;
    return (
      <RecordPage title={title} user={user} crumbs={crumbs(props)}>
        <Form {...(form as FormProps)} />
      </RecordPage>
    );
  };
}

/**
 * A list of records: the heading, the button to a new one (or a line saying who makes them),
 * the search box where the list has one, and the table, or a line when it is empty.
 */
export function RecordListPage(props: {
  user: SessionUser;
  title: string;
  top: Child;
  search?: { action: string; q: string; label: string };
  empty: string;
  table: { caption: string; columns: string[] } | null;
  children?: Child;
}) {
  return (
    <DeskPage title={props.title} user={props.user}>
      <h1>{props.title}</h1>
      {props.top}
      {props.search ? <SearchForm {...props.search} /> : null}
      {props.table === null ? (
        <p class="meta">{props.empty}</p>
      ) : (
        <RecordTable label={props.title} {...props.table}>
          {props.children}
        </RecordTable>
      )}
    </DeskPage>
  );
}

/** A kind of record the desk lists: what its list is called, what one record is called, where its screens are. */
export type RecordKind = { plural: string; one: string; path: string };

/** A list of records anyone on the desk may search: its kind, its search box, its table, and each row's own part. */
export type SearchableList<Row> = {
  kind: RecordKind;
  searchLabel: string;
  caption: string;
  columns: string[];
  row: (row: Row) => { attrs: Record<string, string | number>; name: string; cells: Child[]; changed?: string };
};

/**
 * The list of a kind of record every desk member may make and search, and a journalist may edit
 * until it is on the public site (parties, sources): the button to a new one, the search box,
 * and a row for each record, linked to its page and its edit form.
 */
export function SearchableRecordListPage<Row extends { id: number; isPublic: boolean }>(props: {
  user: SessionUser;
  rows: Row[];
  q: string;
  list: SearchableList<Row>;
}) {
  const { user, q, list } = props;
  const { plural, one, path } = list.kind;
  return (
    <RecordListPage
      user={user}
      title={plural}
      top={can(user, 'create:record') ? <ActionButton href={`${path}/new`} label={`New ${one}`} /> : null}
      search={{ action: path, q, label: list.searchLabel }}
      empty={q ? `No ${one} matches your search.` : `No ${plural.toLowerCase()} yet.`}
      table={props.rows.length === 0 ? null : { caption: q ? `${plural} matching “${q}”` : list.caption, columns: list.columns }}
    >
      {props.rows.map((row) => (
        <RecordRow
          {...list.row(row)}
          href={`${path}/${row.id}`}
          isPublic={row.isPublic}
          edit={{ show: can(user, row.isPublic ? 'edit:record:published' : 'edit:record:unpublished'), href: `${path}/${row.id}/edit` }}
        />
      ))}
    </RecordListPage>
  );
}

/** The slug of a party, story or question (`{...field('slug')}`); `hint` says where it shows and what it is made from. */
export function SlugField(props: { name: 'slug'; value?: string; error?: string; hint: string }) {
  return <TextField {...props} label="Slug" maxlength={80} />;
}

/** The table of a record list: one column a heading, then a last one for the Edit links. */
export function RecordTable(props: { label: string; caption: string; columns: string[]; children?: Child }) {
  return (
    <DeskTable label={props.label} caption={props.caption} columns={[...props.columns, <span class="visually-hidden">Actions</span>]}>
      {props.children}
    </DeskTable>
  );
}

/** A list row's Edit link, named after the record for screen readers; nothing when not allowed. */
export function EditLink(props: { show: boolean; href: string; name: string }) {
  return props.show ? (
    <a href={props.href} aria-label={`Edit ${props.name}`}>
      Edit
    </a>
  ) : null;
}

/**
 * A row of a record list: the record's name linking to its page, the list's own cells, whether
 * it is public, when it changed (where the list shows it), and its Edit link.
 */
export function RecordRow(props: {
  attrs: Record<string, string | number>;
  href: string;
  name: string;
  cells: Child[];
  isPublic: boolean;
  changed?: string;
  edit: { show: boolean; href: string };
}) {
  return (
    <tr {...props.attrs}>
      <td>
        <a href={props.href}>{props.name}</a>
      </td>
      {props.cells.map((cell) => (
        <td>{cell}</td>
      ))}
      <td>
        <PublicBadge isPublic={props.isPublic} />
      </td>
      {props.changed !== undefined ? (
        <td>
          <When iso={props.changed} />
        </td>
      ) : null}
      <td>
        <EditLink show={props.edit.show} href={props.edit.href} name={props.name} />
      </td>
    </tr>
  );
}

/** The primary button to a new record or to the edit form, when the user may use it. */
export function ActionButton(props: { href: string; label: string }) {
  return (
    <p>
      <a class="button" href={props.href}>
        {props.label}
      </a>
    </p>
  );
}

/**
 * On the page of a record a journalist may edit until it is public (a party, a source): the
 * button to its edit form, or who may change it now.
 */
export function EditAction(props: { mayEdit: boolean; kind: RecordKind; id: number }) {
  const { one, path } = props.kind;
  if (props.mayEdit) return <ActionButton href={`${path}/${props.id}/edit`} label={`Edit ${one}`} />;
  return <p class="meta">{`Only an editor can change a ${one} that is on the public site.`}</p>;
}

/** A record page's line on the public site: the badge, and the public page or why there is none. */
export function PublicStatus(props: { isPublic: boolean; href: string; notYet: string }) {
  return (
    <p>
      <PublicBadge isPublic={props.isPublic} />{' '}
      {props.isPublic ? <a href={props.href}>See the public page</a> : <span class="meta">{props.notYet}</span>}
    </p>
  );
}

/** What the form props of every record form share. */
export type RecordFormBase = {
  action: string;
  errors: FieldErrors;
  version?: number;
  stale?: StaleInfo;
  cancelHref: string;
  saveLabel: string;
};

/**
 * The frame of every record form: posted by htmx when it can be, the conflict notice and the
 * error summary above the fields, the note, version and buttons below them.
 */
export function RecordForm(
  props: RecordFormBase & { id: string; what: string; values: { comment: string }; defaultSubmit?: boolean; children?: Child },
) {
  return (
    <form method="post" action={props.action} class="stack record-form" id={props.id} {...enhance(props.action)}>
      {props.defaultSubmit ? <DefaultSubmit /> : null}
      {props.stale ? <ConflictNotice stale={props.stale} what={props.what} /> : null}
      <ErrorSummary errors={props.errors} fieldIds={{ form: props.id }} />
      {props.children}
      <FormFooter
        comment={props.values.comment}
        commentError={props.errors.comment}
        version={props.version}
        saveLabel={props.saveLabel}
        cancelHref={props.cancelHref}
      />
    </form>
  );
}
