/**
 * What a person sent in a form whose save failed on storage, to show back to them so that nothing
 * they typed is lost. Password fields are never echoed into a page: they are asked for again.
 */
import type { Context } from 'hono';

/** The password fields of the login and password forms. */
const SECRET_FIELDS = new Set(['password', 'current', 'next']);

export type KeptField =
  | { kind: 'text'; name: string; value: string }
  | { kind: 'secret'; name: string }
  | { kind: 'file'; name: string };

export type KeptInput = { action: string; multipart: boolean; fields: KeptField[] };

/** The submitted form, read again from the body the route already parsed; null when there is none. */
export async function keptInput(c: Context): Promise<KeptInput | null> {
  const type = c.req.header('Content-Type') ?? '';
  const multipart = /^multipart\/form-data/i.test(type);
  if (!multipart && !/^application\/x-www-form-urlencoded/i.test(type)) return null;
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
  const fields: KeptField[] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (SECRET_FIELDS.has(name)) fields.push({ kind: 'secret', name });
      else if (typeof one === 'string') fields.push({ kind: 'text', name, value: one });
      else fields.push({ kind: 'file', name });
    }
  }
  const url = new URL(c.req.url);
  return { action: url.pathname + url.search, multipart, fields };
}
