/**
 * Error pages: a real page with the site's navigation, never a bare message. On the desk, for a
 * signed-in user, the desk's own layout and a way back to the desk.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import { DeskOrPublicPage } from '../layouts/desk.js';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That cannot be done now',
  413: 'Too large',
  422: 'Please check the form',
  500: 'Something went wrong on our side',
  503: 'Not available right now',
};

export function ErrorPage(props: { status: number; message: string; user?: SessionUser | null }) {
  const title = TITLES[props.status] ?? 'Something went wrong';
  const [home, homeLabel] = props.user ? ['/desk', 'Back to the desk'] : ['/', 'Back to the stories'];
  return (
    <DeskOrPublicPage title={title} user={props.user}>
      <h1>{title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={home}>{homeLabel}</a>
      </p>
    </DeskOrPublicPage>
  );
}
