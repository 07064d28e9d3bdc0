/** Error pages: a real page with the site's navigation, never a bare message. */
import { Page } from '../layouts/page.js';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Someone else changed this first',
  413: 'Too large',
  422: 'Please check the form',
  500: 'Something went wrong on our side',
};

export function ErrorPage(props: { status: number; message: string }) {
  const title = TITLES[props.status] ?? 'Something went wrong';
  return (
    <Page title={title}>
      <h1>{title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to the stories</a>
      </p>
    </Page>
  );
}
