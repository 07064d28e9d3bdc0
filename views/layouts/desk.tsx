/**
 * The desk's page shell: the same landmarks and assets as the public site, the desk's navigation
 * by permission, and the signed-in user with a sign-out button (a POST, never a link).
 */
import type { Child } from 'hono/jsx';
import { Doctype } from '../components/markdown.js';
import { can, type Permission } from '../../src/auth/permissions.js';
import type { SessionUser } from '../../src/auth/sessions.js';
import { DocumentHead, Page } from './page.js';
import { assetUrls } from '../../src/http/assets.js';

/** The desk's menu, in order; a link with a permission shows only to those who have it. */
const DESK_LINKS: [href: string, label: string, permission?: Permission][] = [
  ['/desk', 'Dashboard'],
  ['/desk/claims/new', 'New claim'],
  ['/desk/claims', 'Claims'],
  ['/desk/import', 'Import', 'create:record'],
  ['/desk/parties', 'Parties'],
  ['/desk/sources', 'Sources'],
  ['/desk/stories', 'Stories'],
  ['/desk/search', 'Search'],
  ['/desk/review', 'Review', 'review:claim'],
  ['/desk/audit', 'Audit log', 'view:audit'],
  ['/desk/users', 'Users', 'manage:users'],
  ['/', 'Public site'],
];

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
                {DESK_LINKS.filter(([, , permission]) => !permission || can(user, permission)).map(([href, label]) => (
                  <li>
                    <a href={href}>{label}</a>
                  </li>
                ))}
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
        <script src={assetUrls.desk} defer></script>
      </body>
      </html>
    </>
  );
}

/**
 * A page anyone may land on (an error, a save that was not stored): in the desk's layout for a
 * signed-in user, in the public site's otherwise.
 */
export function DeskOrPublicPage(props: { title: string; user?: SessionUser | null; children: Child }) {
  return props.user ? (
    <DeskPage title={props.title} user={props.user}>
      {props.children}
    </DeskPage>
  ) : (
    <Page title={props.title}>{props.children}</Page>
  );
}
