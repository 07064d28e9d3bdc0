/**
 * The editors' review screens: the queue, one claim with its checklist, and the actions. A refused
 * action (a failing checklist without an override reason, a missing correction note, an empty
 * comment) answers 422 with the screen and the editor's input; a stale one answers 409.
 */
import { Hono } from 'hono';
import { redirect } from '../auth/middleware.js';
import { can } from '../auth/permissions.js';
import { describeClaimRecord } from '../claims/describe.js';
import { reviewQueue, submissionsOf } from '../claims/desk-lists.js';
import { parsePageNumber } from '../lib/paging.js';
import type { Db } from '../db.js';
import { Forbidden, NotFound } from '../errors.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { one, readForm, type FormData } from '../http/form.js';
import { parseId, requireVersion } from '../http/params.js';
import { fragmentOrPage } from '../http/htmx.js';
import { diffFields } from '../revisions/diff.js';
import { citedPassages } from '../review/cited-passages.js';
import { lastReviewAction, publishClaim, type ReviewOutcome, requestChanges, retractClaim, reviewSubject } from '../review/service.js';
import { ReviewPage, ReviewQueuePage, ReviewScreen, type ReviewScreenProps } from '../../views/desk/review.js';


export function reviewRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  routes.use('*', async (c, next) => {
    if (!can(c.var.user, 'review:claim')) throw new Forbidden('Only editors review claims.');
    return next();
  });

  function screen(id: number, extra: Partial<ReviewScreenProps> = {}): ReviewScreenProps {
    const subject = reviewSubject(db, id);
    const proposedFields = describeClaimRecord(db, subject.proposed);
    return {
      meta: subject.meta,
      fields: proposedFields,
      diff: subject.pending ? diffFields(describeClaimRecord(db, subject.current), proposedFields) : null,
      checklist: subject.checklist,
      correctionNeeded: subject.correctionNeeded,
      passages: citedPassages(db, subject.proposed.citations),
      ...extra,
    };
  }

  function render(c: AppContext, props: ReviewScreenProps, status: 200 | 409 | 422) {
    return fragmentOrPage(c, () => <ReviewScreen {...props} />, () => <ReviewPage user={c.var.user!} {...props} />, status);
  }

  /** Run an action; show its refusal on the screen with the editor's input and the message. */
  async function act(c: AppContext, run: (form: FormData, version: number) => ReviewOutcome<unknown>, input: (form: FormData) => ReviewScreenProps['input']) {
    const id = parseId(c.req.param('id')!);
    const form = await readForm(c);
    const outcome = run(form, requireVersion(form));
    switch (outcome.kind) {
      case 'saved':
        // The claim's page says what was done, from what the action recorded.
        return redirect(c, `/desk/claims/${id}?done=${lastReviewAction(db, id)}`);
      case 'invalid':
        return render(c, screen(id, { message: outcome.message, errors: outcome.errors, input: input(form) }), 422);
      case 'stale':
        return render(c, screen(id, { message: 'Someone changed this claim while you were reviewing it. Here it is as it stands now: check it again.', input: input(form) }), 409);
    }
  }

  routes.get('/', (c) => {
    const page = parsePageNumber(c.req.query('page'));
    const queue = page === undefined ? undefined : reviewQueue(db, page);
    if (!queue || page! > queue.pageCount) throw new NotFound('There is no such page of the review queue.');
    const submissions = submissionsOf(db, queue.items.map((row) => row.id));
    return c.html(<ReviewQueuePage user={c.var.user!} queue={queue} submissions={submissions} nowMs={Date.now()} />);
  });

  routes.get('/:id', (c) => render(c, screen(parseId(c.req.param('id'))), 200));

  routes.post('/:id/publish', (c) =>
    act(
      c,
      (form, version) =>
        publishClaim(db, c.var.user!, parseId(c.req.param('id')), version, {
          overrideReason: one(form, 'override_reason'),
          correctionNote: one(form, 'correction_note'),
        }),
      (form) => ({ overrideReason: one(form, 'override_reason'), correctionNote: one(form, 'correction_note') }),
    ),
  );

  routes.post('/:id/request-changes', (c) =>
    act(
      c,
      (form, version) => requestChanges(db, c.var.user!, parseId(c.req.param('id')), version, one(form, 'comment')),
      (form) => ({ comment: one(form, 'comment') }),
    ),
  );

  routes.post('/:id/retract', (c) =>
    act(
      c,
      (form, version) => retractClaim(db, c.var.user!, parseId(c.req.param('id')), version, one(form, 'retraction_note')),
      (form) => ({ retractionNote: one(form, 'retraction_note') }),
    ),
  );

  return routes;
}
