/**
 * Reading submitted forms. Every field arrives as text; a repeated field keeps all its values
 * (Hono keeps only the last unless asked). A NUL byte or an uploaded file where text is expected
 * is refused with a clear 400 before any domain code sees it.
 */
import type { Context } from 'hono';
import { Invalid } from '../errors.js';
import { assertUtf8Form } from './strict-utf8.js';

export type FormData = Record<string, string[]>;

export async function readForm(c: Context): Promise<FormData> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new Invalid('Send the form as a web form (application/x-www-form-urlencoded or multipart/form-data).');
  }
  await assertUtf8Body(c, type);
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new Invalid('The form could not be read.');
  }
  const form: FormData = {};
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    form[name] = values.map((v) => {
      if (typeof v !== 'string') throw new Invalid(`The field “${name.slice(0, 50)}” must be text, not a file.`);
      if (v.includes('\u0000')) throw new Invalid(`The field “${name.slice(0, 50)}” contains a NUL character.`);
      return v;
    });
  }
  return form;
}

/** Refuses (400, naming the field) a form whose text fields are not valid UTF-8. */
export async function assertUtf8Body(c: Context, type = c.req.header('Content-Type') ?? ''): Promise<void> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer(); // cached by Hono: parseBody reads the same bytes afterwards
  } catch {
    throw new Invalid('The form could not be read.');
  }
  assertUtf8Form(new Uint8Array(bytes), type);
}

/** The field's single value ('' when absent). A field sent twice is refused: it is not a list. */
export function one(form: FormData, name: string): string {
  const values = form[name];
  if (!values || values.length === 0) return '';
  if (values.length > 1) throw new Invalid(`The field “${name}” was sent more than once.`);
  return values[0]!;
}

export function many(form: FormData, name: string): string[] {
  return form[name] ?? [];
}

/** A local path to return to after signing in: never another site ("//evil", "https://…"). */
export function safeNext(next: string | undefined, fallback = '/desk'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  // A Location header carries printable ASCII only (CR/LF would split it, other characters throw):
  // a path with anything else is no place to go.
  if (/[^\u0021-\u007e]/.test(next)) return fallback;
  if (!next.startsWith('/desk')) return fallback;
  return next.slice(0, 500);
}
