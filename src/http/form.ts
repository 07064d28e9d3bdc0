/**
 * Reading submitted forms: the one parser of request bodies. The body's bytes are read once and
 * parsed here, urlencoded and multipart alike, with a fatal UTF-8 decoder: a text field with
 * invalid UTF-8 is refused naming it, never saved with replacement characters (the platform's
 * parsers replace them silently). Every field arrives as text; a repeated field keeps all its
 * values. A NUL byte, or a file where text is expected, is refused with a clear 400 before any
 * domain code sees it. The parsed body is kept for the request, so the page that gives back a
 * person's input after a storage failure reads the same parse.
 */
import type { Context } from 'hono';
import { Invalid } from '../errors.js';

export type FormData = Record<string, string[]>;
export type Upload = { filename: string; bytes: Uint8Array };
/** The body's fields in the order sent: text, or an uploaded file. */
export type FormEntry = { name: string; value: string | Upload };

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;
const decoder = new TextDecoder('utf-8', { fatal: true });

function strictText(bytes: Uint8Array, field: () => string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Invalid(`The field “${field().slice(0, 50)}” is not valid UTF-8 text.`);
  }
}

const lenient = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Percent-decoding to bytes (with + as space), as application/x-www-form-urlencoded does. */
function percentBytes(part: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const b = part[i]!;
    if (b === 0x2b) out.push(0x20);
    else if (b === 0x25 && i + 2 < part.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(part[i + 1]!, part[i + 2]!))) {
      out.push(parseInt(String.fromCharCode(part[i + 1]!, part[i + 2]!), 16));
      i += 2;
    } else out.push(b);
  }
  return Uint8Array.from(out);
}

function parseUrlencoded(bytes: Uint8Array): FormEntry[] {
  const entries: FormEntry[] = [];
  for (const pair of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').split('&')) {
    if (pair === '') continue;
    const raw = Buffer.from(pair, 'latin1');
    const eq = raw.indexOf(0x3d);
    const rawName = percentBytes(eq < 0 ? raw : raw.subarray(0, eq));
    const name = strictText(rawName, () => lenient(rawName));
    const value = eq < 0 ? '' : strictText(percentBytes(raw.subarray(eq + 1)), () => name);
    entries.push({ name, value });
  }
  return entries;
}

function unreadable(): never {
  throw new Invalid('The form could not be read.');
}

function parseMultipart(bytes: Uint8Array, contentType: string): FormEntry[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) unreadable();
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  // The first delimiter may open the body without the CRLF before it.
  let at = body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? -2 : body.indexOf(delimiter);
  if (at === -1) unreadable();
  const entries: FormEntry[] = [];
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') return entries;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) unreadable(); // no closing delimiter: cut off
    const part = body.subarray(afterDelimiter, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) unreadable();
    const headers = part.subarray(0, headerEnd).toString('latin1');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const rawName = Buffer.from(/\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '', 'latin1');
    const name = strictText(rawName, () => lenient(rawName));
    const content = part.subarray(headerEnd + 4);
    if (/filename\*?=/i.test(disposition)) {
      // Files are checked by the upload's own rules (kind, size, UTF-8, not binary).
      const filename = Buffer.from(/\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? '', 'latin1').toString('utf8');
      entries.push({ name, value: { filename, bytes: new Uint8Array(content) } });
    } else {
      entries.push({ name, value: strictText(content, () => name) });
    }
    at = next;
  }
}

const parsed = new WeakMap<Request, Promise<FormEntry[]>>();

/** The body parsed once for this request (a second call answers the same parse). */
export function readFormEntries(c: Context): Promise<FormEntry[]> {
  let entries = parsed.get(c.req.raw);
  if (!entries) {
    entries = (async () => {
      const type = c.req.header('Content-Type') ?? '';
      if (!FORM_TYPES.test(type)) {
        throw new Invalid('Send the form as a web form (application/x-www-form-urlencoded or multipart/form-data).');
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      } catch {
        unreadable();
      }
      return /^multipart\/form-data/i.test(type) ? parseMultipart(bytes, type) : parseUrlencoded(bytes);
    })();
    parsed.set(c.req.raw, entries);
  }
  return entries;
}

/** The text fields and the uploaded files of a form; only a form with a file input asks for this. */
export async function readFormWithFiles(c: Context): Promise<{ form: FormData; files: Record<string, Upload[]> }> {
  const form: FormData = {};
  const files: Record<string, Upload[]> = {};
  for (const { name, value } of await readFormEntries(c)) {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw new Invalid(`The field “${name.slice(0, 50)}” contains a NUL character.`);
      (form[name] ??= []).push(value);
    } else (files[name] ??= []).push(value);
  }
  return { form, files };
}

/** A form of text fields; a file in it is refused. */
export async function readForm(c: Context): Promise<FormData> {
  const { form, files } = await readFormWithFiles(c);
  const file = Object.keys(files)[0];
  if (file !== undefined) throw new Invalid(`The field “${file.slice(0, 50)}” must be text, not a file.`);
  return form;
}

/** The field's single value ('' when absent). A field sent twice is refused: it is not a list. */
export function one(form: FormData, name: string): string {
  const values = form[name];
  if (!values || values.length === 0) return '';
  if (values.length > 1) throw new Invalid(`The field “${name}” was sent more than once.`);
  return values[0]!;
}

/**
 * The single values of the fields a form's values are made of, each read from the field named
 * as its key in snake_case (`publishedOn` from `published_on`), the desk forms' convention.
 */
export function textFields<K extends string>(form: FormData, keys: readonly K[]): Record<K, string> {
  const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return Object.fromEntries(keys.map((key) => [key, one(form, snakeCase(key))])) as Record<K, string>;
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
