/**
 * The desk's pages for one claim: its current state with the actions the user may take, its edit
 * form, and its history with a comparison of any two versions.
 */
import type { Child } from 'hono/jsx';
import type { SessionUser } from '../../src/auth/sessions.js';
import { can } from '../../src/auth/permissions.js';
import type { ClaimMeta } from '../../src/claims/record.js';
import type { FieldDiff } from '../../src/revisions/diff.js';
import type { RevisionRow } from '../../src/revisions/store.js';
import { DeskPage } from '../layouts/desk.js';
import { ClaimForm, type ClaimFormProps } from './claim-form.js';
import { StateBadge } from './claim-table.js';
import { FieldDiffTable } from './diff.js';
import type { ChecklistItem } from '../../src/review/checklist.js';
import { Checklist } from './checklist.js';
import { DeskTable } from '../components/desk-table.js';
import { DoneNotice, FactList, VersionSelect } from './parts.js';

const EVENT_LABELS: Record<RevisionRow['event'], string> = {
  created: 'Created',
  edited: 'Edited',
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  published: 'Published',
  edit_proposed: 'Edit proposed',
  edit_approved: 'Edit approved and published',
  retracted: 'Retracted',
  restored: 'Earlier version restored',
};

/**
 * The editor's comment stands only while it is unanswered: a draft sent back, or a published
 * claim whose edit was turned down, until the author submits or proposes again.
 */
function changesAsked(meta: Pick<ClaimMeta, 'reviewNote' | 'state' | 'pendingRevisionId'>): boolean {
  return meta.reviewNote !== '' && (meta.state === 'draft' || (meta.state === 'published' && meta.pendingRevisionId === null));
}

export function ClaimDeskPage(props: {
  user: SessionUser;
  meta: ClaimMeta;
  fields: [string, string][];
  pendingDiff: FieldDiff[] | null;
  /** What an editor will check, while the claim (or its pending edit) is still being worked on. */
  checklist: ChecklistItem[] | null;
  notice?: string;
}) {
  const { user, meta } = props;
  const own = { authorId: meta.authorId };
  return (
    <DeskPage title={`Claim ${meta.id}`} user={user}>
      <h1>Claim {meta.id}</h1>
      <DoneNotice notice={props.notice} />
      <p>
        <StateBadge state={meta.state} pending={meta.pendingRevisionId !== null} /> · version {meta.version}
        {meta.state === 'published' || meta.state === 'retracted' ? (
          <>
            {' '}
            · <a href={`/claims/${meta.id}`}>Public page</a>
          </>
        ) : null}
      </p>
      {changesAsked(meta) ? (
        <div class="notice notice-warning" role="note">
          <p>
            <strong>The editor asked for changes:</strong> {meta.reviewNote}
          </p>
        </div>
      ) : null}
      {meta.state === 'retracted' ? <p class="notice">Retracted: {meta.retractionNote}</p> : null}

      <ul class="actions">
        {meta.state !== 'retracted' && can(user, 'edit:claim:own', own) ? (
          <li>
            <a class="button" href={`/desk/claims/${meta.id}/edit`}>
              {meta.state === 'published' ? 'Propose an edit' : 'Edit'}
            </a>
          </li>
        ) : null}
        {meta.state === 'draft' && can(user, 'submit:claim:own', own) ? (
          <li>
            <form method="post" action={`/desk/claims/${meta.id}/submit`}>
              <input type="hidden" name="version" value={String(meta.version)} />
              <button type="submit">Submit for review</button>
            </form>
          </li>
        ) : null}
        {can(user, 'review:claim') && (meta.state === 'in_review' || meta.state === 'draft' || meta.pendingRevisionId !== null) ? (
          <li>
            <a class="button" href={`/desk/review/${meta.id}`}>
              Review
            </a>
          </li>
        ) : meta.state === 'published' && can(user, 'retract:claim') ? (
          <li>
            <a class="button secondary" href={`/desk/review/${meta.id}#retract-heading`}>
              Retract…
            </a>
          </li>
        ) : null}
        <li>
          <a href={`/desk/claims/${meta.id}/history`}>History</a>
        </li>
        <li>
          <a href={`/desk/claims/${meta.id}/words`}>Original and renderings</a>
        </li>
      </ul>

      {props.pendingDiff ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Edit awaiting approval</h2>
          <FieldDiffTable diff={props.pendingDiff} beforeLabel="Published" afterLabel="Proposed" />
        </section>
      ) : null}

      {props.checklist ? (
        <section aria-labelledby="checklist-heading">
          <h2 id="checklist-heading">Sourcing checklist</h2>
          <p class="meta">
            What an editor checks before {meta.pendingRevisionId !== null ? 'approving the edit' : 'publishing'}; a failing item
            needs a recorded reason to publish over it.
          </p>
          <Checklist items={props.checklist} />
        </section>
      ) : null}

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{meta.state === 'published' ? 'As readers see it' : 'The claim'}</h2>
        <FactList fields={props.fields} />
      </section>
    </DeskPage>
  );
}

export function ClaimEditPage(props: { user: SessionUser; title: string; form: ClaimFormProps; claimId?: number; intro?: Child }) {
  return (
    <DeskPage title={props.title} user={props.user}>
      {props.claimId ? (
        <nav aria-label="Breadcrumb" class="breadcrumb">
          <a href={`/desk/claims/${props.claimId}`}>Claim {props.claimId}</a>
        </nav>
      ) : null}
      <h1>{props.title}</h1>
      {props.intro}
      <ClaimForm {...props.form} />
    </DeskPage>
  );
}

export function ClaimHistoryPage(props: {
  user: SessionUser;
  meta: ClaimMeta;
  revisions: RevisionRow[];
  compare: { from: number; to: number; diff: FieldDiff[] } | null;
  mayRestore: boolean;
}) {
  const { meta, revisions } = props;
  const latest = revisions.at(-1)?.version ?? 1;
  const from = props.compare?.from ?? Math.max(1, latest - 1);
  const to = props.compare?.to ?? latest;
  return (
    <DeskPage title={`History of claim ${meta.id}`} user={props.user}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/desk/claims/${meta.id}`}>Claim {meta.id}</a>
      </nav>
      <h1>History of claim {meta.id}</h1>
      <DeskTable
        label="Versions"
        caption="Every saved version, oldest first. Nothing here is ever changed or deleted."
        columns={['Version', 'What', 'Who', 'When', 'Comment', ...(props.mayRestore ? ['Restore'] : [])]}
      >
        {revisions.map((r) => (
          <tr data-version={r.version}>
            <td>{r.version}</td>
            <td>{EVENT_LABELS[r.event]}</td>
            <td>{r.authorName ?? 'Loaded from fixtures'}</td>
            <td>
              <time datetime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
            </td>
            <td>{r.comment}</td>
            {props.mayRestore ? (
              <td>
                {r.version !== latest ? (
                  <form method="post" action={`/desk/claims/${meta.id}/restore`}>
                    <input type="hidden" name="version" value={String(meta.version)} />
                    <input type="hidden" name="restore" value={String(r.version)} />
                    <button type="submit" class="secondary">
                      Restore version {r.version}
                    </button>
                  </form>
                ) : (
                  'Current'
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </DeskTable>

      <h2>Compare two versions</h2>
      <form method="get" action={`/desk/claims/${meta.id}/history`} class="inline-fields">
        <VersionSelect id="compare-from" name="from" label="From version" versions={revisions.map((r) => r.version)} selected={from} />
        <VersionSelect id="compare-to" name="to" label="To version" versions={revisions.map((r) => r.version)} selected={to} />
        <p>
          <button type="submit">Compare</button>
        </p>
      </form>
      {props.compare ? (
        <section aria-label={`Version ${props.compare.from} compared with version ${props.compare.to}`} class="comparison-result">
          <FieldDiffTable diff={props.compare.diff} beforeLabel={`Version ${props.compare.from}`} afterLabel={`Version ${props.compare.to}`} />
        </section>
      ) : null}
    </DeskPage>
  );
}
