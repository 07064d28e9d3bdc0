/** htmx request helpers: answer with a fragment only for a real htmx swap, never a history restore. */
import type { Context } from 'hono';

export function isFragmentRequest(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';
}
