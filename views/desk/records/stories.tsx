/**
 * The desk's story screens: the list, a story's page (fields, the summary as readers see it,
 * its questions in order, history), and the form with a live preview of the Markdown summary
 * (htmx posts the summary as you type; without JavaScript the Preview button re-renders the form).
 * The only raw HTML here is renderMarkdown's sanitised output.
 */
import { Markdown } from '../../components/markdown.js';
import type { SessionUser } from '../../../src/auth/sessions.js';
import { formatDay } from '../../../src/lib/dates.js';
import type { StaleInfo } from '../../../src/revisions/conflict.js';
import type { FieldErrors } from '../../../src/lib/fields.js';
import type { QuestionRow } from '../../../src/stories/questions-service.js';
import type { StoryListRow, StoryRecord } from '../../../src/stories/service.js';
import type { StoryFormValues } from '../../../src/stories/form.js';
import type { RevisionRow } from '../../../src/revisions/store.js';
import { ErrorSummary, TextArea, TextField } from '../../components/form.js';
import { DeskPage } from '../../layouts/desk.js';
import { ConflictNotice, DefaultSubmit, enhance, FormFooter, PublicBadge, RevisionHistory, When } from './shared.js';

export const PREVIEW_PATH = '/desk/stories/preview';

function span(startsOn: string, endsOn: string | null): string {
  return endsOn ? `${formatDay(startsOn)} – ${formatDay(endsOn)}` : `from ${formatDay(startsOn)}`;
}

export function StoryListPage(props: { user: SessionUser; rows: StoryListRow[]; mayEdit: boolean }) {
  return (
    <DeskPage title="Stories" user={props.user}>
      <h1>Stories</h1>
      {props.mayEdit ? (
        <p>
          <a class="button" href="/desk/stories/new">
            New story
          </a>
        </p>
      ) : (
        <p class="meta">Stories and their questions are set up by editors.</p>
      )}
      {props.rows.length === 0 ? (
        <p class="meta">No stories yet.</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Stories" tabindex={0}>
          <table class="desk-table">
            <caption>All stories, the most recent first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">When</th>
                <th scope="col">Slug</th>
                <th scope="col">Public site</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr data-story={row.slug}>
                  <td>
                    <a href={`/desk/stories/${row.id}`}>{row.title}</a>
                  </td>
                  <td>{span(row.startsOn, row.endsOn)}</td>
                  <td>
                    <code>{row.slug}</code>
                  </td>
                  <td>
                    <PublicBadge isPublic={row.isPublic} />
                  </td>
                  <td>
                    {props.mayEdit ? (
                      <a href={`/desk/stories/${row.id}/edit`} aria-label={`Edit ${row.title}`}>
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

/** The summary as readers will see it (sanitised by <Markdown>). */
export function MarkdownPreview(props: { markdown: string }) {
  if (props.markdown.trim() === '') return <p class="meta">Nothing to preview yet.</p>;
  return <Markdown markdown={props.markdown} />;
}

export function StoryDeskPage(props: {
  user: SessionUser;
  record: StoryRecord;
  questions: QuestionRow[];
  isPublic: boolean;
  mayEdit: boolean;
  revisions: RevisionRow[];
}) {
  const { story } = props.record;
  return (
    <DeskPage title={story.title} user={props.user}>
      <p class="breadcrumb">
        <a href="/desk/stories">Stories</a>
      </p>
      <h1>{story.title}</h1>
      <p>
        <PublicBadge isPublic={props.isPublic} />{' '}
        {props.isPublic ? <a href={`/stories/${story.slug}`}>See the public page</a> : <span class="meta">The story has no published claim yet.</span>}
      </p>
      {props.mayEdit ? (
        <p>
          <a class="button" href={`/desk/stories/${story.id}/edit`}>
            Edit story
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>Slug</dt>
        <dd>
          <code>{story.slug}</code>
        </dd>
        <dt>When</dt>
        <dd>{span(story.startsOn, story.endsOn)}</dd>
        <dt>Version</dt>
        <dd>{story.version}</dd>
        <dt>Last changed</dt>
        <dd>
          <When iso={story.updatedAt} />
        </dd>
      </dl>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <div class="prose">
          <MarkdownPreview markdown={story.summaryMd} />
        </div>
      </section>
      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions</h2>
        {props.mayEdit ? (
          <p>
            <a class="button" href={`/desk/stories/${story.id}/questions/new`}>
              Add a question
            </a>
          </p>
        ) : null}
        {props.questions.length === 0 ? (
          <p class="meta">No questions yet.</p>
        ) : (
          <ol class="question-list">
            {props.questions.map((q) => (
              <li data-question={q.slug}>
                <a href={`/desk/stories/${story.id}/questions/${q.id}`}>{q.shortLabel}</a>: {q.proposition}{' '}
                <span class="meta">
                  (<code>{q.slug}</code>, position {q.position})
                </span>
                {props.mayEdit ? (
                  <>
                    {' '}
                    <a href={`/desk/stories/${story.id}/questions/${q.id}/edit`} aria-label={`Edit question “${q.shortLabel}”`}>
                      Edit
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <RevisionHistory revisions={props.revisions} currentVersion={story.version} />
    </DeskPage>
  );
}

export type StoryFormProps = {
  action: string;
  values: StoryFormValues;
  errors: FieldErrors;
  version?: number;
  stale?: StaleInfo;
  cancelHref: string;
  saveLabel: string;
};

export function StoryForm(props: StoryFormProps) {
  const { values, errors } = props;
  const preview = { 'data-hx-post': PREVIEW_PATH, 'data-hx-target': '#summary-preview', 'data-hx-swap': 'innerHTML' };
  return (
    <form method="post" action={props.action} class="stack record-form" id="story-form" {...enhance(props.action)}>
      <DefaultSubmit />
      {props.stale ? <ConflictNotice stale={props.stale} what="story" /> : null}
      <ErrorSummary errors={errors} fieldIds={{ form: 'story-form' }} />
      <TextField name="title" label="Title" value={values.title} error={errors.title} required maxlength={300} />
      <TextField
        name="slug"
        label="Slug"
        value={values.slug}
        error={errors.slug}
        maxlength={80}
        hint="The story’s address on the public site: lowercase letters a–z, digits and dashes. Leave empty to make it from the title."
      />
      <TextArea
        name="summary_md"
        label="Summary"
        value={values.summaryMd}
        error={errors.summary_md}
        rows={8}
        hint="Markdown: *emphasis*, **bold**, [links](https://…), lists and quotes."
        extra={{ ...preview, 'data-hx-trigger': 'keyup changed delay:500ms', 'data-hx-sync': 'closest form:abort' }}
      />
      <p>
        <button type="submit" name="intent" value="preview" class="secondary" formnovalidate {...preview}>
          Preview
        </button>
      </p>
      <section class="preview" aria-labelledby="summary-preview-heading">
        <h2 id="summary-preview-heading">Preview</h2>
        <div id="summary-preview" class="prose" aria-live="polite">
          <MarkdownPreview markdown={values.summaryMd} />
        </div>
      </section>
      <TextField name="starts_on" type="date" label="Starts on" value={values.startsOn} error={errors.starts_on} required />
      <TextField name="ends_on" type="date" label="Ends on (optional)" value={values.endsOn} error={errors.ends_on} />
      <FormFooter comment={values.comment} commentError={errors.comment} version={props.version} saveLabel={props.saveLabel} cancelHref={props.cancelHref} />
    </form>
  );
}

export function StoryFormPage(props: StoryFormProps & { user: SessionUser; title: string }) {
  const { user, title, ...form } = props;
  return (
    <DeskPage title={title} user={user}>
      <p class="breadcrumb">
        <a href="/desk/stories">Stories</a>
      </p>
      <h1>{title}</h1>
      <StoryForm {...form} />
    </DeskPage>
  );
}
