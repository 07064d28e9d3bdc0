/**
 * The desk's page shell: the same landmarks and assets as the public site, the desk's navigation
 * by permission, and the signed-in user with a sign-out button (a POST, never a link).
 */
import type { Child } from 'hono/jsx';
import { Doctype } from '../components/markdown.js';
import { can } from '../../src/auth/permissions.js';
import type { SessionUser } from '../../src/auth/sessions.js';
import { DocumentHead } from './page.js';

export function DeskPage(props: { title: string; user: SessionUser | null; children: Child }) {
  const { user } = props;
  return (
    <>
      <Doctype />
      <html lang="en-GB">
      <DocumentHead title={`${props.title} — Claimdesk desk`} noindex />
      <body class="desk">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header desk-header">
          <a class="brand" href={user ? '/desk' : '/'}>
            Claimdesk <span class="desk-tag">desk</span>
          </a>
          {user && !user.mustChangePassword ? (
            <nav aria-label="Desk">
              <ul>
                <li>
                  <a href="/desk">Dashboard</a>
                </li>
                <li>
                  <a href="/desk/claims/new">New claim</a>
                </li>
                <li>
                  <a href="/desk/claims">Claims</a>
                </li>
                {can(user, 'create:record') ? (
                  <li>
                    <a href="/desk/import">Import</a>
                  </li>
                ) : null}
                <li>
                  <a href="/desk/parties">Parties</a>
                </li>
                <li>
                  <a href="/desk/sources">Sources</a>
                </li>
                <li>
                  <a href="/desk/stories">Stories</a>
                </li>
                {can(user, 'review:claim') ? (
                  <li>
                    <a href="/desk/review">Review</a>
                  </li>
                ) : null}
                {can(user, 'view:audit') ? (
                  <li>
                    <a href="/desk/audit">Audit log</a>
                  </li>
                ) : null}
                {can(user, 'manage:users') ? (
                  <li>
                    <a href="/desk/users">Users</a>
                  </li>
                ) : null}
                <li>
                  <a href="/">Public site</a>
                </li>
              </ul>
            </nav>
          ) : null}
          {user ? (
            <form method="post" action="/logout" class="signout">
              <span class="meta">
                {user.name} ({user.role})
              </span>{' '}
              <button type="submit" class="secondary">
                Sign out
              </button>
            </form>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
      </html>
    </>
  );
}
