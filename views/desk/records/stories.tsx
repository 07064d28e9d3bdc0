/**
 * The desk's story screens: the list, a story's page (fields, the summary as readers see it,
 * its questions in order, history), and the form with a live preview of the Markdown summary
 * (htmx posts the summary as you type; without JavaScript the Preview button re-renders the form).
 * The only raw HTML here is renderMarkdown's sanitised output.
 */
import { Markdown } from '../../components/markdown.js';
import type { SessionUser } from '../../../src/auth/sessions.js';
import { formatDay } from '../../../src/lib/dates.js';
import type { QuestionRow } from '../../../src/stories/questions-service.js';
import type { StoryListRow, StoryRecord } from '../../../src/stories/service.js';
import type { StoryFormValues } from '../../../src/stories/form.js';
import { DateField, fieldsOf, TextArea, TextField } from '../../components/form.js';
import { ActionButton, PublicStatus, type RecordDeskPageProps, RecordFacts, RecordForm, type RecordFormBase, recordFormPage, RecordListPage, RecordPage, RecordRow, SlugField } from './shared.js';

export type StoryFormProps = RecordFormBase & { values: StoryFormValues };

const PREVIEW_PATH = '/desk/stories/preview';

function span(startsOn: string, endsOn: string | null): string {
  return endsOn ? `${formatDay(startsOn)} – ${formatDay(endsOn)}` : `from ${formatDay(startsOn)}`;
}

export function StoryListPage(props: { user: SessionUser; rows: StoryListRow[]; mayEdit: boolean }) {
  return (
    <RecordListPage
      user={props.user}
      title="Stories"
      top={props.mayEdit ? <ActionButton href="/desk/stories/new" label="New story" /> : <p class="meta">Stories and their questions are set up by editors.</p>}
      empty="No stories yet."
      table={props.rows.length === 0 ? null : { caption: 'All stories, the most recent first', columns: ['Title', 'When', 'Slug', 'Public site'] }}
    >
      {props.rows.map((row) => (
        <RecordRow
          attrs={{ 'data-story': row.slug }}
          href={`/desk/stories/${row.id}`}
          name={row.title}
          cells={[span(row.startsOn, row.endsOn), <code>{row.slug}</code>]}
          isPublic={row.isPublic}
          edit={{ show: props.mayEdit, href: `/desk/stories/${row.id}/edit` }}
        />
      ))}
    </RecordListPage>
  );
}

/** The summary as readers will see it (sanitised by <Markdown>). */
export function MarkdownPreview(props: { markdown: string }) {
  if (props.markdown.trim() === '') return <p class="meta">Nothing to preview yet.</p>;
  return <Markdown markdown={props.markdown} />;
}

export function StoryDeskPage(props: RecordDeskPageProps<StoryRecord> & { questions: QuestionRow[] }) {
  const { story } = props.record;
  return (
    <RecordPage title={story.title} user={props.user} crumbs={<a href="/desk/stories">Stories</a>} history={{ revisions: props.revisions, version: story.version }}>
      <PublicStatus isPublic={props.isPublic} href={`/stories/${story.slug}`} notYet="The story has no published claim yet." />
      {props.mayEdit ? <ActionButton href={`/desk/stories/${story.id}/edit`} label="Edit story" /> : null}
      <RecordFacts
        record={story}
        facts={[
          ['Slug', <code>{story.slug}</code>],
          ['When', span(story.startsOn, story.endsOn)],
        ]}
      />
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <div class="prose">
          <MarkdownPreview markdown={story.summaryMd} />
        </div>
      </section>
      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions</h2>
        {props.mayEdit ? <ActionButton href={`/desk/stories/${story.id}/questions/new`} label="Add a question" /> : null}
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
    </RecordPage>
  );
}

export function StoryForm(props: StoryFormProps) {
  const field = fieldsOf(props);
  const preview = { 'data-hx-post': PREVIEW_PATH, 'data-hx-target': '#summary-preview', 'data-hx-swap': 'innerHTML' };
  return (
    <RecordForm {...props} id="story-form" what="story" defaultSubmit>
      <TextField {...field('title')} label="Title" required maxlength={300} />
      <SlugField {...field('slug')} hint="The story’s address on the public site: lowercase letters a–z, digits and dashes. Leave empty to make it from the title." />
      <TextArea
        {...field('summary_md')}
        label="Summary"
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
          <MarkdownPreview markdown={props.values.summaryMd} />
        </div>
      </section>
      <DateField {...field('starts_on')} label="Starts on" required />
      <DateField {...field('ends_on')} label="Ends on (optional)" />
    </RecordForm>
  );
}

export const StoryFormPage = recordFormPage(StoryForm, () => <a href="/desk/stories">Stories</a>);
