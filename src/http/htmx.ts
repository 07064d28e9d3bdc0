/**
 * Answering htmx: the one place that reads its request headers. A real htmx swap gets the
 * fragment it asked for, anything else (a plain visit, a history restore) the whole page; both
 * answers say `Vary: HX-Request, HX-History-Restore-Request` so that no cache (the browser's own
 * included: a restore after a swap of the same address) serves one for the other.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HtmlEscapedString } from 'hono/utils/html';

type View = string | HtmlEscapedString | Promise<HtmlEscapedString>;

/** Any request htmx sent (a swap, a form post, a history restore). */
export function isHtmxRequest(headers: { get(name: string): string | null | undefined }): boolean {
  return headers.get('HX-Request') === 'true';
}

/** A request for a fragment to swap in: htmx, and not restoring a page from its history. */
export function wantsFragment(headers: { get(name: string): string | null | undefined }): boolean {
  return isHtmxRequest(headers) && headers.get('HX-History-Restore-Request') !== 'true';
}

export function isFragmentRequest(c: Context): boolean {
  return wantsFragment(c.req.raw.headers);
}

/** The fragment alone for an htmx swap, the whole page otherwise. */
export function fragmentOrPage(c: Context, fragment: () => View, page: () => View, status: ContentfulStatusCode = 200) {
  c.header('Vary', 'HX-Request, HX-History-Restore-Request');
  return c.html(isFragmentRequest(c) ? fragment() : page(), status);
}
