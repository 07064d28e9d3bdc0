/**
 * The desk's claim screens: list, create, show, edit, submit for review, history and restore,
 * and the fragments htmx asks for (a new stance or citation row, the Markdown preview). Every
 * form also works as a plain POST; a refused save answers 422 or 409 with the input kept.
 */
import { Hono } from 'hono';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { claimFormOptions, describeClaimRecord } from '../claims/describe.js';
import { emptyClaimForm, mergeStaleClaimForm, readClaimForm, recordToForm, validateClaimForm, type ClaimFormValues } from '../claims/form.js';
import { parseSnapshot, readClaimMeta, readClaimRecord } from '../claims/record.js';
import { createClaim, editableRecord, restoreVersion, saveClaim, submitForReview } from '../claims/service.js';
import { can } from '../auth/permissions.js';
import { DESK_LIST_LIMIT, listDeskClaims } from '../claims/desk-lists.js';
import type { Db } from '../db.js';
import { Forbidden, Invalid, NotFound } from '../errors.js';
import { positiveInt } from '../lib/fields.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { one, readForm } from '../http/form.js';
import { parseId, requireVersion } from '../http/params.js';
import { fragmentOrPage } from '../http/htmx.js';
import { redirect } from '../auth/middleware.js';
import { Markdown } from '../../views/components/markdown.js';
import { diffFields } from '../revisions/diff.js';
import { listRevisions } from '../revisions/store.js';
import { DeskPage } from '../../views/layouts/desk.js';
import { ClaimDeskPage, ClaimEditPage, ClaimHistoryPage } from '../../views/desk/claim.js';
import { AddRowButton, CitationRowFields, ClaimForm, StanceRowFields, type ClaimFormProps } from '../../views/desk/claim-form.js';
import { ClaimTable } from '../../views/desk/claim-table.js';
import { checklistFor } from '../review/checklist.js';

function actorOf(c: AppContext): Actor & { name: string } {
  const user = c.var.user!;
  return { id: user.id, role: user.role, name: user.name };
}

function storyIdOf(values: ClaimFormValues): number | null {
  return positiveInt(values.story);
}


/** Form buttons that re-render the form without saving (work without JavaScript). */
function applyIntent(values: ClaimFormValues, intent: string): { values: ClaimFormValues; previewMarkdown?: string } | null {
  switch (intent) {
    case 'add-stance':
      return { values: { ...values, stances: [...values.stances, { question: '', position: 'asserts', note: '' }] } };
    case 'add-citation':
      return { values: { ...values, citations: [...values.citations, { source: '', role: 'reports', passage: '' }] } };
    case 'refresh':
      return { values };
    case 'preview':
      return { values, previewMarkdown: values.ratingExplanation };
    default:
      return null;
  }
}

/** What the claim's page says after an action sent the person there (`?done=…`). */
const DONE_NOTICES: Record<string, string> = {
  saved: 'Saved.',
  submitted: 'Submitted for review.',
  published: 'Published: the claim is on the public site now.',
  approved: 'Edit approved: readers see the new version now.',
  'sent-back': 'Sent back to the author with your comment. The claim is a draft again.',
  'edit-turned-down': 'Edit turned down: readers keep the published version, and the author sees your comment.',
  retracted: 'Retracted: the public page shows your note.',
};

function noticeFor(done: string): string | undefined {
  return Object.hasOwn(DONE_NOTICES, done) ? DONE_NOTICES[done] : undefined;
}

export function claimDeskRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  function renderForm(c: AppContext, title: string, form: ClaimFormProps, status: 200 | 409 | 422, claimId?: number) {
    return fragmentOrPage(c, () => <ClaimForm {...form} />, () => <ClaimEditPage user={c.var.user!} title={title} form={form} claimId={claimId} />, status);
  }

  routes.get('/', (c) => {
    const state = c.req.query('state');
    const mine = c.req.query('mine') !== undefined;
    const text = (c.req.query('q') ?? '').slice(0, 200);
    const rows = listDeskClaims(db, {
      state: state && (t.CLAIM_STATES as readonly string[]).includes(state) ? (state as (typeof t.CLAIM_STATES)[number]) : undefined,
      authorId: mine ? c.var.user!.id : undefined,
      text,
    });
    return c.html(
      <DeskPage title="Claims" user={c.var.user}>
        <h1>Claims</h1>
        <form method="get" action="/desk/claims" class="inline-fields">
          <div class="field">
            <label for="filter-q">Words</label>
            <input id="filter-q" type="search" name="q" value={text} maxlength={200} />
          </div>
          <div class="field">
            <label for="filter-state">State</label>
            <select id="filter-state" name="state">
              <option value="">Any</option>
              {t.CLAIM_STATES.map((s) => (
                <option value={s} selected={s === state}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label>
              <input type="checkbox" name="mine" value="1" checked={mine} /> Only mine
            </label>
          </div>
          <p>
            <button type="submit">Show</button>
          </p>
        </form>
        {rows.length === DESK_LIST_LIMIT ? (
          <p class="notice" role="status">
            Showing the {DESK_LIST_LIMIT} most recently changed claims: narrow the list with words or a state to see older ones.
          </p>
        ) : null}
        <ClaimTable rows={rows} caption="Claims, most recently changed first" empty="No claim matches." />
      </DeskPage>,
    );
  });

  routes.get('/new', (c) => {
    if (!can(c.var.user, 'create:claim')) throw new Forbidden();
    const storyParam = c.req.query('story');
    const stories = claimFormOptions(db, null).stories;
    const storyId = storyParam && /^\d+$/.test(storyParam) ? Number(storyParam) : stories.length === 1 ? stories[0]!.id : null;
    const values = emptyClaimForm(storyId ?? undefined);
    return renderForm(c, 'New claim', { action: '/desk/claims', values, options: claimFormOptions(db, storyId) }, 200);
  });

  routes.post('/preview', async (c) => {
    const form = await readForm(c);
    return c.html(<Markdown markdown={one(form, 'rating_explanation')} />);
  });

  routes.get('/rows/:kind', (c) => {
    const kind = c.req.param('kind');
    const index = Number(c.req.query('index') ?? '0');
    if (!Number.isSafeInteger(index) || index < 0 || index > 200) throw new NotFound();
    const storyRaw = c.req.query('story') ?? '';
    const options = claimFormOptions(db, /^\d{1,15}$/.test(storyRaw) ? Number(storyRaw) : null);
    if (kind === 'stance') {
      return c.html(
        <>
          <StanceRowFields row={{ question: '', position: 'asserts', note: '' }} index={index} questions={options.questions} errors={{}} />
          <AddRowButton kind="stance" index={index + 1} story={storyRaw} oob />
        </>,
      );
    }
    if (kind === 'citation') {
      return c.html(
        <>
          <CitationRowFields row={{ source: '', role: 'reports', passage: '' }} index={index} sources={options.sources} errors={{}} />
          <AddRowButton kind="citation" index={index + 1} story={storyRaw} oob />
        </>,
      );
    }
    throw new NotFound();
  });

  routes.post('/', async (c) => {
    const actor = actorOf(c);
    if (!can(actor, 'create:claim')) throw new Forbidden();
    const form = await readForm(c);
    const values = readClaimForm(form);
    const options = claimFormOptions(db, storyIdOf(values));
    const rerender = applyIntent(values, one(form, 'intent'));
    if (rerender) return renderForm(c, 'New claim', { action: '/desk/claims', options, ...rerender }, 200);
    const result = validateClaimForm(db, values);
    if (!result.ok) return renderForm(c, 'New claim', { action: '/desk/claims', values, options, errors: result.errors }, 422);
    const id = createClaim(db, actor, result.value);
    return redirect(c, `/desk/claims/${id}?saved`);
  });

  routes.get('/:id', (c) => {
    const id = parseId(c.req.param('id'));
    const { record, meta } = editableRecord(db, id);
    const current = readClaimRecord(db, id);
    const pendingDiff = meta.pendingRevisionId !== null ? diffFields(describeClaimRecord(db, current), describeClaimRecord(db, record)) : null;
    const notice = noticeFor(c.req.query('done') ?? (c.req.query('saved') !== undefined ? 'saved' : c.req.query('submitted') !== undefined ? 'submitted' : ''));
    const inProgress = meta.state === 'draft' || meta.state === 'in_review' || meta.pendingRevisionId !== null;
    return c.html(
      <ClaimDeskPage
        user={c.var.user!}
        meta={meta}
        fields={describeClaimRecord(db, current)}
        pendingDiff={pendingDiff}
        checklist={inProgress ? checklistFor(db, record) : null}
        notice={notice}
      />,
    );
  });

  routes.get('/:id/edit', (c) => {
    const id = parseId(c.req.param('id'));
    const { record, meta } = editableRecord(db, id);
    if (!can(c.var.user, 'edit:claim:own', { authorId: meta.authorId })) throw new Forbidden('You can edit only the claims you created; an editor can edit any claim.');
    return renderForm(
      c,
      `Edit claim ${id}`,
      {
        action: `/desk/claims/${id}`,
        values: recordToForm(record),
        options: claimFormOptions(db, record.storyId),
        version: meta.version,
        published: meta.state === 'published',
      },
      200,
      id,
    );
  });

  routes.post('/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const actor = actorOf(c);
    const meta = readClaimMeta(db, id);
    if (!can(actor, 'edit:claim:own', { authorId: meta.authorId })) throw new Forbidden('You can edit only the claims you created; an editor can edit any claim.');
    const form = await readForm(c);
    const values = readClaimForm(form);
    const version = requireVersion(form);
    const title = `Edit claim ${id}`;
    const base = { action: `/desk/claims/${id}`, values, options: claimFormOptions(db, storyIdOf(values)), version, published: meta.state === 'published' };
    const rerender = applyIntent(values, one(form, 'intent'));
    if (rerender) return renderForm(c, title, { ...base, ...rerender }, 200, id);
    const result = validateClaimForm(db, values);
    if (!result.ok) return renderForm(c, title, { ...base, errors: result.errors }, 422, id);
    const outcome = saveClaim(db, actor, id, version, result.value);
    switch (outcome.kind) {
      case 'saved':
        return redirect(c, `/desk/claims/${id}?saved`);
      case 'invalid':
        return renderForm(c, title, { ...base, errors: outcome.errors }, 422, id);
      case 'stale': {
        // Merged three ways: their changes are in the form, mine stay, and only the fields we
        // both changed are asked about. The form carries the current version, so saving again
        // saves the merge.
        const merged = mergeStaleClaimForm(values, outcome.stale.base, outcome.stale.theirs);
        const conflict = { ...outcome.stale, theirFields: merged.theirs, bothChanged: merged.conflicts, merged: outcome.stale.base !== null };
        return renderForm(c, title, { ...base, values: merged.values, version: outcome.stale.version, conflict }, 409, id);
      }
    }
  });

  routes.post('/:id/submit', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    submitForReview(db, actorOf(c), id, requireVersion(form));
    return redirect(c, `/desk/claims/${id}?submitted`);
  });

  routes.get('/:id/history', (c) => {
    const id = parseId(c.req.param('id'));
    const meta = readClaimMeta(db, id);
    const revisions = listRevisions(db, 'claim', id);
    const fromRaw = c.req.query('from');
    const toRaw = c.req.query('to');
    let compare = null;
    if (fromRaw !== undefined && toRaw !== undefined) {
      const from = revisions.find((r) => String(r.version) === fromRaw);
      const to = revisions.find((r) => String(r.version) === toRaw);
      if (!from || !to) throw new NotFound('There is no such version of this claim.');
      compare = {
        from: from.version,
        to: to.version,
        diff: diffFields(
          describeClaimRecord(db, parseSnapshot(from.snapshot).record),
          describeClaimRecord(db, parseSnapshot(to.snapshot).record),
        ),
      };
    }
    const mayRestore = meta.state !== 'retracted' && can(c.var.user, 'edit:claim:own', { authorId: meta.authorId }) && can(c.var.user, 'restore:claim');
    return c.html(<ClaimHistoryPage user={c.var.user!} meta={meta} revisions={revisions} compare={compare} mayRestore={mayRestore} />);
  });

  routes.post('/:id/restore', async (c) => {
    const id = parseId(c.req.param('id'));
    if (!can(c.var.user, 'restore:claim')) throw new Forbidden('Only an editor can restore an earlier version.');
    const form = await readForm(c);
    const restore = one(form, 'restore');
    if (!/^[1-9][0-9]{0,9}$/.test(restore)) throw new Invalid('Choose the version to restore.');
    restoreVersion(db, actorOf(c), id, requireVersion(form), Number(restore));
    return redirect(c, `/desk/claims/${id}?saved`);
  });

  return routes;
}
