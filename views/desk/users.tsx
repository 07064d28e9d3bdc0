/**
 * `/desk/users`: the newsroom's accounts for admins. A form to invite someone (their one-time
 * password is shown once, on the page that answers the form), and a table of every account with
 * forms to change its role, to disable or re-enable it, and to reset its password (a new one-time
 * password, shown the same way). Each row is also an htmx fragment, so
 * a change can swap just that row (`data-hx-*`, valid HTML); without JavaScript the forms post
 * and redirect as usual.
 */
import { ROLES } from '../../db/schema/desk.js';
import type { Role } from '../../src/auth/permissions.js';
import type { SessionUser } from '../../src/auth/sessions.js';
import type { UserRow } from '../../src/users/service.js';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.js';
import { DeskPage } from '../layouts/desk.js';
import { DeskTable } from '../components/desk-table.js';

export type UserListItem = Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'disabledAt' | 'createdAt' | 'mustChangePassword'> & {
  /** When the account's sign-in lock (too many failures from anywhere) ends by itself, if it is locked. */
  lockedUntil?: string | null;
};

const ROLE_LABELS: Record<Role, string> = { journalist: 'Journalist', editor: 'Editor', admin: 'Admin' };

const ROLE_OPTIONS = ROLES.map((role) => [role, ROLE_LABELS[role]] as const);

export type InviteInput = { email: string; name: string; role: string };

/** A stored timestamp (ISO, UTC) as "2024-03-05 14:03 UTC", in a `<time>` machines can read. */
export function Timestamp(props: { iso: string }) {
  return <time datetime={props.iso}>{`${props.iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
}

export function UsersPage(props: {
  user: SessionUser;
  users: UserListItem[];
  invite?: InviteInput;
  errors?: FieldErrors;
  /** A message about one row (e.g. "this is the last admin"), shown beside it and at the top. */
  rowError?: { id: number; message: string };
  saved?: number;
}) {
  const errors = props.errors ?? {};
  const invite = props.invite ?? { email: '', name: '', role: 'journalist' };
  return (
    <DeskPage title="Users" user={props.user}>
      <h1>Users</h1>
      {props.rowError ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>Nothing was changed</h2>
          <p>
            <a href={`#user-${props.rowError.id}`}>{props.rowError.message}</a>
          </p>
        </div>
      ) : null}
      <section id="invite" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p class="meta">
          Claimdesk makes a one-time password for them. You will see it once, to pass on in person or by a
          secure channel; they choose their own password when they first sign in.
        </p>
        <ErrorSummary errors={errors} />
        <form method="post" action="/desk/users" class="stack">
          <TextField name="email" label="Email" type="email" value={invite.email} required maxlength={320} autocomplete="off" error={errors.email} />
          <TextField name="name" label="Name" value={invite.name} required maxlength={200} autocomplete="off" error={errors.name} />
          <SelectField
            name="role"
            label="Role"
            value={invite.role}
            options={ROLE_OPTIONS}
            hint="Journalists add claims; editors also review, publish and retract; admins also manage accounts."
            error={errors.role}
          />
          <p>
            <button type="submit">Create the account</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        <UsersTable users={props.users} self={props.user.id} rowError={props.rowError} saved={props.saved} />
      </section>
    </DeskPage>
  );
}

function UsersTable(props: { users: UserListItem[]; self: number; rowError?: { id: number; message: string }; saved?: number }) {
  if (props.users.length === 0) return <p class="meta">No accounts yet.</p>;
  return (
    <DeskTable label="Accounts table" caption="Everyone with a desk account, by name" columns={['Name', 'Email', 'Role', 'Status', 'Created', 'Change']} class="users-table">
      {props.users.map((user) => (
        <UserTableRow
          user={user}
          self={user.id === props.self}
          error={props.rowError?.id === user.id ? props.rowError.message : undefined}
          saved={props.saved === user.id}
        />
      ))}
    </DeskTable>
  );
}

/** One account's row; also the fragment answered to an htmx post from its forms. */
export function UserTableRow(props: { user: UserListItem; self: boolean; error?: string; saved?: boolean }) {
  const { user } = props;
  const rowId = `user-${user.id}`;
  const swap = (action: string) => ({
    'data-hx-post': `/desk/users/${user.id}/${action}`,
    'data-hx-target': `#${rowId}`,
    'data-hx-swap': 'outerHTML',
  });
  return (
    <tr id={rowId} data-user={user.id} data-role={user.role} data-status={user.disabledAt ? 'disabled' : 'active'}>
      <th scope="row">
        {user.name}
        {props.self ? <span class="meta"> (you)</span> : null}
      </th>
      <td>{user.email}</td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>
        {user.disabledAt ? (
          <>
            Disabled since <Timestamp iso={user.disabledAt} />
          </>
        ) : (
          'Active'
        )}
        {!user.disabledAt && user.mustChangePassword ? <span class="meta"> · has not chosen a password yet</span> : null}
        {user.lockedUntil ? (
          <p class="meta locked">
            Locked out until <time datetime={user.lockedUntil}>{`${user.lockedUntil.slice(11, 16)} UTC`}</time>
          </p>
        ) : null}
      </td>
      <td>
        <Timestamp iso={user.createdAt} />
      </td>
      <td>
        <form method="post" action={`/desk/users/${user.id}/role`} class="row-form" {...swap('role')}>
          <label for={`role-${user.id}`} class="visually-hidden">{`Role for ${user.name}`}</label>
          <select id={`role-${user.id}`} name="role">
            {ROLE_OPTIONS.map(([value, label]) => (
              <option value={value} selected={value === user.role}>
                {label}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary">
            Change role<span class="visually-hidden">{` for ${user.name}`}</span>
          </button>
        </form>
        {props.self ? null : user.disabledAt ? (
          <form method="post" action={`/desk/users/${user.id}/enable`} class="row-form" {...swap('enable')}>
            <button type="submit" class="secondary">
              Enable<span class="visually-hidden">{` ${user.name}`}</span>
            </button>
          </form>
        ) : (
          <form
            method="post"
            action={`/desk/users/${user.id}/disable`}
            class="row-form"
            {...swap('disable')}
            data-hx-confirm="Disable this account? They are signed out everywhere at once."
          >
            <button type="submit" class="secondary">
              Disable<span class="visually-hidden">{` ${user.name}`}</span>
            </button>
          </form>
        )}
        {user.lockedUntil ? (
          <form method="post" action={`/desk/users/${user.id}/unlock`} class="row-form" {...swap('unlock')}>
            <button type="submit" class="secondary">
              Lift lock<span class="visually-hidden">{` for ${user.name}`}</span>
            </button>
          </form>
        ) : null}
        {props.self ? null : (
          // A page that asks first: a reset signs them out everywhere, not something to do by a slip.
          <p class="row-form">
            <a href={`/desk/users/${user.id}/reset-password`}>
              Reset password<span class="visually-hidden">{` for ${user.name}`}</span>
            </a>
          </p>
        )}
        {props.error ? (
          <p class="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        {props.saved ? (
          <p class="meta" role="status">
            Saved.
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** The answer to a successful invitation: the only place the one-time password ever appears. */
export function InvitedPage(props: { user: SessionUser; invited: UserListItem; password: string }) {
  const { invited } = props;
  return (
    <OneTimePasswordPage title="Account created" user={props.user} account={invited} password={props.password}>
      They will choose their own password when they first sign in.
    </OneTimePasswordPage>
  );
}

/** Asking before a reset: what it does, and one button. */
export function ConfirmResetPage(props: { user: SessionUser; account: UserListItem }) {
  const { account } = props;
  return (
    <DeskPage title={`Reset the password of ${account.name}`} user={props.user}>
      <div class="narrow">
        <h1>Reset the password of {account.name}?</h1>
        <p>
          {account.name} ({account.email}) gets a new one-time password, shown to you once on the next page. Their
          current password stops working at once and they are signed out everywhere; they choose a new password when
          they next sign in.
        </p>
        {account.disabledAt ? <p class="notice">This account is disabled: it stays disabled until you enable it.</p> : null}
        <form method="post" action={`/desk/users/${account.id}/reset-password`} class="stack">
          <p>
            <button type="submit">Reset the password</button> <a href={`/desk/users#user-${account.id}`}>Cancel</a>
          </p>
        </form>
      </div>
    </DeskPage>
  );
}

/** The answer to a password reset: the new one-time password, shown this once. */
export function PasswordResetPage(props: { user: SessionUser; account: UserListItem; password: string }) {
  return (
    <OneTimePasswordPage title="Password reset" user={props.user} account={props.account} password={props.password}>
      Their old password no longer works and they have been signed out everywhere; they will choose a new password
      when they next sign in.
    </OneTimePasswordPage>
  );
}

function OneTimePasswordPage(props: { title: string; user: SessionUser; account: UserListItem; password: string; children: unknown }) {
  const { account } = props;
  return (
    <DeskPage title={props.title} user={props.user}>
      <div class="narrow">
        <h1>{props.title}</h1>
        <dl class="facts">
          <dt>Name</dt>
          <dd>{account.name}</dd>
          <dt>Email</dt>
          <dd>{account.email}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
        </dl>
        <h2>One-time password</h2>
        <p>
          <code class="one-time-password" id="one-time-password">
            {props.password}
          </code>
        </p>
        <div class="notice notice-warning" role="status">
          <p>
            Copy this password now and give it to {account.name} in person or by a secure channel. It is shown only
            this once: Claimdesk keeps only a hash of it. {props.children}
          </p>
        </div>
        <p>
          <a href={`/desk/users#user-${account.id}`}>Back to the users</a>
        </p>
      </div>
    </DeskPage>
  );
}
