/**
 * The desk's question screens: a question's page (fields and history, with the way back to its
 * story) and the form, which htmx swaps in place after a refused save.
 */
import type { SessionUser } from '../../../src/auth/sessions.js';
import type { QuestionFormValues } from '../../../src/stories/question-form.js';
import type { QuestionRecord } from '../../../src/stories/questions-service.js';
import type { StoryRow } from '../../../src/stories/service.js';
import type { RevisionRow } from '../../../src/revisions/store.js';
import { fieldsOf, TextArea, TextField } from '../../components/form.js';
import { ActionButton, RecordForm, type RecordFormBase, RecordPage, SlugField } from './shared.js';

export type QuestionFormProps = RecordFormBase & { values: QuestionFormValues };

type StoryRef = Pick<StoryRow, 'id' | 'title'>;

function Crumbs(props: { story: StoryRef }) {
  return (
    <>
      <a href="/desk/stories">Stories</a> › <a href={`/desk/stories/${props.story.id}`}>{props.story.title}</a>
    </>
  );
}

export function QuestionDeskPage(props: {
  user: SessionUser;
  story: StoryRef;
  record: QuestionRecord;
  mayEdit: boolean;
  revisions: RevisionRow[];
}) {
  const { question } = props.record;
  return (
    <RecordPage title={question.shortLabel} user={props.user} crumbs={<Crumbs story={props.story} />} history={{ revisions: props.revisions, version: question.version }}>
      {props.mayEdit ? <ActionButton href={`/desk/stories/${props.story.id}/questions/${question.id}/edit`} label="Edit question" /> : null}
      <dl class="facts">
        <dt>Proposition</dt>
        <dd>{question.proposition}</dd>
        <dt>Slug</dt>
        <dd>
          <code>{question.slug}</code>
        </dd>
        <dt>Position</dt>
        <dd>{question.position}</dd>
        <dt>Version</dt>
        <dd>{question.version}</dd>
      </dl>
    </RecordPage>
  );
}

export function QuestionForm(props: QuestionFormProps) {
  const field = fieldsOf(props);
  return (
    <RecordForm {...props} id="question-form" what="question">
      <TextArea
        {...field('proposition')}
        label="Proposition"
        rows={2}
        required
        hint="A statement a party can assert, deny or qualify: “British personnel are on the ground in Ukraine.”"
      />
      <TextField {...field('short_label')} label="Short label" required maxlength={120} hint="A few words for the narrative matrix: “UK troops on the ground”." />
      <SlugField {...field('slug')} hint="Lowercase letters a–z, digits and dashes; unique within the story. Leave empty to make it from the short label." />
      <TextField {...field('position')} label="Position" required maxlength={4} hint="A whole number: questions are listed from the lowest." />
    </RecordForm>
  );
}

export function QuestionFormPage(props: QuestionFormProps & { user: SessionUser; title: string; story: StoryRef }) {
  const { user, title, story, ...form } = props;
  return (
    <RecordPage title={title} user={user} crumbs={<Crumbs story={story} />}>
      <QuestionForm {...form} />
    </RecordPage>
  );
}
