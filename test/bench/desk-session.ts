/**
 * The editor of the benchmark, working through the desk's real forms over HTTP: signing in at
 * /login, and publishing a claim from its review screen (the version comes from the form, as in a
 * browser). Used to measure the desk page and public reads while an editor publishes.
 */
import { BENCH_EDITOR, BENCH_PASSWORD } from './generate.js';

export type DeskSession = { cookie: string; publish: (claimId: number) => Promise<number> };

export async function signInEditor(base: string): Promise<DeskSession> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email: BENCH_EDITOR, password: BENCH_PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  const setCookie = response.headers.getSetCookie().find((line) => line.includes('session='));
  if (response.status !== 303 || !setCookie) throw new Error(`signing in as the editor answered ${response.status}`);
  const cookie = setCookie.split(';')[0]!;

  /** Publish one claim in review; resolves with the milliseconds the publish request took. */
  const publish = async (claimId: number) => {
    const screen = await fetch(`${base}/desk/review/${claimId}`, { headers: { Cookie: cookie } });
    const html = await screen.text();
    const version = /name="version" value="(\d+)"/.exec(html)?.[1];
    if (screen.status !== 200 || !version) throw new Error(`the review screen of claim ${claimId} answered ${screen.status}`);
    const started = performance.now();
    const published = await fetch(`${base}/desk/review/${claimId}/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: cookie },
      body: new URLSearchParams({ version, override_reason: 'Published by the benchmark', correction_note: '' }).toString(),
    });
    await published.arrayBuffer();
    if (published.status !== 303) throw new Error(`publishing claim ${claimId} answered ${published.status}`);
    return performance.now() - started;
  };
  return { cookie, publish };
}
