/**
 * The desk's source screens: the list with its search box, a source's page (fields and
 * history), and the form, which htmx swaps in place after a refused save.
 */
import type { SessionUser } from '../../../src/auth/sessions.js';
import { formatDay } from '../../../src/lib/dates.js';
import { SOURCE_KIND_LABELS } from '../../../src/lib/labels.js';
import type { SourceFormValues } from '../../../src/sources/form.js';
import type { SourceListRow, SourceRecord } from '../../../src/sources/service.js';
import { DateField, fieldsOf, SelectField, TextArea, TextField } from '../../components/form.js';
import { EditAction, None, PublicStatus, type RecordDeskPageProps, RecordFacts, RecordForm, type RecordFormBase, recordFormPage, RecordPage, type SearchableList, SearchableRecordListPage } from './shared.js';

export type SourceFormProps = RecordFormBase & { values: SourceFormValues };

const KIND_OPTIONS = Object.entries(SOURCE_KIND_LABELS) as [string, string][];

const SOURCE_LIST: SearchableList<SourceListRow> = {
  kind: { plural: 'Sources', one: 'source', path: '/desk/sources' },
  searchLabel: 'Search by title, publisher, author or web address',
  caption: 'All sources, newest first',
  columns: ['Title', 'Publisher', 'Kind', 'Published', 'Public site'],
  row: (row) => ({ attrs: { 'data-source': row.id }, name: row.title, cells: [row.publisher, SOURCE_KIND_LABELS[row.kind], row.publishedOn ? formatDay(row.publishedOn) : ''] }),
};

export function SourceListPage(props: { user: SessionUser; rows: SourceListRow[]; q: string }) {
  return <SearchableRecordListPage {...props} list={SOURCE_LIST} />;
}

export function SourceDeskPage(props: RecordDeskPageProps<SourceRecord>) {
  const { source } = props.record;
  return (
    <RecordPage title={source.title} user={props.user} crumbs={<a href="/desk/sources">Sources</a>} history={{ revisions: props.revisions, version: source.version }}>
      <PublicStatus isPublic={props.isPublic} href={`/sources/${source.id}`} notYet="No published claim cites this source yet." />
      <EditAction mayEdit={props.mayEdit} kind={SOURCE_LIST.kind} id={source.id} />
      <ul class="actions">
        <li>
          <a href={`/desk/sources/${source.id}/archive`}>Archived text and captures</a>
        </li>
        <li>
          <a href={`/desk/sources/${source.id}/suggest`}>Suggest claims from it</a>
        </li>
      </ul>
      <RecordFacts
        record={source}
        facts={[
          ['Publisher', source.publisher],
          ['Author', source.author ?? <None />],
          ['Web address', source.url ? <a href={source.url} rel="noopener noreferrer">{source.url}</a> : <None />],
          ['Published', source.publishedOn ? formatDay(source.publishedOn) : <None />],
          ['Accessed', source.accessedOn ? formatDay(source.accessedOn) : <None />],
          ['Kind', SOURCE_KIND_LABELS[source.kind]],
          ['Description', source.description || <None />, 'pre-line'],
        ]}
      />
    </RecordPage>
  );
}

export function SourceForm(props: SourceFormProps) {
  const field = fieldsOf(props);
  return (
    <RecordForm {...props} id="source-form" what="source">
      <TextField {...field('title')} label="Title" required maxlength={500} />
      <TextField {...field('publisher')} label="Publisher" required maxlength={200} hint="The outlet, office or platform that published it." />
      <TextField {...field('author')} label="Author (optional)" maxlength={200} />
      <TextField {...field('url')} type="url" label="Web address (optional)" hint="Starting with https:// or http://." />
      <DateField {...field('published_on')} label="Published on (optional)" />
      <DateField {...field('accessed_on')} label="Accessed on (optional)" />
      <SelectField {...field('kind')} label="Kind" options={KIND_OPTIONS} />
      <TextArea {...field('description')} label="Description" rows={3} />
      <TextField {...field('language')} value={props.values.language ?? 'en'} label="Language" hint="A language tag (BCP 47): en, de, ru, en-GB." maxlength={35} />
    </RecordForm>
  );
}

export const SourceFormPage = recordFormPage(SourceForm, () => <a href="/desk/sources">Sources</a>);
