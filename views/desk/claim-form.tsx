/**
 * The claim edit form, used to create and to edit. It works as a plain POST; with htmx it posts
 * in place, so a refused save (422, 409) re-renders the form with the input kept, without a page
 * load, and new stance or citation rows are fetched and appended.
 */
import { Markdown } from '../components/markdown.js';
import type { ClaimFormOptions } from '../../src/claims/describe.js';
import { NEW, isBlankCitation, isBlankStance, type ClaimFormValues, type CitationRow, type FormErrors, type StanceRow } from '../../src/claims/form.js';
import * as t from '../../db/schema/index.js';
import {
  CITATION_ROLE_LABELS,
  FORM_LABELS,
  PARTY_KIND_LABELS,
  RATING_LABELS,
  SOURCE_KIND_LABELS,
  STANCE_LABELS,
  TYPE_LABELS,
} from '../../src/lib/labels.js';
import type { FieldDiff } from '../../src/revisions/diff.js';
import { DateField, ErrorSummary, fieldsOf, rowFieldsOf, SelectField, TextArea, TextField } from '../components/form.js';
import { FieldDiffTable } from './diff.js';

type Options = ClaimFormOptions;

const FORM_OPTIONS = t.CLAIM_FORMS.map((v) => [v, FORM_LABELS[v]] as const);
const TYPE_OPTIONS = t.CLAIM_TYPES.map((v) => [v, TYPE_LABELS[v]] as const);
const PRECISION_OPTIONS = [
  ['day', 'Exact day'],
  ['approximate', 'Approximate (worked out from the wording)'],
  ['reported_by', 'Reported by (only the report’s date is known)'],
] as const;
const RATING_OPTIONS = t.RATINGS.map((v) => [v, RATING_LABELS[v]] as const);
const POSITION_OPTIONS = t.STANCE_POSITIONS.map((v) => [v, STANCE_LABELS[v].text] as const);
const ROLE_OPTIONS = t.CITATION_ROLES.map((v) => [v, CITATION_ROLE_LABELS[v]] as const);
const PARTY_KIND_OPTIONS = t.PARTY_KINDS.map((v) => [v, PARTY_KIND_LABELS[v]] as const);
const SOURCE_KIND_OPTIONS = t.SOURCE_KINDS.map((v) => [v, SOURCE_KIND_LABELS[v]] as const);

export type ClaimFormProps = {
  action: string;
  values: ClaimFormValues;
  options: Options;
  errors?: FormErrors;
  version?: number;
  /** The claim is published: a save proposes an edit for an editor to approve. */
  published?: boolean;
  conflict?: {
    version: number;
    by: string | null;
    at: string;
    comment: string;
    diff: FieldDiff[];
    /** Whether the form was merged (the version it was opened at is on record). */
    merged?: boolean;
    /** Fields only they changed, now in the form; fields both changed, where the form keeps yours. */
    theirFields?: string[];
    bothChanged?: string[];
  };
  /** Sanitised HTML of the rating explanation, when the preview button was pressed without JavaScript. */
  /** Set when the person asked for a preview without JavaScript. */
  previewMarkdown?: string;
};

/** Field names with their element ids, so the error summary links to the right row. */
function errorTargets(errors: FormErrors): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((key) => [key, `field-${key.replace('.', '-')}`]));
}

export function ClaimForm(props: ClaimFormProps) {
  const { values, options } = props;
  const errors = props.errors ?? {};
  const field = fieldsOf(props);
  // Always one blank row at the end, so a row can be added without JavaScript — but only one:
  // a re-rendered form (422, 409, "Add a stance") already ends with the blank rows it was sent.
  const stanceRows = withBlankRow(values.stances, isBlankStance, { question: '', position: 'asserts', note: '' });
  const citationRows = withBlankRow(values.citations, isBlankCitation, { source: '', role: 'reports', passage: '' });
  return (
    <form
      method="post"
      action={props.action}
      class="claim-form stack"
      id="claim-form"
      data-hx-post={props.action}
      data-hx-target="this"
      data-hx-swap="outerHTML"
      novalidate
    >
      {/* Enter in a text field presses the form's first submit button: make that one "save". */}
      <button type="submit" name="intent" value="save" class="visually-hidden" tabindex={-1}>
        Save
      </button>
      {props.conflict ? <ConflictNotice conflict={props.conflict} /> : null}
      <ErrorSummary errors={errors} fieldIds={errorTargets(errors)} />
      {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : null}
      {props.published ? (
        <p class="notice">
          This claim is published. Your save becomes a proposed edit: readers keep seeing the published version until an
          editor approves it.
        </p>
      ) : null}

      <fieldset>
        <legend>Who said it, in which story</legend>
        <SelectField {...field('story')} label="Story" options={options.stories.map((s) => [String(s.id), s.title] as const)} placeholder="Choose a story…" required />
        <SelectField
          {...field('party')}
          label="Speaker"
          options={[...options.parties.map((p) => [String(p.id), p.name] as const), [NEW, 'New party…'] as const]}
          placeholder="Choose who made the claim…"
          hint="Choose “New party…” to add someone new: their name and kind are asked for then."
          required
        />
        <div class="inline-fields new-party-fields">
          <TextField {...field('new_party_name')} label="New party’s name" maxlength={200} />
          <SelectField {...field('new_party_kind')} label="New party’s kind" options={PARTY_KIND_OPTIONS} />
        </div>
      </fieldset>

      <fieldset>
        <legend>What was said</legend>
        <TextArea
          {...field('statement')}
          label="Statement"
          rows={4}
          required
          hint="A verbatim quote exactly as the source has it, without the quotation marks. For a partial quote, put the quoted words in “curly quotes”."
        />
        <div class="inline-fields">
          <SelectField {...field('form')} label="Form" options={FORM_OPTIONS} required />
          <SelectField {...field('type')} label="Type" options={TYPE_OPTIONS} required />
        </div>
      </fieldset>

      <fieldset>
        <legend>When and where</legend>
        <div class="inline-fields">
          <DateField {...field('said_on')} label="Date" required />
          <SelectField {...field('date_precision')} label="Precision" options={PRECISION_OPTIONS} required />
        </div>
        <TextField {...field('venue')} label="Venue or medium" hint="For example: press conference, told Times Radio, the leaked recording." maxlength={300} />
      </fieldset>

      <fieldset>
        <legend>Verification</legend>
        <SelectField {...field('rating')} label="Rating" options={RATING_OPTIONS} required />
        <TextArea
          {...field('rating_explanation')}
          label="Why this rating (Markdown)"
          rows={5}
          extra={{
            'data-hx-post': '/desk/claims/preview',
            'data-hx-trigger': 'keyup changed delay:500ms',
            'data-hx-target': '#rating-preview',
            'data-hx-swap': 'innerHTML',
            'data-hx-sync': 'closest form:abort',
          }}
        />
        <div class="preview" aria-live="polite">
          <p class="meta">Preview</p>
          <div id="rating-preview" class="prose">
            {props.previewMarkdown ? <Markdown markdown={props.previewMarkdown} /> : null}
          </div>
        </div>
        <p>
          <button type="submit" name="intent" value="preview" class="secondary" formnovalidate>
            Preview the explanation
          </button>
        </p>
      </fieldset>

      <fieldset>
        <legend>Stances on the story’s questions</legend>
        {errors.stances ? <p class="field-error">{errors.stances}</p> : null}
        {options.questions.length === 0 ? (
          <p class="meta">Choose the story and press “Show this story’s questions” to list them.</p>
        ) : null}
        <div id="stance-rows">
          {stanceRows.map((row, index) => (
            <StanceRowFields row={row} index={index} questions={options.questions} errors={errors} />
          ))}
        </div>
        <p>
          <AddRowButton kind="stance" index={stanceRows.length} story={values.story} />{' '}
          <button type="submit" name="intent" value="refresh" class="secondary" formnovalidate>
            Show this story’s questions
          </button>
        </p>
      </fieldset>

      <fieldset>
        <legend>Sources</legend>
        {errors.citations ? <p class="field-error">{errors.citations}</p> : null}
        <div id="citation-rows">
          {citationRows.map((row, index) => (
            <CitationRowFields row={row} index={index} sources={options.sources} errors={errors} />
          ))}
        </div>
        <p>
          <AddRowButton kind="citation" index={citationRows.length} story={values.story} />
        </p>
        <details open={values.citations.some((c) => c.source === NEW) || undefined}>
          <summary>A new source, for rows set to “New source…”</summary>
          <TextField {...field('new_source_title')} label="Title" maxlength={500} />
          <TextField {...field('new_source_publisher')} label="Publisher" maxlength={300} />
          <SelectField {...field('new_source_kind')} label="Kind" options={SOURCE_KIND_OPTIONS} />
        </details>
      </fieldset>

      <TextField {...field('comment')} label="What changed (kept in the history)" maxlength={1000} />
      <p>
        <button type="submit" name="intent" value="save">
          {props.published ? 'Propose this edit' : 'Save'}
        </button>
      </p>
    </form>
  );
}

/** The rows, ending with a blank one: appended unless the last row is blank already. */
function withBlankRow<R>(rows: R[], isBlank: (row: R) => boolean, blank: R): R[] {
  const last = rows[rows.length - 1];
  return last !== undefined && isBlank(last) ? rows : [...rows, blank];
}

/**
 * The fields of the `index`th stance or citation row, labelled with their row ("Note (stance 2)"):
 * their ids end with the index, their errors are keyed `<name>.<index>`.
 */
function claimRowFields<Row extends Record<string, string>>(kind: 'stance' | 'citation', props: { row: Row; index: number; errors: FormErrors }) {
  const field = rowFieldsOf(kind, props.row, String(props.index), (name) => props.errors[`${name}.${props.index}`]);
  return (key: keyof Row & string, label: string) => ({ ...field(key), label: `${label} (${kind} ${props.index + 1})` });
}

export function StanceRowFields(props: {
  row: StanceRow;
  index: number;
  questions: Options['questions'];
  errors: FormErrors;
}) {
  const field = claimRowFields('stance', props);
  return (
    <div class="row-fields" data-row={`stance-${props.index}`}>
      <SelectField {...field('question', 'Question')} options={props.questions.map((q) => [String(q.id), q.proposition] as const)} placeholder="No stance" />
      <SelectField {...field('position', 'Position')} options={POSITION_OPTIONS} />
      <TextField {...field('note', 'Note')} maxlength={1000} />
    </div>
  );
}

export function CitationRowFields(props: { row: CitationRow; index: number; sources: Options['sources']; errors: FormErrors }) {
  const field = claimRowFields('citation', props);
  return (
    <div class="row-fields" data-row={`citation-${props.index}`}>
      <SelectField
        {...field('source', 'Source')}
        options={[...props.sources.map((s) => [String(s.id), `${s.title} (${s.publisher})`] as const), [NEW, 'New source…'] as const]}
        placeholder="No citation"
      />
      <SelectField {...field('role', 'Role')} options={ROLE_OPTIONS} />
      <TextArea {...field('passage', 'Passage it rests on')} rows={2} />
    </div>
  );
}

/**
 * Without JavaScript it submits the form to re-render it with one more row (nothing is saved);
 * with htmx it fetches the row and appends it, and the response replaces this button with one
 * for the next index.
 */
export function AddRowButton(props: { kind: 'stance' | 'citation'; index: number; story: string; oob?: boolean }) {
  const id = `add-${props.kind}-row`;
  return (
    <button
      type="submit"
      id={id}
      class="secondary"
      name="intent"
      value={`add-${props.kind}`}
      formnovalidate
      data-hx-get={`/desk/claims/rows/${props.kind}?index=${props.index}&story=${encodeURIComponent(props.story)}`}
      data-hx-target={`#${props.kind}-rows`}
      data-hx-swap="beforeend"
      data-hx-swap-oob={props.oob ? 'true' : undefined}
    >
      {props.kind === 'stance' ? 'Add a stance' : 'Add a citation'}
    </button>
  );
}

/** "statement", "statement and venue", "statement, date and venue". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function ConflictNotice(props: { conflict: NonNullable<ClaimFormProps['conflict']> }) {
  const { conflict } = props;
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else saved this claim first</h2>
      <p>
        {conflict.by ?? 'Someone'} saved version {conflict.version} at {conflict.at.slice(0, 16).replace('T', ' ')}
        {conflict.comment ? ` (“${conflict.comment}”)` : ''}. Nothing you typed is lost. Here is what they changed since the version
        you started from.
      </p>
      {conflict.merged ? (
        <>
          <p class="conflict-merged">
            {conflict.theirFields?.length
              ? `Their change to the ${listOf(conflict.theirFields)} is now in the form, with your changes. `
              : 'The form holds your changes. '}
            {conflict.bothChanged?.length
              ? `You both changed the ${listOf(conflict.bothChanged)}: the form keeps yours. Choose what it should say, then save.`
              : 'Nothing you both changed: save to keep both sets of changes.'}
          </p>
          {conflict.bothChanged?.length ? (
            <ul class="conflict-fields">
              {conflict.bothChanged.map((f) => (
                <li data-field={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>Your input is in the form below. Save again to replace their version with yours.</p>
      )}
      <FieldDiffTable diff={conflict.diff} beforeLabel="Version you started from" afterLabel="Their version" />
    </section>
  );
}
