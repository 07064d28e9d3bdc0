/**
 * The desk's question screens: a question's page (fields and history, with the way back to its
 * story) and the form, which htmx swaps in place after a refused save.
 */
import type { QuestionFormValues } from '../../../src/stories/question-form.js';
import type { QuestionRecord } from '../../../src/stories/questions-service.js';
import type { StoryRow } from '../../../src/stories/service.js';
import { fieldsOf, TextArea, TextField } from '../../components/form.js';
import { ActionButton, type RecordDeskPageProps, RecordFacts, RecordForm, type RecordFormBase, recordFormPage, RecordPage, SlugField } from './shared.js';

export type QuestionFormProps = RecordFormBase & { values: QuestionFormValues };

type StoryRef = Pick<StoryRow, 'id' | 'title'>;

function Crumbs(props: { story: StoryRef }) {
  return (
    <>
      <a href="/desk/stories">Stories</a> › <a href={`/desk/stories/${props.story.id}`}>{props.story.title}</a>
    </>
  );
}

/** A question is public with its story: its page has no line of its own on the public site. */
export function QuestionDeskPage(props: Omit<RecordDeskPageProps<QuestionRecord>, 'isPublic'> & { story: StoryRef }) {
  const { question } = props.record;
  return (
    <RecordPage title={question.shortLabel} user={props.user} crumbs={<Crumbs story={props.story} />} history={{ revisions: props.revisions, version: question.version }}>
      {props.mayEdit ? <ActionButton href={`/desk/stories/${props.story.id}/questions/${question.id}/edit`} label="Edit question" /> : null}
      <RecordFacts
        record={question}
        facts={[
          ['Proposition', question.proposition],
          ['Slug', <code>{question.slug}</code>],
          ['Position', question.position],
        ]}
      />
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

/** The form's page names the question's story in its breadcrumb. */
export const QuestionFormPage = recordFormPage<QuestionFormProps & { story: StoryRef }>(QuestionForm, (props) => <Crumbs story={props.story} />);
