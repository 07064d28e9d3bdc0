/**
 * The desk's party screens: the list with its search box, a party's page (fields, roles,
 * aliases, history), and the form with its repeated role rows. The form is also a fragment
 * htmx swaps in place after a refused save; a role row is a fragment htmx appends on "Add a role".
 */
import type { SessionUser } from '../../../src/auth/sessions.js';
import { formatDay } from '../../../src/lib/dates.js';
import { PARTY_KIND_LABELS } from '../../../src/lib/labels.js';
import type { FieldErrors } from '../../../src/lib/fields.js';
import type { PartyListRow, PartyRecord } from '../../../src/parties/service.js';
import { roleField, type PartyFormValues, type RoleRow } from '../../../src/parties/form.js';
import { DateField, fieldsOf, rowFieldsOf, SelectField, TextArea, TextField } from '../../components/form.js';
import { EditAction, None, PublicStatus, type RecordDeskPageProps, RecordFacts, RecordForm, type RecordFormBase, recordFormPage, RecordPage, type SearchableList, SearchableRecordListPage, SlugField } from './shared.js';

const KIND_OPTIONS = Object.entries(PARTY_KIND_LABELS) as [string, string][];
const STATUS_OPTIONS: [string, string][] = [
  ['current', 'Current'],
  ['former', 'Former'],
];

const PARTY_LIST: SearchableList<PartyListRow> = {
  kind: { plural: 'Parties', one: 'party', path: '/desk/parties' },
  searchLabel: 'Search by name, slug or alias',
  caption: 'All parties, alphabetically',
  columns: ['Name', 'Kind', 'Slug', 'Public site', 'Changed'],
  row: (row) => ({ attrs: { 'data-party': row.slug }, name: row.name, cells: [PARTY_KIND_LABELS[row.kind], <code>{row.slug}</code>], changed: row.updatedAt }),
};

export function PartyListPage(props: { user: SessionUser; rows: PartyListRow[]; q: string }) {
  return <SearchableRecordListPage {...props} list={PARTY_LIST} />;
}

function roleDates(from: string | null, until: string | null): string {
  if (!from && !until) return '';
  return ` — ${from ? `from ${formatDay(from)}` : ''}${from && until ? ' ' : ''}${until ? `until ${formatDay(until)}` : ''}`;
}

/** The party's roles or aliases, or "(none)". */
function ListOrNone(props: { class: string; items: string[] }) {
  if (props.items.length === 0) return <None />;
  return (
    <ul class={props.class}>
      {props.items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

export function PartyDeskPage(props: RecordDeskPageProps<PartyRecord>) {
  const { party, roles, aliases } = props.record;
  return (
    <RecordPage title={party.name} user={props.user} crumbs={<a href="/desk/parties">Parties</a>} history={{ revisions: props.revisions, version: party.version }}>
      <PublicStatus isPublic={props.isPublic} href={`/parties/${party.slug}`} notYet="No published claim uses this party yet." />
      <EditAction mayEdit={props.mayEdit} kind={PARTY_LIST.kind} id={party.id} />
      <RecordFacts
        record={party}
        facts={[
          ['Slug', <code>{party.slug}</code>],
          ['Kind', PARTY_KIND_LABELS[party.kind]],
          ['Description', party.description || <None />, 'pre-line'],
          ['Roles', <ListOrNone class="role-list" items={roles.map((r) => `${r.title} (${r.status})${roleDates(r.heldFrom, r.heldUntil)}`)} />],
          ['Aliases', <ListOrNone class="inline-list" items={aliases} />],
        ]}
      />
    </RecordPage>
  );
}

type RoleFieldName = Parameters<typeof roleField>[0];

/** One role's fields. `rowKey` makes the ids unique: the row's index, or a random key for an appended row. */
export function RoleRowFields(props: { row: RoleRow; rowKey: string; legend: string; errors?: FieldErrors; index?: number }) {
  const { index } = props;
  const field = rowFieldsOf('role', props.row, props.rowKey, (name) => (index === undefined ? undefined : props.errors?.[roleField(name as RoleFieldName, index)]));
  return (
    <fieldset class="role-row">
      <legend>{props.legend}</legend>
      <div class="inline-fields">
        <TextField {...field('title')} label="Title" maxlength={200} />
        <SelectField {...field('status')} label="Held now?" options={STATUS_OPTIONS} />
        <DateField {...field('from')} label="Held from (optional)" />
        <DateField {...field('until')} label="Held until (optional)" />
      </div>
    </fieldset>
  );
}

export type PartyFormProps = RecordFormBase & {
  values: PartyFormValues;
  /** Blank role rows after the filled ones (1, or more after "Add a role" without JavaScript). */
  blankRows: number;
};

export function PartyForm(props: PartyFormProps) {
  const { values, errors } = props;
  const field = fieldsOf(props);
  const rows = [...values.roles, ...Array.from({ length: Math.max(1, props.blankRows) }, () => ({ title: '', status: 'current', from: '', until: '' }))];
  return (
    <RecordForm {...props} id="party-form" what="party" defaultSubmit>
      <TextField {...field('name')} label="Name" required maxlength={200} />
      <SlugField {...field('slug')} hint="The party’s address on the public site: lowercase letters a–z, digits and dashes. Leave empty to make it from the name." />
      <SelectField {...field('kind')} label="Kind" options={KIND_OPTIONS} />
      <TextArea {...field('description')} label="Description" rows={3} />
      <fieldset class="roles">
        <legend>Roles</legend>
        <p class="field-hint">
          Give dates only where the record states them (YYYY-MM-DD). A row left empty is skipped; to remove a role, clear
          its title and dates.
        </p>
        <div id="role-rows">
          {rows.map((row, i) => (
            <RoleRowFields row={row} rowKey={String(i)} index={i} legend={`Role ${i + 1}`} errors={errors} />
          ))}
        </div>
        <p>
          <button
            type="submit"
            name="intent"
            value="add-role"
            class="secondary"
            formnovalidate
            data-hx-get="/desk/parties/role-row"
            data-hx-target="#role-rows"
            data-hx-swap="beforeend"
          >
            Add a role
          </button>
        </p>
      </fieldset>
      <TextArea {...field('aliases')} label="Aliases" rows={3} hint="Other names used for the party in copy, one per line (“Mr Pistorius”)." />
    </RecordForm>
  );
}

export const PartyFormPage = recordFormPage(PartyForm, () => <a href="/desk/parties">Parties</a>);
