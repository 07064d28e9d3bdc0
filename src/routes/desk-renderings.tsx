/**
 * The desk's screen for a claim's words (ADR 027): GET shows the original and the renderings with
 * their forms; POST .../renderings adds one, POST .../original records the language and the
 * original. The services check the permission and the version inside their transaction; a refused
 * save answers 422 (or 409 when someone saved first) with the input kept. CSRF: the app's origin
 * check covers every POST.
 */
import { Hono } from 'hono';
import { addRendering, addSuggestionAsRendering, claimWordsForDesk, setOriginal, type OriginalFormValues, type RenderingFormValues } from '../claims/rendering-service.js';
import type { Db } from '../db.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { one, readForm, textFields } from '../http/form.js';
import { parseId, requireVersion } from '../http/params.js';
import type { FieldErrors } from '../lib/fields.js';
import type { SaveOutcome } from '../revisions/conflict.js';
import { ClaimWordsDeskPage, emptyRenderingForm } from '../../views/desk/renderings.js';

type Forms = { rendering?: { values: RenderingFormValues; errors: FieldErrors }; original?: { values: OriginalFormValues; errors: FieldErrors }; stale?: boolean };

export function claimWordsRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  function render(c: AppContext, id: number, forms: Forms, status: 200 | 409 | 422) {
    const { record, meta, sourceNames: names, mayEdit } = claimWordsForDesk(db, c.var.user!, id);
    const cited = [...new Set(record.citations.map((c) => c.sourceId))];
    return c.html(
      <ClaimWordsDeskPage
        user={c.var.user!}
        meta={meta}
        statement={record.statement}
        language={record.language ?? null}
        original={record.originalStatement ?? ''}
        renderings={(record.renderings ?? []).map((r) => ({ ...r, sourceName: r.sourceId !== null ? (names.get(r.sourceId) ?? `#${r.sourceId}`) : 'no source' }))}
        citedSources={cited.map((sid) => ({ id: sid, name: names.get(sid) ?? `#${sid}` }))}
        rendering={forms.rendering ?? { values: emptyRenderingForm(), errors: {} }}
        originalForm={forms.original ?? { values: { language: record.language ?? '', original: record.originalStatement ?? '', comment: '' }, errors: {} }}
        stale={forms.stale}
        mayEdit={mayEdit}
      />,
      status,
    );
  }

  /** Back to the words page once saved; refused, the form again with the input kept (409 when someone saved first). */
  function answerSave<F extends 'rendering' | 'original'>(
    c: AppContext,
    id: number,
    outcome: SaveOutcome<unknown, unknown>,
    formName: F,
    values: NonNullable<Forms[F]>['values'],
  ) {
    if (outcome.kind === 'saved') return c.redirect(`/desk/claims/${id}/words?saved`, 303);
    if (outcome.kind === 'stale') return render(c, id, { [formName]: { values, errors: {} }, stale: true }, 409);
    return render(c, id, { [formName]: { values, errors: outcome.errors } }, 422);
  }

  routes.get('/:id/words', (c) => render(c, parseId(c.req.param('id')), {}, 200));

  routes.post('/:id/words/renderings', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    const values: RenderingFormValues = textFields(form, ['text', 'language', 'source', 'translatedBy', 'translatorName', 'comment']);
    return answerSave(c, id, addRendering(db, c.var.user!, id, requireVersion(form), values), 'rendering', values);
  });

  routes.post('/:id/words/original', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    const values: OriginalFormValues = textFields(form, ['language', 'original', 'comment']);
    return answerSave(c, id, setOriginal(db, c.var.user!, id, requireVersion(form), values), 'original', values);
  });

  // From the suggestions page: cite the source and add its words as a rendering, in one save.
  routes.post('/:id/words/from-source', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    const sourceId = parseId(one(form, 'source'));
    const outcome = addSuggestionAsRendering(db, c.var.user!, id, requireVersion(form), { sourceId, text: one(form, 'text'), passage: one(form, 'passage') });
    // Refused, it shows in the rendering form, to be saved from there.
    return answerSave(c, id, outcome, 'rendering', { ...emptyRenderingForm(), text: one(form, 'text'), source: String(sourceId) });
  });

  return routes;
}
