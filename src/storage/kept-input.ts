/**
 * What a person sent in a form whose save failed on storage, to show back to them so that nothing
 * they typed is lost. Password fields are never echoed into a page: they are asked for again.
 */
import type { Context } from 'hono';
import { readFormEntries, type FormEntry } from '../http/form.js';

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
  let entries: FormEntry[];
  try {
    entries = await readFormEntries(c);
  } catch {
    return null;
  }
  const fields: KeptField[] = entries.map(({ name, value }): KeptField => {
    if (SECRET_FIELDS.has(name)) return { kind: 'secret', name };
    return typeof value === 'string' ? { kind: 'text', name, value } : { kind: 'file', name };
  });
  const url = new URL(c.req.url);
  return { action: url.pathname + url.search, multipart, fields };
}
