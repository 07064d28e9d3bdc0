/**
 * `/desk/users`, for admins (`manage:users`): the accounts, inviting someone with a one-time
 * password, changing a role, disabling and re-enabling, resetting a forgotten password (after a
 * page that asks first). Only the fields each form names are read, so extra fields (an id, a
 * password hash, `disabled_at`) set nothing. A refused change is returned (an AccountOutcome,
 * ADR 012) and shown as a message beside the field or the row. The one-time password is shown in the answer to the
 * invitation (or the reset) itself and nowhere else: it is never stored, put in a URL or a cookie.
 */
import { Hono } from 'hono';
import { ROLES } from '../../db/schema/desk.js';
import { generatePassword } from '../auth/passwords.js';
import { redirect } from '../auth/middleware.js';
import { can, type Role } from '../auth/permissions.js';
import type { Db } from '../db.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { Forbidden } from '../errors.js';
import { positiveInt } from '../lib/fields.js';
import { isFragmentRequest } from '../http/htmx.js';
import { one, readForm } from '../http/form.js';
import { parseId } from '../http/params.js';
import { lockedAccounts } from '../auth/throttle.js';
import { getUser, inviteUser, listUsers, resetPassword, setDisabled, setRole, unlockLogin, type PasswordCost, type UserRow } from '../users/service.js';
import { REFUSAL_STATUS, type AccountOutcome } from '../users/outcome.js';
import { ConfirmResetPage, InvitedPage, PasswordResetPage, UsersPage, UserTableRow, type InviteInput } from '../../views/desk/users.js';
import type { FieldErrors } from '../../views/components/form.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Field messages for an invitation, before any domain code runs. */
function checkInvite(input: InviteInput): FieldErrors {
  const errors: FieldErrors = {};
  const email = input.email.trim();
  if (!email) errors.email = 'Enter their email address.';
  else if (!EMAIL.test(email) || email.length > 320) errors.email = 'Enter a valid email address, like name@newsroom.org.';
  const name = input.name.trim();
  if (!name) errors.name = 'Enter their name.';
  else if (name.length > 200) errors.name = 'Enter a name of at most 200 characters.';
  if (!isRole(input.role)) errors.role = 'Choose a role: journalist, editor or admin.';
  return errors;
}

/** Which invitation field a domain error is about (the service words its messages by field). */
export function userAdminRoutes(db: Db, options: { passwordCost: PasswordCost }) {
  const routes = new Hono<AppEnv>();

  routes.use('*', async (c, next) => {
    if (!can(c.var.user, 'manage:users')) throw new Forbidden('Only an admin can manage accounts.');
    return next();
  });

  /** Each account with when its sign-in lock ends, if it is locked. */
  const withLocks = (users: UserRow[]) => {
    const locked = lockedAccounts(db);
    return users.map((user) => ({ ...user, lockedUntil: locked.get(user.email) ?? null }));
  };
  const row = (id: number) => withLocks([getUser(db, id)])[0]!;

  const page = (c: AppContext, extra: Omit<Parameters<typeof UsersPage>[0], 'user' | 'users'> = {}) => (
    <UsersPage user={c.var.user!} users={withLocks(listUsers(db))} {...extra} />
  );

  routes.get('/', (c) => {
    const saved = c.req.query('saved');
    return c.html(page(c, { saved: (saved ? positiveInt(saved) : null) ?? undefined }));
  });

  routes.post('/', async (c) => {
    const form = await readForm(c);
    const invite: InviteInput = { email: one(form, 'email'), name: one(form, 'name'), role: one(form, 'role') };
    const errors = checkInvite(invite);
    if (Object.keys(errors).length > 0) return c.html(page(c, { invite, errors }), 422);
    const password = generatePassword();
    const outcome = await inviteUser(
      db,
      { email: invite.email, name: invite.name, role: invite.role as Role, password, mustChangePassword: true, ip: c.var.clientIp },
      c.var.user!,
      options.passwordCost,
    );
    if (outcome.kind !== 'saved') return c.html(page(c, { invite, errors: outcome.errors }), 422);
    const created = outcome.user;
    // Answered here, not after a redirect: the password exists nowhere else to redirect to.
    // Reloading re-posts the form, which then meets the existing email and creates nothing.
    c.header('Cache-Control', 'no-store');
    return c.html(<InvitedPage user={c.var.user!} invited={created} password={password} />, 201);
  });

  /** Run one change to a user's account, and answer as the form that asked expects. */
  const change = async (c: AppContext, work: (id: number, form: Record<string, string[]>) => AccountOutcome) => {
    const id = parseId(c.req.param('id') ?? '');
    getUser(db, id); // NotFound before reading the form
    const form = await readForm(c);
    const outcome = work(id, form);
    if (outcome.kind !== 'saved') {
      const status = REFUSAL_STATUS[outcome.reason];
      const message = outcome.message ?? Object.values(outcome.errors).join(' ');
      if (isFragmentRequest(c)) {
        return c.html(<UserTableRow user={row(id)} self={id === c.var.user!.id} error={message} />, status);
      }
      return c.html(page(c, { rowError: { id, message } }), status);
    }
    // An admin who gave up their own admin role may no longer see this page.
    if (id === c.var.user!.id && getUser(db, id).role !== 'admin') return redirect(c, '/desk');
    if (isFragmentRequest(c)) return c.html(<UserTableRow user={row(id)} self={id === c.var.user!.id} saved />);
    return redirect(c, `/desk/users?saved=${id}#user-${id}`);
  };

  routes.post('/:id/role', (c) =>
    change(c, (id, form) => setRole(db, id, one(form, 'role'), c.var.user!, c.var.clientIp)),
  );

  // Disabling a disabled account (a second click, a reload) is not a new event: nothing to do.
  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    routes.post(`/:id/${action}`, (c) =>
      change(c, (id) => setDisabled(db, id, disabled, c.var.user!, c.var.clientIp)),
    );
  }

  // Lifting a lock that has already ended (a second click, a reload) changes nothing.
  routes.post('/:id/unlock', (c) =>
    change(c, (id) => unlockLogin(db, c.var.user!, id, c.var.clientIp)),
  );

  routes.get('/:id/reset-password', (c) => {
    const id = parseId(c.req.param('id'));
    if (id === c.var.user!.id) return redirect(c, '/desk/password');
    return c.html(<ConfirmResetPage user={c.var.user!} account={getUser(db, id)} />);
  });

  routes.post('/:id/reset-password', async (c) => {
    const id = parseId(c.req.param('id'));
    getUser(db, id); // NotFound before reading the form
    await readForm(c); // nothing to read, but the body is drained and its limits apply
    const outcome = await resetPassword(db, id, c.var.user!, c.var.clientIp, options.passwordCost);
    if (outcome.kind !== 'saved') {
      return c.html(page(c, { rowError: { id, message: outcome.message ?? '' } }), REFUSAL_STATUS[outcome.reason]);
    }
    const { password } = outcome;
    c.header('Cache-Control', 'no-store');
    return c.html(<PasswordResetPage user={c.var.user!} account={getUser(db, id)} password={password} />);
  });

  return routes;
}
