/**
 * `/desk/claims/<id>/words`: the claim's language, its original and its renderings, with a form to
 * record the original and one to add a rendering from a source the claim cites (ADR 027). Plain
 * forms: they work without JavaScript; a refused save comes back with the input kept.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import type { ClaimMeta } from '../../src/claims/record.js';
import type { OriginalFormValues, RenderingFormValues } from '../../src/claims/rendering-service.js';
import type { Rendering } from '../../src/claims/renderings.js';
import { langAttribute, languageName } from '../../src/claims/languages.js';
import type { FieldErrors } from '../../src/lib/fields.js';
import { ErrorSummary, fieldsOf, SelectField, TextArea, TextField } from '../components/form.js';
import { DeskPage } from '../layouts/desk.js';

export type WordsPageProps = {
  user: SessionUser;
  meta: ClaimMeta;
  statement: string;
  language: string | null;
  original: string;
  renderings: (Rendering & { sourceName: string })[];
  citedSources: { id: number; name: string }[];
  rendering: { values: RenderingFormValues; errors: FieldErrors };
  originalForm: { values: OriginalFormValues; errors: FieldErrors };
  /** Shown when someone else saved the claim after this page was opened. */
  stale?: boolean;
  mayEdit: boolean;
};

const TRANSLATOR_OPTIONS = [
  ['none', 'Not a translation (the words as said)'],
  ['outlet', 'The outlet that published it'],
  ['newsroom', 'Our newsroom'],
  ['translator', 'A named translator'],
] as const;

export function emptyRenderingForm(): RenderingFormValues {
  return { text: '', language: 'en', source: '', translatedBy: 'outlet', translatorName: '', comment: '' };
}

export function ClaimWordsDeskPage(props: WordsPageProps) {
  const { meta } = props;
  const action = `/desk/claims/${meta.id}/words`;
  const pending = meta.state === 'published';
  const renderingField = fieldsOf(props.rendering);
  const originalField = fieldsOf(props.originalForm);
  return (
    <DeskPage title={`Words of claim ${meta.id}`} user={props.user}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/desk/claims/${meta.id}`}>Claim {meta.id}</a>
      </nav>
      <h1>Original and renderings of claim {meta.id}</h1>
      {props.stale ? (
        <p class="notice notice-warning" role="alert">
          Someone else saved this claim after you opened the page. Nothing was saved; the page now shows their version, and your
          input is kept below.
        </p>
      ) : null}
      {pending ? <p class="meta">The claim is published: what you add here waits for an editor’s approval before readers see it.</p> : null}
      <dl class="facts">
        <dt>Statement</dt>
        <dd>{props.statement}</dd>
        <dt>Said in</dt>
        <dd>{props.language ? `${languageName(props.language)} (${props.language})` : 'Not recorded'}</dd>
        <dt>Original</dt>
        <dd lang={langAttribute(props.language)}>{props.original || 'We do not hold the original words.'}</dd>
      </dl>
      <h2>Renderings</h2>
      <ol class="renderings">
        {props.renderings.map((r, i) => (
          <li>
            <span lang={langAttribute(r.language)}>{r.text}</span>{' '}
            <span class="meta">
              ({r.language}, {r.sourceName}
              {r.translatedBy ? `, translated by ${r.translatedBy === 'translator' ? r.translatorName : `the ${r.translatedBy}`}` : ''}
              {i === 0 ? '; the claim’s statement' : ''})
            </span>
          </li>
        ))}
      </ol>
      {props.mayEdit ? (
        <>
          <form method="post" action={`${action}/renderings`} id="rendering-form" class="record-form">
            <h2>Add a rendering</h2>
            <ErrorSummary errors={props.rendering.errors} fieldIds={{ text: 'field-text', source: 'field-source' }} />
            <TextArea {...renderingField('text')} label="The statement as this source published it" rows={3} />
            <SelectField
              {...renderingField('source')}
              label="Source"
              options={props.citedSources.map((s) => [String(s.id), s.name] as const)}
              placeholder="Choose a source the claim cites"
              hint="Only sources the claim cites. To add another, cite it on the claim first."
            />
            <TextField {...renderingField('language')} label="Language" hint="A language tag: en, de, ru." maxlength={35} />
            <SelectField {...renderingField('translated_by')} label="Translated by" options={TRANSLATOR_OPTIONS} />
            <TextField {...renderingField('translator_name')} label="Translator’s name (for a named translator)" maxlength={200} />
            <TextField {...renderingField('comment')} label="Note on this change (optional)" maxlength={500} />
            <input type="hidden" name="version" value={String(meta.version)} />
            <p class="form-actions">
              <button type="submit">Add rendering</button>
            </p>
          </form>
          <form method="post" action={`${action}/original`} id="original-form" class="record-form">
            <h2>Language said in and the original</h2>
            <ErrorSummary errors={props.originalForm.errors} fieldIds={{ language: 'field-original-language', original: 'field-original' }} />
            <TextField id="field-original-language" {...originalField('language')} label="Language it was said in" hint="A language tag: de, ru, en." maxlength={35} />
            <TextArea id="field-original" {...originalField('original')} label="The original words (only when the newsroom has them)" rows={3} />
            <TextField id="field-original-comment" {...originalField('comment')} label="Note on this change (optional)" maxlength={500} />
            <input type="hidden" name="version" value={String(meta.version)} />
            <p class="form-actions">
              <button type="submit">Save language and original</button>
            </p>
          </form>
        </>
      ) : (
        <p class="meta">You can change the words only of the claims you created; an editor can change any claim’s.</p>
      )}
    </DeskPage>
  );
}

/**
 * On a suggestion that looks like a claim the story has (same speaker, same day): the offer to add
 * it to that claim as another rendering instead of drafting a new claim. A plain form.
 */
export function RenderingOffer(props: {
  sourceId: number;
  statement: string;
  passage: string;
  candidates: { claimId: number; version: number; statement: string }[];
}) {
  return (
    <div class="rendering-offer">
      <p>The same speaker has a claim on the same day: is this another rendering of it?</p>
      <ul>
        {props.candidates.map((c) => (
          <li>
            <a href={`/desk/claims/${c.claimId}`}>Claim {c.claimId}</a>: {c.statement.length > 160 ? `${c.statement.slice(0, 159)}…` : c.statement}
            <form method="post" action={`/desk/claims/${c.claimId}/words/from-source`}>
              <input type="hidden" name="source" value={String(props.sourceId)} />
              <input type="hidden" name="text" value={props.statement} />
              <input type="hidden" name="passage" value={props.passage} />
              <input type="hidden" name="version" value={String(c.version)} />
              <button type="submit">
                Add as another rendering<span class="visually-hidden"> of claim {c.claimId}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
