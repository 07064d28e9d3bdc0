/**
 * `/desk/audit`: the audit log for editors and admins, newest first, a page at a time. Each row
 * says when, who, what (in words, not action codes), to what (a claim links to its desk page, a
 * user is named), the detail worth knowing (a reason, a role from → to, the email tried) and the
 * client's address.
 */
import type { AuditAction, AuditEntry } from '../../src/audit/log.js';
import type { SessionUser } from '../../src/auth/sessions.js';
import { DeskPage } from '../layouts/desk.js';
import { Timestamp } from './users.js';
import { DeskTable } from '../components/desk-table.js';

const ACTION_LABELS: Record<AuditAction, string> = {
  login: 'Signed in',
  login_failed: 'Failed sign-in',
  logout: 'Signed out',
  password_changed: 'Changed their password',
  password_reset: 'Reset a password',
  user_created: 'Created an account',
  user_disabled: 'Disabled an account',
  user_enabled: 'Re-enabled an account',
  role_changed: 'Changed a role',
  claim_submitted: 'Submitted a claim for review',
  claim_published: 'Published a claim',
  claim_changes_requested: 'Asked for changes to a claim',
  claim_retracted: 'Retracted a claim',
  claim_edit_approved: 'Approved an edit of a published claim',
  publish_override: 'Published over a failed check',
  claim_restored: 'Restored a retracted claim',
  login_unlocked: 'Lifted a sign-in lock',
};

/** Words for the detail keys we know; anything else is shown under its own name. */
const DETAIL_LABELS: Record<string, string> = {
  email: 'Email',
  reason: 'Reason',
  role: 'Role',
  note: 'Note',
  comment: 'Comment',
  via: 'From',
};

type AuditRow = AuditEntry & { targetName: string | null };

export function AuditPage(props: { user: SessionUser; rows: AuditRow[]; older: number | null; paged: boolean }) {
  return (
    <DeskPage title="Audit log" user={props.user}>
      <h1>Audit log</h1>
      <p class="meta">
        Sign-ins, account changes and editorial decisions, newest first. Nothing here can be edited or deleted.
      </p>
      {props.rows.length === 0 ? (
        <p class="meta">{props.paged ? 'There is nothing older.' : 'Nothing has been recorded yet.'}</p>
      ) : (
        <DeskTable label="Audit log" caption="Recorded events, newest first" columns={['Time', 'Who', 'Action', 'Target', 'Detail', 'Address']} class="audit-table">
          {props.rows.map((row) => (
            <tr data-event={row.id} data-action={row.action}>
              <td>
                <Timestamp iso={row.at} />
              </td>
              <td>{row.actorName ?? <span class="meta">{row.action === 'login_failed' ? 'Not signed in' : 'System'}</span>}</td>
              <td>{ACTION_LABELS[row.action] ?? row.action}</td>
              <td>
                <Target row={row} />
              </td>
              <td>
                <Detail action={row.action} detail={row.detail} />
              </td>
              <td>{row.ip}</td>
            </tr>
          ))}
        </DeskTable>
      )}
      {props.paged || props.older !== null ? (
        <nav aria-label="Audit log pages">
          <ul class="inline-list">
            {props.paged ? (
              <li>
                <a href="/desk/audit">Newest</a>
              </li>
            ) : null}
            {props.older !== null ? (
              <li>
                <a href={`/desk/audit?before=${props.older}`} rel="next">
                  Older
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </DeskPage>
  );
}

function Target(props: { row: AuditRow }) {
  const { targetType, targetId, targetName } = props.row;
  if (targetId === null) return null;
  if (targetType === 'claim') return <a href={`/desk/claims/${targetId}`}>{`Claim ${targetId}`}</a>;
  if (targetType === 'user') return <>{targetName ?? `User ${targetId}`}</>;
  return <>{`${targetType || 'Record'} ${targetId}`}</>;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function Detail(props: { action: AuditAction; detail: Record<string, unknown> }) {
  const { from, to, ...rest } = props.detail;
  const parts: [string, string][] = [];
  if (from !== undefined || to !== undefined) {
    parts.push([props.action === 'role_changed' ? 'Role' : 'Changed', `${text(from ?? '?')} → ${text(to ?? '?')}`]);
  }
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || value === undefined || value === '') continue;
    parts.push([DETAIL_LABELS[key] ?? key, text(value)]);
  }
  if (parts.length === 0) return null;
  return (
    <ul class="inline-list audit-detail">
      {parts.map(([label, value]) => (
        <li>
          <span class="meta">{label}:</span> {value}
        </li>
      ))}
    </ul>
  );
}
