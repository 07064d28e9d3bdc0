/**
 * `/desk/review`: the queue, and the review screen for one claim with its sourcing checklist and
 * the editor's three actions (publish, request changes, retract). Each action form can be posted
 * without JavaScript; with htmx the screen is swapped in place.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import type { ClaimMeta } from '../../src/claims/record.js';
import type { CitedPassage } from '../../src/review/cited-passages.js';
import type { DeskClaimRow, Submission } from '../../src/claims/desk-lists.js';
import type { ChecklistItem } from '../../src/review/checklist.js';
import { Checklist } from './checklist.js';
import type { FieldDiff } from '../../src/revisions/diff.js';
import { TextArea } from '../components/form.js';
import { Pager } from '../components/pager.js';
import type { Paged } from '../../src/lib/paging.js';
import { DeskPage } from '../layouts/desk.js';
import { ClaimTable, StateBadge } from './claim-table.js';
import { timeWaited } from '../../src/lib/dates.js';
import { FieldDiffTable } from './diff.js';
import { FactList } from './parts.js';

export function ReviewQueuePage(props: { user: SessionUser; queue: Paged<DeskClaimRow>; submissions: Map<number, Submission>; nowMs: number }) {
  const { queue } = props;
  const submission = (row: DeskClaimRow) => props.submissions.get(row.id);
  return (
    <DeskPage title="Review" user={props.user}>
      <h1>Waiting for review</h1>
      {queue.total > 0 ? <p>{queue.total === 1 ? '1 claim waits.' : `${queue.total} claims wait.`}</p> : null}
      <ClaimTable
        rows={queue.items}
        caption="Submitted claims and proposed edits of published claims, oldest first"
        empty="Nothing waits for review."
        link={(id) => `/desk/review/${id}`}
        extra={{
          headings: ['Submitted by', 'Waiting'],
          cells: (row) => {
            const sent = submission(row);
            return [
              sent?.by ?? <span class="meta">Unknown</span>,
              sent ? (
                <time datetime={sent.at} title={`Since ${sent.at.slice(0, 16).replace('T', ' ')} UTC`}>
                  {timeWaited(sent.at, props.nowMs)}
                </time>
              ) : (
                ''
              ),
            ];
          },
        }}
      />
      <Pager list={queue} path="/desk/review" label="Pages of the review queue" />
    </DeskPage>
  );
}

export type ReviewScreenProps = {
  meta: ClaimMeta;
  fields: [string, string][];
  /** Each citation's passage, linked to where it stands in the source's archived text. */
  passages: CitedPassage[];
  /** For a proposed edit of a published claim: published → proposed. */
  diff: FieldDiff[] | null;
  checklist: ChecklistItem[];
  correctionNeeded: string[];
  message?: string;
  errors?: { override_reason?: string; correction_note?: string; comment?: string; retraction_note?: string };
  input?: { overrideReason?: string; correctionNote?: string; comment?: string; retractionNote?: string };
};

export function ReviewPage(props: { user: SessionUser } & ReviewScreenProps) {
  return (
    <DeskPage title={`Review claim ${props.meta.id}`} user={props.user}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/desk/review">Review queue</a> · <a href={`/desk/claims/${props.meta.id}`}>Claim {props.meta.id}</a>
      </nav>
      <ReviewScreen {...props} />
    </DeskPage>
  );
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { meta, checklist } = props;
  const errors = props.errors ?? {};
  const input = props.input ?? {};
  const failing = checklist.filter((item) => !item.ok);
  const approvingEdit = meta.state === 'published' && meta.pendingRevisionId !== null;
  const canPublish = meta.state === 'draft' || meta.state === 'in_review' || approvingEdit;
  return (
    <div id="review-screen" class="review-screen">
      <h1>
        Review claim {meta.id} <StateBadge state={meta.state} pending={meta.pendingRevisionId !== null} />
      </h1>
      {props.message ? (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      ) : null}

      {props.diff ? (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">Proposed edit</h2>
          <FieldDiffTable diff={props.diff} beforeLabel="Published (what readers see)" afterLabel="Proposed" />
        </section>
      ) : null}

      <section aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">Sourcing checklist</h2>
        <Checklist items={checklist} />
      </section>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{props.diff ? 'The proposed claim' : 'The claim'}</h2>
        <FactList fields={props.fields} />
        {props.passages.length ? (
          <>
            <h3>Cited passages</h3>
            <ul class="cited-passages">
              {props.passages.map((p) => (
                <li data-source={p.sourceId}>
                  <a href={p.href}>{p.found ? `The passage in “${p.sourceTitle}”` : `The archived text of “${p.sourceTitle}”`}</a>
                  {p.found ? null : <span class="meta"> (the passage is not in it word for word)</span>}: <q>{p.passage}</q>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {canPublish ? (
        <form
          method="post"
          action={`/desk/review/${meta.id}/publish`}
          class="stack review-action"
          data-hx-post={`/desk/review/${meta.id}/publish`}
          data-hx-target="#review-screen"
          data-hx-swap="outerHTML"
        >
          <h2>{approvingEdit ? 'Approve and publish this edit' : 'Publish'}</h2>
          <input type="hidden" name="version" value={String(meta.version)} />
          {failing.some((item) => item.key === 'quote-verified') ? (
            <p class="notice notice-warning override-warning" id="quote-override-warning">
              <strong>The quoted words were not found in the source.</strong> If you publish over this item, the public page
              shows “✘ Quote not confirmed” beside the citation until an archived capture of the source contains the words.
            </p>
          ) : null}
          {failing.length ? (
            <TextArea
              name="override_reason"
              id="field-override_reason"
              label={`Publish despite ${failing.length} failing checklist item${failing.length > 1 ? 's' : ''}: your reason (recorded)`}
              value={input.overrideReason}
              error={errors.override_reason}
              rows={2}
            />
          ) : null}
          {props.correctionNeeded.length ? (
            <TextArea
              name="correction_note"
              id="field-correction_note"
              label={`Correction note for readers (the ${props.correctionNeeded.join(', ')} changed)`}
              value={input.correctionNote}
              error={errors.correction_note}
              hint="Shown on the claim’s page with today’s date, and listed at /corrections."
              rows={2}
            />
          ) : null}
          <p>
            <button type="submit">{approvingEdit ? 'Approve and publish' : 'Publish'}</button>
          </p>
        </form>
      ) : null}

      {meta.state === 'in_review' || approvingEdit ? (
        <form
          method="post"
          action={`/desk/review/${meta.id}/request-changes`}
          class="stack review-action"
          data-hx-post={`/desk/review/${meta.id}/request-changes`}
          data-hx-target="#review-screen"
          data-hx-swap="outerHTML"
        >
          <h2>{approvingEdit ? 'Turn this edit down' : 'Request changes'}</h2>
          <input type="hidden" name="version" value={String(meta.version)} />
          {approvingEdit ? (
            <p class="meta">
              The edit leaves the review queue and readers keep the published version. The proposal stays in the claim’s
              history, to compare and to restore.
            </p>
          ) : null}
          <TextArea name="comment" id="field-comment" label="What should change (the author sees this)" value={input.comment} error={errors.comment} rows={2} />
          <p>
            <button type="submit" class="secondary">
              Send back to the author
            </button>
          </p>
        </form>
      ) : null}

      {meta.state === 'published' ? (
        <form method="post" action={`/desk/review/${meta.id}/retract`} class="stack review-action danger-zone" aria-labelledby="retract-heading">
          <h2 id="retract-heading">Retract</h2>
          <input type="hidden" name="version" value={String(meta.version)} />
          <TextArea
            name="retraction_note"
            id="field-retraction_note"
            label="Public note explaining the retraction"
            value={input.retractionNote}
            error={errors.retraction_note}
            rows={2}
          />
          <p>
            <button type="submit" class="danger">
              Retract this claim
            </button>
          </p>
        </form>
      ) : null}
    </div>
  );
}
