/**
 * The desk's source screens: the list with its search box, a source's page (fields and
 * history), and the form, which htmx swaps in place after a refused save.
 */
import { can } from '../../../src/auth/permissions.js';
import type { SessionUser } from '../../../src/auth/sessions.js';
import { formatDay } from '../../../src/lib/dates.js';
import { SOURCE_KIND_LABELS } from '../../../src/lib/labels.js';
import type { StaleInfo } from '../../../src/revisions/conflict.js';
import type { FieldErrors } from '../../../src/lib/fields.js';
import type { SourceFormValues } from '../../../src/sources/form.js';
import type { SourceListRow, SourceRecord } from '../../../src/sources/service.js';
import type { RevisionRow } from '../../../src/revisions/store.js';
import { ErrorSummary, SelectField, TextArea, TextField } from '../../components/form.js';
import { DeskPage } from '../../layouts/desk.js';
import { ConflictNotice, enhance, FormFooter, PublicBadge, RevisionHistory, SearchForm, When } from './shared.js';

const KIND_OPTIONS = Object.entries(SOURCE_KIND_LABELS) as [string, string][];

export function SourceListPage(props: { user: SessionUser; rows: SourceListRow[]; q: string }) {
  const { user } = props;
  return (
    <DeskPage title="Sources" user={user}>
      <h1>Sources</h1>
      {can(user, 'create:record') ? (
        <p>
          <a class="button" href="/desk/sources/new">
            New source
          </a>
        </p>
      ) : null}
      <SearchForm action="/desk/sources" q={props.q} label="Search by title, publisher, author or web address" />
      {props.rows.length === 0 ? (
        <p class="meta">{props.q ? 'No source matches your search.' : 'No sources yet.'}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Sources" tabindex={0}>
          <table class="desk-table">
            <caption>{props.q ? `Sources matching “${props.q}”` : 'All sources, newest first'}</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Publisher</th>
                <th scope="col">Kind</th>
                <th scope="col">Published</th>
                <th scope="col">Public site</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr data-source={row.id}>
                  <td>
                    <a href={`/desk/sources/${row.id}`}>{row.title}</a>
                  </td>
                  <td>{row.publisher}</td>
                  <td>{SOURCE_KIND_LABELS[row.kind]}</td>
                  <td>{row.publishedOn ? formatDay(row.publishedOn) : ''}</td>
                  <td>
                    <PublicBadge isPublic={row.isPublic} />
                  </td>
                  <td>
                    {can(user, row.isPublic ? 'edit:record:published' : 'edit:record:unpublished') ? (
                      <a href={`/desk/sources/${row.id}/edit`} aria-label={`Edit ${row.title}`}>
                        Edit
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </DeskPage>
  );
}

export function SourceDeskPage(props: {
  user: SessionUser;
  record: SourceRecord;
  isPublic: boolean;
  mayEdit: boolean;
  revisions: RevisionRow[];
}) {
  const { source } = props.record;
  const none = <span class="meta">(none)</span>;
  return (
    <DeskPage title={source.title} user={props.user}>
      <p class="breadcrumb">
        <a href="/desk/sources">Sources</a>
      </p>
      <h1>{source.title}</h1>
      <p>
        <PublicBadge isPublic={props.isPublic} />{' '}
        {props.isPublic ? <a href={`/sources/${source.id}`}>See the public page</a> : <span class="meta">No published claim cites this source yet.</span>}
      </p>
      {props.mayEdit ? (
        <p>
          <a class="button" href={`/desk/sources/${source.id}/edit`}>
            Edit source
          </a>
        </p>
      ) : (
        <p class="meta">Only an editor can change a source that is on the public site.</p>
      )}
      <ul class="actions">
        <li>
          <a href={`/desk/sources/${source.id}/archive`}>Archived text and captures</a>
        </li>
        <li>
          <a href={`/desk/sources/${source.id}/suggest`}>Suggest claims from it</a>
        </li>
      </ul>
      <dl class="facts">
        <dt>Publisher</dt>
        <dd>{source.publisher}</dd>
        <dt>Author</dt>
        <dd>{source.author ?? none}</dd>
        <dt>Web address</dt>
        <dd>{source.url ? <a href={source.url} rel="noopener noreferrer">{source.url}</a> : none}</dd>
        <dt>Published</dt>
        <dd>{source.publishedOn ? formatDay(source.publishedOn) : none}</dd>
        <dt>Accessed</dt>
        <dd>{source.accessedOn ? formatDay(source.accessedOn) : none}</dd>
        <dt>Kind</dt>
        <dd>{SOURCE_KIND_LABELS[source.kind]}</dd>
        <dt>Description</dt>
        <dd class="pre-line">{source.description || none}</dd>
        <dt>Version</dt>
        <dd>{source.version}</dd>
        <dt>Last changed</dt>
        <dd>
          <When iso={source.updatedAt} />
        </dd>
      </dl>
      <RevisionHistory revisions={props.revisions} currentVersion={source.version} />
    </DeskPage>
  );
}

export type SourceFormProps = {
  action: string;
  values: SourceFormValues;
  errors: FieldErrors;
  version?: number;
  stale?: StaleInfo;
  cancelHref: string;
  saveLabel: string;
};

export function SourceForm(props: SourceFormProps) {
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} class="stack record-form" id="source-form" {...enhance(props.action)}>
      {props.stale ? <ConflictNotice stale={props.stale} what="source" /> : null}
      <ErrorSummary errors={errors} fieldIds={{ form: 'source-form' }} />
      <TextField name="title" label="Title" value={values.title} error={errors.title} required maxlength={500} />
      <TextField
        name="publisher"
        label="Publisher"
        value={values.publisher}
        error={errors.publisher}
        required
        maxlength={200}
        hint="The outlet, office or platform that published it."
      />
      <TextField name="author" label="Author (optional)" value={values.author} error={errors.author} maxlength={200} />
      <TextField
        name="url"
        type="url"
        label="Web address (optional)"
        value={values.url}
        error={errors.url}
        hint="Starting with https:// or http://."
      />
      <TextField name="published_on" type="date" label="Published on (optional)" value={values.publishedOn} error={errors.published_on} />
      <TextField name="accessed_on" type="date" label="Accessed on (optional)" value={values.accessedOn} error={errors.accessed_on} />
      <SelectField name="kind" label="Kind" value={values.kind} options={KIND_OPTIONS} error={errors.kind} />
      <TextArea name="description" label="Description" value={values.description} error={errors.description} rows={3} />
      <TextField
        name="language"
        label="Language"
        value={values.language ?? 'en'}
        error={errors.language}
        hint="A language tag (BCP 47): en, de, ru, en-GB."
        maxlength={35}
      />
      <FormFooter comment={values.comment} commentError={errors.comment} version={props.version} saveLabel={props.saveLabel} cancelHref={props.cancelHref} />
    </form>
  );
}

export function SourceFormPage(props: SourceFormProps & { user: SessionUser; title: string }) {
  const { user, title, ...form } = props;
  return (
    <DeskPage title={title} user={user}>
      <p class="breadcrumb">
        <a href="/desk/sources">Sources</a>
      </p>
      <h1>{title}</h1>
      <SourceForm {...form} />
    </DeskPage>
  );
}
