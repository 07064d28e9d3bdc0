/** `/login` and `/desk/password`: signing in, and choosing one's own password. */
import type { SessionUser } from '../../src/auth/sessions.js';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.js';
import { DeskPage } from '../layouts/desk.js';

export function LoginPage(props: { email?: string; next?: string; error?: string; notice?: string }) {
  return (
    <DeskPage title="Sign in" user={null}>
      <div class="narrow">
        <h1>Sign in to the desk</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.error ? (
          <div class="error-summary" role="alert" id="error-summary">
            <p>{props.error}</p>
          </div>
        ) : null}
        <form method="post" action="/login" class="stack" data-busy="Signing in… this can take a few seconds.">
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <TextField name="email" label="Email" type="email" value={props.email} required autocomplete="username" />
          <TextField name="password" label="Password" type="password" required autocomplete="current-password" />
          <p>
            <button type="submit">Sign in</button>
            <span class="busy-indicator" role="status" data-busy-status></span>
          </p>
        </form>
        <p class="meta">Accounts are created by the newsroom’s admin.</p>
      </div>
    </DeskPage>
  );
}

export function PasswordPage(props: { user: SessionUser; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <DeskPage title="Your password" user={props.user}>
      <div class="narrow">
        <h1>Your password</h1>
        {props.user.mustChangePassword ? (
          <p class="notice" role="status">
            Your password was set for you. Choose your own before you go on.
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <form method="post" action="/desk/password" class="stack" data-busy="Changing your password…">
          <TextField name="current" label="Current password" type="password" required autocomplete="current-password" error={errors.current} />
          <TextField
            name="next"
            label="New password"
            type="password"
            required
            autocomplete="new-password"
            hint="At least 12 characters. A few unrelated words make a good one."
            error={errors.next}
          />
          <TextField name="confirm" label="New password again" type="password" required autocomplete="new-password" error={errors.confirm} />
          <p>
            <button type="submit">Change password</button>
            <span class="busy-indicator" role="status" data-busy-status></span>
          </p>
        </form>
      </div>
    </DeskPage>
  );
}
