/**
 * The hostile-input run: a table of the app's inputs (every route, form field, query parameter
 * and path segment), each tried with hostile values, and the rule every answer must keep:
 *
 *   - never a 5xx (nor a dropped connection);
 *   - a 4xx is an HTML page (JSON for /healthz) with a message a person can read;
 *   - a 4xx wrote nothing: the database's fingerprint (every table but audit_events,
 *     login_failures and sessions) is the same before and after;
 *   - no page reflects hostile markup (inline script, on* attribute, javascript: URL, …);
 *   - no answer weighs over 5 MB, nor (in the full run) takes over 10 s: the server has one thread;
 *   - after each target, revisions agree with their records and the database is sound, and
 *     after the run every page still answers (a stored value must not break a page).
 *
 * Values come from hostile-support.ts: BLNS, NUL, invalid UTF-8, huge numbers, long and
 * pathological text; each replaces a field's valid value or follows it ("/desk" + CR LF). Shapes:
 * a field missing, repeated, sent 35 000 times, uploaded as a file, or filling the 1 MB body;
 * bodies as JSON, text, broken multipart, over the limit with and without Content-Length.
 *
 * Forms are read from the pages that hold them (so a field added to a form is fuzzed without
 * touching this file); the table adds only what makes a request valid. Routes the table does not
 * name are found two ways: forms and htmx attributes on desk pages crawled as an admin, and the
 * app's own route list (`app.routes`), which gets generic cases (path segments, wrong bodies).
 */
import * as cheerio from 'cheerio';
import { MAX_BODY_BYTES } from '../../src/app.js';
import { THROTTLE, reserveAttempt } from '../../src/auth/throttle.js';
import { assetUrls } from '../../src/http/assets.js';
import { TEST_PASSWORD, startTestServer, type Client, type TestServer } from '../helpers/app.js';
import {
  DbWatch,
  appendPiece,
  corpus,
  formBody,
  invariantProblems,
  messageOf,
  multipartBody,
  pathValues,
  pieceText,
  pieceUrl,
  queryString,
  send,
  unsafeMarkup,
  type Entry,
  type Hostile,
  type Piece,
  type RawResponse,
} from './hostile-support.js';

export type Role = 'anonymous' | 'journalist' | 'editor' | 'admin';
export type Fx = { client?: Client; [key: string]: unknown };

export type Target = {
  name: string;
  /** Who sends it; a fixture may bring its own signed-in client instead (`fx.client`). */
  role: Role;
  method: 'GET' | 'POST';
  /** The Hono route pattern it exercises, for the coverage count. */
  route: string;
  /** Create what the request acts on. Run again after a success when `consumes`, or when `refreshOn` says so. */
  prepare?: (h: Harness) => Promise<Fx>;
  consumes?: boolean;
  refreshOn?: (status: number) => boolean;
  path: (fx: Fx) => string;
  /** The page whose form (the one posting to `path`) gives the field names and pre-filled values. */
  formPage?: (fx: Fx) => string;
  /** Values that make the request valid; they replace the page's values of the same names. */
  fields?: (fx: Fx, seq: number, h: Harness) => [string, string][];
  /** More field names to try that the page does not have (an unknown query parameter, `intent`…). */
  extra?: string[];
  /** Path parameters to try hostile segments in: name → the path with that segment. */
  pathParams?: Record<string, (fx: Fx, segment: string) => string>;
  /**
   * The page's form is sent as multipart/form-data (as its `enctype` says), `file` naming the field
   * that goes as an uploaded file: hostile values in it are the file's content.
   */
  multipart?: { file?: string; filename?: string; type?: string };
  /** /healthz and the API answer JSON. */
  json?: boolean;
  /** Also try hostile request headers (X-Request-Id; the session cookie when anonymous). */
  headers?: boolean;
  /** Each request costs a password hash: the sample sends fewer values. */
  slow?: boolean;
  /** After a success that `consumes`: update the fixture from what was sent and keep it (true), or prepare a new one. */
  keep?: (fx: Fx, sent: Entry[]) => boolean;
  origin?: 'table' | 'discovered' | 'generic';
};

export type Failure = { target: string; case: string; status: number; problems: string[]; snippet: string };

export type Stats = { target: string; origin: string; requests: number; ms: number; statuses: Record<string, number>; notes: string[] };

type Built = { method: string; path: string; body?: Buffer; contentType?: string; headers?: Record<string, string>; chunked?: boolean };

type Case = { label: string; hostile?: Hostile; build: (base: Base, fx: Fx) => Built };

type Base = { path: string; entries: Entry[]; buttons: string[] };

const t = (value: string): Piece => ({ text: value });
const ID = /^[1-9][0-9]*$/;

// ---------------------------------------------------------------- the harness

export class Harness {
  readonly watch: DbWatch;
  readonly clients = new Map<Role, Client>();
  readonly failures: Failure[] = [];
  readonly stats: Stats[] = [];
  readonly exercised = new Map<string, number>();
  serverErrors: Record<string, unknown>[] = [];
  picker?: Picker;
  private fixtures = new Map<string, Fx>();
  private forms = new Map<string, { entries: Entry[]; buttons: string[] } | null>();
  seq = 0;

  constructor(readonly server: TestServer) {
    this.watch = new DbWatch(server.db.$client);
  }

  static async start(): Promise<Harness> {
    // TRUST_PROXY: each request comes "from" its own address, so the per-address login throttle
    // does not turn every later login attempt into a 429.
    // The app's error log, so that a 500 is reported with the stack that caused it.
    const errors: Record<string, unknown>[] = [];
    const server = await startTestServer({ env: { TRUST_PROXY: '1' }, log: (line) => line.level === 'error' && errors.push(line) });
    const h = new Harness(server);
    h.serverErrors = errors;
    h.clients.set('anonymous', server.client());
    for (const role of ['journalist', 'editor', 'admin'] as const) h.clients.set(role, await server.signIn(role));
    return h;
  }

  stop() {
    return this.server.stop();
  }

  sql() {
    return this.server.db.$client;
  }

  client(role: Role): Client {
    return this.clients.get(role)!;
  }

  /** One raw request as `client` would send it: its cookies, our Origin on a POST, its own address. */
  async request(client: Client, built: Built, hx: boolean): Promise<RawResponse> {
    const n = ++this.seq;
    const headers: Record<string, string> = {
      'X-Forwarded-For': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ...(client.cookies.size ? { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      ...(built.method !== 'GET' ? { Origin: this.server.url } : {}),
      ...(built.contentType ? { 'Content-Type': built.contentType } : {}),
      ...(hx ? { 'HX-Request': 'true' } : {}),
      ...built.headers,
    };
    if (built.chunked) headers['Transfer-Encoding'] = 'chunked';
    return send(this.server.url, { method: built.method, path: built.path, headers, body: built.body, chunked: built.chunked });
  }

  async fixture(target: Target): Promise<Fx> {
    let fx = this.fixtures.get(target.name);
    if (!fx) {
      fx = target.prepare ? await target.prepare(this) : {};
      this.fixtures.set(target.name, fx);
      this.forms.delete(target.name);
    }
    return fx;
  }

  dropFixture(target: Target) {
    this.fixtures.delete(target.name);
    this.forms.delete(target.name);
  }

  /** The request that should succeed: the form as its page has it, with the table's valid values. */
  async base(target: Target, fx: Fx, notes: string[]): Promise<Base> {
    const path = target.path(fx);
    let form = this.forms.get(target.name);
    if (form === undefined && target.formPage) {
      const page = target.formPage(fx);
      const response = await (fx.client ?? this.client(target.role)).get(page);
      if (response.status >= 500) {
        this.failures.push({ target: target.name, case: `reading the form at ${page}`, status: response.status, problems: [`the form page answered ${response.status}`], snippet: '' });
      }
      form = readForm(response.body, pathOnly(path), target.method);
      if (!form) notes.push(`no form posting to ${pathOnly(path)} on ${page} (status ${response.status}): fields from the table only`);
      this.forms.set(target.name, form ?? null);
    }
    const valid = (target.fields?.(fx, this.seq, this) ?? []).map(([n, v]): Entry => [n, t(v)]);
    return { path, entries: merge(form?.entries ?? [], valid), buttons: form?.buttons ?? [] };
  }

  formChanged(target: Target) {
    this.forms.delete(target.name);
  }
}

function pathOnly(path: string) {
  return path.split('?')[0]!;
}

/** Name → value pairs of the form posting to `action`, as a browser would submit it. */
export function readForm(html: string, action: string, method: string): { entries: Entry[]; buttons: string[] } | undefined {
  const $ = cheerio.load(html);
  const form = $('form')
    .filter((_, el) => ($(el).attr('action') ?? '') === action && ($(el).attr('method') ?? 'get').toLowerCase() === method.toLowerCase())
    .first();
  if (!form.length) return undefined;
  const entries: Entry[] = [];
  const buttons = new Set<string>();
  form.find('input[name], select[name], textarea[name], button[name]').each((_, el) => {
    const $el = $(el);
    const name = $el.attr('name')!;
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return void buttons.add(name);
    if (tag === 'textarea') return void entries.push([name, t($el.text().replace(/^\n/, ''))]);
    if (tag === 'select') {
      const selected = $el.find('option[selected]').first();
      const option = selected.length ? selected : $el.find('option').first();
      return void entries.push([name, t(option.attr('value') ?? option.text())]);
    }
    const type = ($el.attr('type') ?? 'text').toLowerCase();
    if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) return void buttons.add(name);
    if ((type === 'checkbox' || type === 'radio') && $el.attr('checked') === undefined) return;
    entries.push([name, t($el.attr('value') ?? (type === 'checkbox' ? 'on' : ''))]);
  });
  return { entries, buttons: [...buttons] };
}

/** The page's entries with the table's values in place of the same names. */
function merge(page: Entry[], valid: Entry[]): Entry[] {
  const names = new Set(valid.map(([n]) => n));
  const out: Entry[] = [];
  const done = new Set<string>();
  for (const entry of page) {
    if (!names.has(entry[0])) out.push(entry);
    else if (!done.has(entry[0])) {
      done.add(entry[0]);
      out.push(...valid.filter(([n]) => n === entry[0]));
    }
  }
  for (const entry of valid) if (!done.has(entry[0])) out.push(entry);
  return out;
}

function replaceField(entries: Entry[], name: string, piece: Piece): Entry[] {
  const at = entries.findIndex(([n]) => n === name);
  if (at === -1) return [...entries, [name, piece]];
  return entries.map((e, i) => (i === at ? [name, piece] : e));
}

// ---------------------------------------------------------------- the cases

function fieldNames(target: Target, base: Base): string[] {
  return [...new Set([...base.entries.map(([n]) => n), ...base.buttons, ...(target.extra ?? [])])];
}

function request(target: Target, base: Base, entries: Entry[]): Built {
  if (target.method === 'GET') {
    const query = queryString(entries);
    return { method: 'GET', path: pathOnly(base.path) + (query ? `?${query}` : '') };
  }
  if (target.multipart) {
    const { file, filename = 'upload.txt', type = 'text/plain' } = target.multipart;
    return { method: 'POST', path: base.path, ...multipartBody(entries, file, { filename, type }) };
  }
  return { method: 'POST', path: base.path, body: formBody(entries), contentType: 'application/x-www-form-urlencoded' };
}

/** Header values as a client can send them: UTF-8 bytes as latin1 characters, no control characters. */
function headerValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/**
 * Hands out corpus values. The full run gives every value to every input. The sample gives each
 * input a few, taken in turn from one cursor per kind of input (form field, query parameter, path
 * segment, header), so across the run every value reaches every kind of input, deterministically.
 */
export class Picker {
  private cursors = new Map<string, number>();
  readonly used = new Map<string, Set<string>>();
  constructor(
    readonly values: Hostile[],
    readonly mode: 'sample' | 'all',
  ) {}
  take(kind: 'field' | 'query' | 'path' | 'header', n: number, pool: Hostile[] = this.values): Hostile[] {
    const picked = this.mode === 'all' ? pool : Array.from({ length: Math.min(n, pool.length) }, (_, i) => pool[((this.cursors.get(kind) ?? 0) + i) % pool.length]!);
    if (this.mode === 'sample') this.cursors.set(kind, ((this.cursors.get(kind) ?? 0) + picked.length) % pool.length);
    for (const hostile of picked) this.used.set(hostile.label, (this.used.get(hostile.label) ?? new Set()).add(kind));
    return picked;
  }
}

export function casesFor(target: Target, base: Base, picker: Picker): Case[] {
  const all = picker.mode === 'all';
  const cases: Case[] = [];
  const post = target.method === 'POST';
  const kind = post ? 'field' : 'query';
  cases.push({ label: 'the valid request', build: (b) => request(target, b, b.entries) });
  const names = fieldNames(target, base);

  // Hostile values in the fields: each field gets at least one in the sample, all of them in the full run.
  // Each value replaces the field's valid value, or (every other case in the sample, every fourth
  // value in the full run) follows it: "/desk/claims" + CR LF reaches code that "\r\n" alone does not.
  const valueCase = (name: string, hostile: Hostile, append: boolean): Case => ({
    label: append ? `${name} = valid + ${hostile.label}` : `${name} = ${hostile.label}`,
    hostile,
    build: (b) => {
      const valid = b.entries.find(([n]) => n === name)?.[1];
      return request(target, b, replaceField(b.entries, name, append && valid ? appendPiece(valid, hostile.piece) : hostile.piece));
    },
  });
  if (all) {
    const values = picker.take(kind, 0);
    for (const name of names) {
      values.forEach((hostile, i) => {
        cases.push(valueCase(name, hostile, false));
        if (i % 4 === 0) cases.push(valueCase(name, hostile, true));
      });
    }
  } else if (names.length) {
    const n = post ? Math.max(names.length, target.slow ? 8 : 12) : Math.max(2 * names.length, 16);
    picker.take(kind, n).forEach((hostile, i) => cases.push(valueCase(names[i % names.length]!, hostile, i % 2 === 1)));
  }

  // The shape of the request: a field missing, sent twice, uploaded as a file, or as long as the body limit allows.
  type Shape = { label: string; post?: boolean; get?: boolean; make: (name: string) => (b: Base) => Built };
  const allShapes: Shape[] = [
    { label: 'missing', make: (name) => (b) => request(target, b, b.entries.filter(([n]) => n !== name)) },
    {
      label: 'repeated',
      make: (name) => (b) => {
        const first = b.entries.find(([n]) => n === name)?.[1] ?? t('1');
        const second = 'text' in first && /^\d+$/.test(first.text) ? t(String(Number(first.text) + 1)) : t('2');
        return request(target, b, [...replaceField(b.entries, name, first), [name, second]]);
      },
    },
    {
      // SQLite binds at most 32 766 parameters: a list of ids looked up in one query must be bounded first.
      label: 'sent 35 000 times',
      post: true,
      make: (name) => (b) => {
        const first = b.entries.find(([n]) => n === name)?.[1] ?? t('1');
        const value = 'text' in first && first.text.length <= 8 && first.text !== '' ? first : t('1');
        return request(target, b, [...b.entries.filter(([n]) => n !== name), ...Array.from({ length: 35_000 }, (): Entry => [name, value])]);
      },
    },
    {
      label: 'just under the 1 MB body limit',
      post: true,
      make: (name) => (b) => {
        const without = formBody(replaceField(b.entries, name, t(''))).length;
        return request(target, b, replaceField(b.entries, name, t('a'.repeat(Math.max(0, MAX_BODY_BYTES - without - 16)))));
      },
    },
    {
      label: 'as an uploaded file (multipart)',
      post: true,
      make: (name) => (b) => {
        const { body, contentType } = multipartBody(replaceField(b.entries, name, t('file content')), name);
        return { method: 'POST', path: b.path, body, contentType };
      },
    },
    { label: 'over the 1 MB body limit', post: true, make: (name) => (b) => request(target, b, replaceField(b.entries, name, t('a'.repeat(MAX_BODY_BYTES + 1)))) },
    { label: '10 000 characters in the URL', get: true, make: (name) => (b) => request(target, b, replaceField(b.entries, name, t('q'.repeat(10_000)))) },
  ];
  const shapes = allShapes.filter((shape) => (post ? !shape.get : !shape.post));
  // The sample leaves the costly shapes to the full run (and to hostile.test.ts's own tests).
  const sampleShapes = shapes.filter((shape) => !shape.label.startsWith('over') && !shape.label.startsWith('sent 35'));
  names.forEach((name, i) => {
    // The sample: each field gets one shape, in turn (a body over the limit is tried once below).
    const chosen = all ? shapes : [sampleShapes[i % sampleShapes.length]!];
    for (const shape of chosen) cases.push({ label: `${name} ${shape.label}`, build: shape.make(name) });
  });

  // The body as a whole: wrong content types, broken multipart, over the limit with and without Content-Length.
  if (post) {
    const json = (b: Base): Built => ({
      method: 'POST',
      path: b.path,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(Object.fromEntries(b.entries.map(([n, p]) => [n, pieceText(p) ?? ''])))),
    });
    const bodies: Case[] = [
      { label: 'JSON body', build: json },
      {
        label: 'body one byte over the 1 MB limit',
        build: (b) => {
          const body = formBody(b.entries);
          const pad = Buffer.from(`&pad=${'a'.repeat(Math.max(0, MAX_BODY_BYTES + 1 - body.length - 5))}`);
          return { ...request(target, b, b.entries), body: Buffer.concat([body, pad]) };
        },
      },
      {
        label: 'chunked body over the 1 MB limit (no Content-Length)',
        build: (b) => ({ ...request(target, b, b.entries), body: Buffer.concat([formBody(b.entries), Buffer.from(`&pad=${'a'.repeat(MAX_BODY_BYTES)}`)]), chunked: true }),
      },
      { label: 'multipart without a boundary', build: (b) => ({ ...request(target, b, b.entries), contentType: 'multipart/form-data' }) },
      { label: 'the valid fields as multipart/form-data', build: (b) => ({ method: 'POST', path: b.path, ...multipartBody(b.entries) }) },
      { label: 'text/plain body', build: (b) => ({ ...request(target, b, b.entries), contentType: 'text/plain' }) },
      { label: 'no Content-Type', build: (b) => ({ ...request(target, b, b.entries), contentType: undefined }) },
      { label: 'urlencoded declared UTF-16', build: (b) => ({ ...request(target, b, b.entries), contentType: 'application/x-www-form-urlencoded; charset=utf-16' }) },
      {
        label: 'multipart cut off mid-part',
        build: (b) => {
          const { body, contentType } = multipartBody(b.entries);
          return { method: 'POST', path: b.path, body: body.subarray(0, Math.floor(body.length / 2)), contentType };
        },
      },
      { label: 'empty body', build: (b) => ({ method: 'POST', path: b.path, body: Buffer.alloc(0), contentType: 'application/x-www-form-urlencoded' }) },
    ];
    cases.push(...(all ? bodies : bodies.slice(0, 5)));
  } else {
    cases.push({ label: 'URL over Node’s 16 KB header limit', build: (b) => ({ method: 'GET', path: `${pathOnly(b.path)}?x=${'q'.repeat(20_000)}` }) });
  }

  // Path segments: the corpus plus what is hostile only in a path ("..", "%2F", …).
  const params = Object.entries(target.pathParams ?? {});
  const pathCase = ([param, withSegment]: (typeof params)[number], hostile: Hostile): Case => ({
    label: `path :${param} = ${hostile.label}`,
    hostile,
    build: (b, fx) => request(target, { ...b, path: withSegment(fx, pieceUrl(hostile.piece)) }, b.entries),
  });
  if (params.length) {
    const segments = [...picker.take('path', post ? 12 : 20), ...pathValues()];
    segments.forEach((hostile, i) => {
      // A valid-looking id on a POST would act on a real record: that is the table's job, not this one's.
      if (post && ID.test(pieceText(hostile.piece) ?? '')) return;
      if (all) for (const param of params) cases.push(pathCase(param, hostile));
      else cases.push(pathCase(params[i % params.length]!, hostile));
    });
  }

  // Headers are inputs too: the request id is logged, the cookie is looked up.
  if (target.headers) {
    const textual = picker.values.filter((v) => 'text' in v.piece);
    for (const hostile of picker.take('header', 24, textual)) {
      const value = headerValue(pieceText(hostile.piece)!).slice(0, 8000);
      cases.push({ label: `X-Request-Id = ${hostile.label}`, hostile, build: (b) => ({ ...request(target, b, b.entries), headers: { 'X-Request-Id': value } }) });
      if (target.role === 'anonymous') {
        cases.push({
          label: `session cookie = ${hostile.label}`,
          hostile,
          build: (b) => ({ ...request(target, b, b.entries), headers: { Cookie: `claimdesk_session=${value.replace(/[;,\s]/g, '')}` } }),
        });
      }
    }
  }
  return cases;
}

// ---------------------------------------------------------------- judging an answer

/**
 * Node's own HTTP parser answers some requests before the app sees them: a request line with raw
 * bytes above 0x7F (400) or headers over 16 KB (431), with no body and `Connection: close`. Hono
 * never runs, so there is no page to give; the run counts these and says so.
 */
export function nodeLevelRefusal(built: Built, res: RawResponse): boolean {
  if (res.headers['content-type'] || res.body) return false;
  if (res.status === 400 && /[\u0080-\u00ff]/.test(built.path)) return true;
  return res.status === 431 && built.path.length > 16_000;
}

/** Longer than this, one request holds the single-threaded server: every other reader waits. */
export const SLOW_MS = 10_000;
/** Larger than this, an answer amplifies a request (1 MB at most) into work and traffic for the server. */
export const LARGE_ANSWER_BYTES = 5_000_000;

/** `origin`: the app's configured origin, the only one its own absolute links (canonical, oEmbed) may name. */
export function judge(target: Target, built: Built, res: RawResponse, changed: string[], hostile: Hostile | undefined, ms = 0, origin?: string): string[] {
  const problems: string[] = [];
  if (ms > SLOW_MS) problems.push(`took ${(ms / 1000).toFixed(1)} s: one request blocks every other`);
  if (res.body.length > LARGE_ANSWER_BYTES) problems.push(`answered ${(res.body.length / 1e6).toFixed(1)} MB to a request of ${((built.body?.length ?? built.path.length) / 1e3).toFixed(0)} KB`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.status === 0) return [`no answer (${res.error})`];
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  else if (res.status >= 400) {
    if (!nodeLevelRefusal(built, res)) {
      if (target.json) {
        if (!/application\/json/.test(type)) problems.push(`${res.status} with Content-Type ${type || 'none'}, expected JSON`);
      } else if (!/text\/html/.test(type)) problems.push(`${res.status} with Content-Type ${type || 'none'}, expected an HTML page`);
      else if (!messageOf(res.body)) problems.push(`${res.status} page without a message`);
    }
    if (changed.length) problems.push(`refused with ${res.status} but wrote: ${changed.join('; ')}`);
  } else if (res.status >= 300 && res.status < 400 && !res.headers.location) problems.push(`${res.status} without Location`);
  else if (res.status === 204 && !res.headers['hx-redirect']) problems.push('204 without HX-Redirect');
  if (/text\/html/.test(type) && res.body) {
    const text = hostile ? pieceText(hostile.piece) : undefined;
    if (text && /[<>]|script|javascript|hx-|on\w+=/i.test(text)) {
      for (const p of unsafeMarkup(res.body, [], origin)) problems.push(`reflected markup: ${p}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- running

export async function runTarget(h: Harness, target: Target, picker: Picker): Promise<Stats> {
  const started = performance.now();
  const stats: Stats = { target: target.name, origin: target.origin ?? 'table', requests: 0, ms: 0, statuses: {}, notes: [] };
  let fx: Fx;
  let base: Base;
  try {
    fx = await h.fixture(target);
    base = await h.base(target, fx, stats.notes);
  } catch (error) {
    h.failures.push({ target: target.name, case: 'preparing the fixture', status: 0, problems: [String((error as Error)?.stack ?? error)], snippet: '' });
    stats.ms = performance.now() - started;
    h.stats.push(stats);
    return stats;
  }
  const cases = casesFor(target, base, picker);
  let index = 0;
  let nodeRefusals = 0;
  for (const c of cases) {
    index++;
    try {
      fx = await h.fixture(target);
      base = await h.base(target, fx, stats.notes);
    } catch (error) {
      h.failures.push({ target: target.name, case: `re-preparing before “${c.label}”`, status: 0, problems: [String(error)], snippet: '' });
      break;
    }
    const built = c.build(base, fx);
    const before = h.watch.mark();
    const sentAt = performance.now();
    const res = await h.request(fx.client ?? h.client(target.role), built, index % 2 === 0);
    const ms = performance.now() - sentAt;
    stats.requests++;
    stats.statuses[String(res.status)] = (stats.statuses[String(res.status)] ?? 0) + 1;
    h.exercised.set(`${target.method} ${target.route}`, (h.exercised.get(`${target.method} ${target.route}`) ?? 0) + 1);
    const changed = res.status >= 400 ? h.watch.changedSince(before) : [];
    if (res.status >= 400 && nodeLevelRefusal(built, res)) nodeRefusals++;
    // Time is judged in the full run only: npm test shares the machine, and a timed check there flakes.
    const problems = judge(target, built, res, changed, c.hostile, picker.mode === 'all' ? ms : 0, h.server.url);
    if (problems.length) {
      // A 500 is logged by the app with its request id and stack: report that, not just the status.
      const logged = res.status >= 500 ? h.serverErrors.splice(0).map((line) => `server log: ${String(line.error ?? line.msg).slice(0, 1500)}`) : [];
      h.failures.push({ target: target.name, case: c.label, status: res.status, problems: [...problems, ...logged], snippet: snippet(res.body) });
    }
    const ok = res.status >= 200 && res.status < 400;
    // A save bumps the record's version: read the form again (a form without a version stays valid).
    if (ok && target.method === 'POST' && base.entries.some(([n]) => n === 'version')) h.formChanged(target);
    const kept = ok && target.consumes && target.keep?.(fx, sentEntries(built));
    if ((ok && target.consumes && !kept) || target.refreshOn?.(res.status)) h.dropFixture(target);
  }
  if (nodeRefusals) stats.notes.push(`${nodeRefusals} requests refused by Node's HTTP parser before the app (raw bytes in the request line, or headers over 16 KB)`);
  for (const p of h.watch.verify()) h.failures.push({ target: target.name, case: 'the running fingerprint against a full recomputation', status: 0, problems: [p], snippet: '' });
  for (const p of invariantProblems(h.sql())) h.failures.push({ target: target.name, case: 'invariants after the target', status: 0, problems: [p], snippet: '' });
  stats.ms = performance.now() - started;
  h.stats.push(stats);
  return stats;
}

/** The fields of a urlencoded request, as text (what the app decoded, for text pieces). */
function sentEntries(built: Built): Entry[] {
  if (!built.body || built.contentType !== 'application/x-www-form-urlencoded') return [];
  const raw = built.body.toString('latin1');
  if (/%(?![0-9A-F]{2})|[\u0080-\u00ff]/i.test(raw)) return [];
  try {
    return [...new URLSearchParams(Buffer.from(raw, 'latin1').toString('utf8'))].map(([n, v]): Entry => [n, t(v)]);
  } catch {
    return [];
  }
}

function snippet(body: string): string {
  const $ = cheerio.load(body);
  return ($('main').text() || $('body').text() || body).replace(/\s+/g, ' ').trim().slice(0, 300);
}

// ---------------------------------------------------------------- fixtures

function idFrom(location: string | null, what: string): number {
  const match = /\/(\d+)(?:[?#]|$)/.exec(location ?? '');
  if (!match) throw new Error(`creating ${what}: expected a redirect to it, got ${location}`);
  return Number(match[1]);
}

async function created(client: Client, path: string, fields: Record<string, string | string[]>, what: string): Promise<number> {
  const page = await client.post(path, fields);
  if (page.status !== 303) throw new Error(`creating ${what} (${path}) answered ${page.status}: ${snippet(page.body)}`);
  return idFrom(page.location, what);
}

export function claimFields(h: Harness, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const sql = h.sql();
  const question = sql.prepare('SELECT id FROM questions WHERE slug = ?').pluck().get('leak-proves-western-involvement') as number;
  const party = sql.prepare('SELECT id FROM parties WHERE slug = ?').pluck().get('dmitry-peskov') as number;
  return {
    story: '1',
    party: String(party),
    statement: 'The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.',
    form: 'partial_quote',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'disputed',
    rating_explanation: 'Downing Street calls it *misinformation*.',
    stance_question: [String(question), ''],
    stance_position: ['asserts', 'asserts'],
    stance_note: ['Proof of direct involvement.', ''],
    citation_source: ['1', ''],
    citation_role: ['reports', 'reports'],
    citation_passage: ['Kremlin spokesperson Dmitry Peskov said it proved “the direct involvement of the collective West in the conflict in Ukraine”.', ''],
    comment: 'Hostile-input fixture',
    ...overrides,
  };
}

const entriesOf = (fields: Record<string, string | string[]>): [string, string][] =>
  Object.entries(fields).flatMap(([n, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [n, x]));

const versionOf = (h: Harness, table: string, id: number) => h.sql().prepare(`SELECT version FROM "${table}" WHERE id = ?`).pluck().get(id) as number;

export async function draftClaim(h: Harness, role: Role = 'journalist'): Promise<number> {
  return created(h.client(role), '/desk/claims', claimFields(h), 'a draft claim');
}

export async function inReviewClaim(h: Harness): Promise<number> {
  const id = await draftClaim(h);
  const page = await h.client('journalist').post(`/desk/claims/${id}/submit`, { version: String(versionOf(h, 'claims', id)) });
  if (page.status !== 303) throw new Error(`submitting claim ${id} answered ${page.status}`);
  return id;
}

export async function publishedClaim(h: Harness): Promise<number> {
  const id = await inReviewClaim(h);
  const page = await h.client('editor').post(`/desk/review/${id}/publish`, { version: String(versionOf(h, 'claims', id)), override_reason: 'Fixture for the hostile-input run.' });
  if (page.status !== 303) throw new Error(`publishing claim ${id} answered ${page.status}: ${snippet(page.body)}`);
  return id;
}

let unique = 0;
const next = () => `${process.pid}-${++unique}`;

async function journalistParty(h: Harness) {
  return created(h.client('journalist'), '/desk/parties', { name: `Hostile party ${next()}`, kind: 'person' }, 'a party');
}
async function journalistSource(h: Harness) {
  return created(h.client('journalist'), '/desk/sources', { title: `Hostile source ${next()}`, publisher: 'Hostile Gazette', kind: 'news_report' }, 'a source');
}
async function editorStory(h: Harness) {
  return created(h.client('editor'), '/desk/stories', { title: `Hostile story ${next()}`, summary_md: 'A summary.', starts_on: '2024-03-01' }, 'a story');
}
async function storyQuestion(h: Harness) {
  const story = await editorStory(h);
  const label = `Label ${next()}`;
  const question = await created(h.client('editor'), `/desk/stories/${story}/questions`, { proposition: `Proposition ${label}`, short_label: label, position: '1' }, 'a question');
  return { story, question };
}

async function ownClient(h: Harness, role: 'journalist' | 'editor' | 'admin' = 'journalist') {
  return h.server.signIn(role);
}

/** A capture of a report quoting two known speakers and a new one: the suggester finds three statements. */
const SUGGESTIBLE = [
  'Germany’s defence minister faced more questions on Thursday.',
  '“We have closed the gap in our procedures,” Mr Pistorius said on Wednesday.',
  '“The Kremlin will study the recording closely,” Dmitry Peskov said on Wednesday.',
  '“The harbour stays shut until spring,” said Marta Lindqvist, who chairs the port board.',
].join('\n');

/** A journalist's source with one archived capture (pasted), whose suggestions page lists statements. */
async function capturedSource(h: Harness) {
  const id = await journalistSource(h);
  const page = await h.client('journalist').post(`/desk/sources/${id}/archive`, { text: SUGGESTIBLE });
  if (page.status !== 303) throw new Error(`archiving source ${id} answered ${page.status}: ${snippet(page.body)}`);
  return id;
}

/**
 * A captured source and a story of its own to check its suggestions against: a suggestion drafted
 * into a story is "already recorded" there, so each fixture's suggestions are all fresh.
 */
async function suggestionsFixture(h: Harness) {
  return { id: await capturedSource(h), story: await editorStory(h) };
}

/** The suggestion keys the page offers to draft together (the checkboxes outside the form, `form="draft-several"`). */
async function suggestionPicks(h: Harness, sourceId: number, story: number): Promise<string[]> {
  const page = await h.client('journalist').get(`/desk/sources/${sourceId}/suggest?story=${story}`);
  const picks = page.$('input[name="pick"][form="draft-several"]').map((_, el) => page.$(el).attr('value') ?? '').get().filter(Boolean);
  if (!picks.length) throw new Error(`the suggestions of source ${sourceId} offer nothing to draft (status ${page.status})`);
  return picks;
}

/**
 * A published claim of the first story with a second English rendering in other words, from the
 * same cited source, and its Russian original: the story's translations page lists it.
 */
async function partingClaim(h: Harness): Promise<number> {
  const id = await draftClaim(h);
  const journalist = h.client('journalist');
  const version = () => String(versionOf(h, 'claims', id));
  for (const [path, fields] of [
    ['renderings', { text: 'The leak showed that the collective West is directly involved in the Ukraine conflict.', language: 'en', source: '1', translated_by: 'outlet', translator_name: '', comment: 'A second wording' }],
    ['original', { language: 'ru', original: 'Это доказывает прямое участие коллективного Запада в конфликте на Украине.', comment: '' }],
  ] as const) {
    const page = await journalist.post(`/desk/claims/${id}/words/${path}`, { ...fields, version: version() });
    if (page.status !== 303) throw new Error(`words/${path} of claim ${id} answered ${page.status}: ${snippet(page.body)}`);
  }
  await journalist.post(`/desk/claims/${id}/submit`, { version: version() });
  const page = await h.client('editor').post(`/desk/review/${id}/publish`, { version: version(), override_reason: 'Fixture for the hostile-input run.' });
  if (page.status !== 303) throw new Error(`publishing claim ${id} answered ${page.status}: ${snippet(page.body)}`);
  return id;
}

/** A claim log as a newsroom keeps it: a known speaker, a new one, both date styles, every column. */
export const IMPORT_CSV = [
  'Speaker,Statement,Date,Venue,Source URL,Source title,Form',
  'Dmitry Peskov,"The recording shows that the West is directly involved.",2024-03-05,Remarks to reporters,https://example.org/peskov-remarks,Peskov on the recording,paraphrase',
  'Marta Lindqvist,"The harbour stays shut until spring, whatever the ministry says.",07.03.2024,Port board meeting,,,verbatim',
].join('\r\n');

/** The preview page's own form (story, column choices, the carried CSV), as the first upload's preview shows it. */
async function importPreviewForm(h: Harness): Promise<{ entries: [string, string][] }> {
  const page = await h.client('journalist').post('/desk/import/preview', { story: '1', csv: IMPORT_CSV });
  const form = readForm(page.body, '/desk/import/preview', 'post');
  if (page.status !== 200 || !form) throw new Error(`the import preview answered ${page.status} without its form: ${snippet(page.body)}`);
  return { entries: form.entries.map(([name, piece]): [string, string] => [name, pieceText(piece) ?? '']) };
}

/** The `next` cursor of an API list's first page (a real one, for cursors that follow a valid one). */
async function apiCursor(h: Harness, path: string): Promise<string> {
  const page = await h.client('anonymous').get(path);
  const next = (JSON.parse(page.body) as { next?: string | null }).next;
  if (page.status !== 200 || !next) throw new Error(`${path} answered ${page.status} with no next page`);
  return next;
}

// ---------------------------------------------------------------- the table

export function tableTargets(): Target[] {
  return [
    // ---- public pages
    { name: 'home', role: 'anonymous', method: 'GET', route: '/', path: () => '/', extra: ['x'], headers: true },
    {
      name: 'story page with filter',
      role: 'anonymous',
      method: 'GET',
      route: '/stories/:story',
      path: () => '/stories/taurus-leak',
      fields: () => [
        ['party', 'dmitry-peskov'],
        ['party', 'downing-street'],
        ['question', 'british-personnel-on-the-ground'],
      ],
      pathParams: { story: (_, s) => `/stories/${s}` },
    },
    {
      name: 'question page',
      role: 'anonymous',
      method: 'GET',
      route: '/stories/:story/questions/:question',
      path: () => '/stories/taurus-leak/questions/british-personnel-on-the-ground',
      extra: ['x'],
      pathParams: {
        story: (_, s) => `/stories/${s}/questions/british-personnel-on-the-ground`,
        question: (_, s) => `/stories/taurus-leak/questions/${s}`,
      },
    },
    { name: 'party page', role: 'anonymous', method: 'GET', route: '/parties/:party', path: () => '/parties/dmitry-peskov', extra: ['x'], pathParams: { party: (_, s) => `/parties/${s}` } },
    { name: 'claim permalink', role: 'anonymous', method: 'GET', route: '/claims/:id', path: () => '/claims/1', extra: ['x'], pathParams: { id: (_, s) => `/claims/${s}` } },
    { name: 'source page', role: 'anonymous', method: 'GET', route: '/sources/:id', path: () => '/sources/1', extra: ['x'], pathParams: { id: (_, s) => `/sources/${s}` } },
    { name: 'corrections', role: 'anonymous', method: 'GET', route: '/corrections', path: () => '/corrections', extra: ['x'] },
    { name: 'healthz', role: 'anonymous', method: 'GET', route: '/healthz', path: () => '/healthz', extra: ['x'], json: true },
    {
      name: 'search',
      role: 'anonymous',
      method: 'GET',
      route: '/search',
      path: () => '/search',
      fields: () => [['q', 'leak spy'], ['kind', 'claim'], ['story', 'taurus-leak'], ['party', 'boris-pistorius'], ['question', '1'], ['position', 'asserts'], ['rating', 'unverified'], ['source_kind', 'news_report'], ['from', '2024-03-01'], ['to', '2024-03-31'], ['page', '1']],
      extra: ['x'],
    },
    {
      name: 'oembed',
      role: 'anonymous',
      method: 'GET',
      route: '/oembed',
      prepare: async (h) => ({ url: `${h.server.url}/claims/1` }),
      path: () => '/oembed',
      fields: (fx) => [['url', String(fx.url)], ['format', 'json'], ['maxwidth', '400'], ['maxheight', '200']],
      extra: ['x'],
      json: true,
    },
    {
      name: 'translations that part ways',
      role: 'anonymous',
      method: 'GET',
      route: '/stories/:story/translations',
      // A claim with two English wordings, so the page lists one and shows where they differ.
      prepare: async (h) => ({ id: await partingClaim(h) }),
      path: () => '/stories/taurus-leak/translations',
      extra: ['x'],
      pathParams: { story: (_, s) => `/stories/${s}/translations` },
    },

    // ---- Atom feeds (the answers are XML: only 4xx pages are judged as pages)
    { name: 'site feed', role: 'anonymous', method: 'GET', route: '/feed.atom', path: () => '/feed.atom', extra: ['x'] },
    { name: 'corrections feed', role: 'anonymous', method: 'GET', route: '/corrections.atom', path: () => '/corrections.atom', extra: ['x'] },
    {
      name: 'story feed',
      role: 'anonymous',
      method: 'GET',
      route: '/stories/:story/feed.atom',
      path: () => '/stories/taurus-leak/feed.atom',
      extra: ['x'],
      pathParams: { story: (_, s) => `/stories/${s}/feed.atom` },
    },
    {
      name: 'party feed',
      role: 'anonymous',
      method: 'GET',
      route: '/parties/:party/feed.atom',
      path: () => '/parties/dmitry-peskov/feed.atom',
      extra: ['x'],
      pathParams: { party: (_, s) => `/parties/${s}/feed.atom` },
    },

    // ---- the public API: every answer JSON, errors included (its HTML docs page aside)
    { name: 'API: address without a version', role: 'anonymous', method: 'GET', route: '/api', path: () => '/api', extra: ['x'] },
    { name: 'API: its root', role: 'anonymous', method: 'GET', route: '/api/v1', path: () => '/api/v1', extra: ['x'], json: true },
    { name: 'API: documentation page', role: 'anonymous', method: 'GET', route: '/api/v1/docs', path: () => '/api/v1/docs', extra: ['x'] },
    { name: 'API: OpenAPI document', role: 'anonymous', method: 'GET', route: '/api/v1/openapi.json', path: () => '/api/v1/openapi.json', extra: ['x'], json: true },
    {
      name: 'API: stories',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/stories',
      path: () => '/api/v1/stories',
      fields: () => [['limit', '10']],
      extra: ['cursor'],
      json: true,
    },
    {
      name: 'API: a story',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/stories/:story',
      path: () => '/api/v1/stories/taurus-leak',
      extra: ['x'],
      pathParams: { story: (_, s) => `/api/v1/stories/${s}` },
      json: true,
    },
    {
      name: 'API: a story’s questions',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/stories/:story/questions',
      path: () => '/api/v1/stories/taurus-leak/questions',
      extra: ['x'],
      pathParams: { story: (_, s) => `/api/v1/stories/${s}/questions` },
      json: true,
    },
    {
      name: 'API: claims, filtered, second page',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/claims',
      prepare: async (h) => ({ cursor: await apiCursor(h, '/api/v1/claims?story=taurus-leak&limit=2') }),
      path: () => '/api/v1/claims',
      fields: (fx) => [
        ['story', 'taurus-leak'],
        ['limit', '2'],
        ['cursor', String(fx.cursor)],
      ],
      extra: ['party'],
      json: true,
    },
    {
      name: 'API: claims by a party',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/claims',
      path: () => '/api/v1/claims',
      fields: () => [['party', 'dmitry-peskov']],
      json: true,
    },
    { name: 'API: a claim', role: 'anonymous', method: 'GET', route: '/api/v1/claims/:id', path: () => '/api/v1/claims/1', extra: ['x'], pathParams: { id: (_, s) => `/api/v1/claims/${s}` }, json: true },
    {
      name: 'API: parties, second page',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/parties',
      prepare: async (h) => ({ cursor: await apiCursor(h, '/api/v1/parties?limit=2') }),
      path: () => '/api/v1/parties',
      fields: (fx) => [
        ['limit', '2'],
        ['cursor', String(fx.cursor)],
      ],
      json: true,
    },
    {
      name: 'API: a party',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/parties/:party',
      path: () => '/api/v1/parties/dmitry-peskov',
      extra: ['x'],
      pathParams: { party: (_, s) => `/api/v1/parties/${s}` },
      json: true,
    },
    {
      name: 'API: sources, second page',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/sources',
      prepare: async (h) => ({ cursor: await apiCursor(h, '/api/v1/sources?limit=1') }),
      path: () => '/api/v1/sources',
      fields: (fx) => [
        ['limit', '1'],
        ['cursor', String(fx.cursor)],
      ],
      json: true,
    },
    { name: 'API: a source', role: 'anonymous', method: 'GET', route: '/api/v1/sources/:id', path: () => '/api/v1/sources/1', extra: ['x'], pathParams: { id: (_, s) => `/api/v1/sources/${s}` }, json: true },
    {
      name: 'API: corrections',
      role: 'anonymous',
      method: 'GET',
      route: '/api/v1/corrections',
      path: () => '/api/v1/corrections',
      fields: () => [['limit', '5']],
      extra: ['cursor'],
      json: true,
    },

    // ---- our own static files (hashed names)
    ...(['css', 'htmx', 'desk'] as const).map(
      (asset): Target => ({ name: `asset: ${asset}`, role: 'anonymous', method: 'GET', route: assetUrls[asset], path: () => assetUrls[asset], extra: ['x', 'v'] }),
    ),

    // ---- signing in
    { name: 'login page', role: 'anonymous', method: 'GET', route: '/login', path: () => '/login', fields: () => [['next', '/desk/claims']], extra: ['signed-out'] },
    {
      name: 'login',
      role: 'anonymous',
      method: 'POST',
      route: '/login',
      prepare: async (h) => ({ email: (await h.server.addUser('journalist')).email }),
      // Five failures lock the account for 15 minutes: then a fresh account, so every case reaches the password check.
      refreshOn: (status) => status === 429,
      slow: true,
      path: () => '/login',
      formPage: () => '/login?next=%2Fdesk%2Fclaims',
      fields: (fx) => [
        ['email', String(fx.email)],
        ['password', TEST_PASSWORD],
        ['next', '/desk/claims'],
      ],
    },
    { name: 'logout', role: 'anonymous', method: 'POST', route: '/logout', path: () => '/logout', extra: ['next'] },
    {
      name: 'password page',
      role: 'journalist',
      method: 'GET',
      route: '/desk/password',
      prepare: async (h) => ({ client: await ownClient(h) }),
      path: () => '/desk/password',
      extra: ['x'],
    },
    {
      name: 'change password',
      role: 'journalist',
      method: 'POST',
      route: '/desk/password',
      prepare: async (h) => ({ client: await ownClient(h), password: TEST_PASSWORD }),
      consumes: true,
      slow: true,
      // A success changed the password to what was sent: the next request gives it as the current one.
      keep: (fx, sent) => {
        const next = sent.filter(([n]) => n === 'next');
        if (next.length !== 1 || !('text' in next[0]![1]) || next[0]![1].text.includes('\uFFFD')) return false;
        fx.password = next[0]![1].text;
        return true;
      },
      path: () => '/desk/password',
      formPage: () => '/desk/password',
      fields: (fx) => [
        ['current', String(fx.password)],
        ['next', 'a new and long enough passphrase'],
      ],
    },

    // ---- the desk: claims
    { name: 'dashboard', role: 'journalist', method: 'GET', route: '/desk', path: () => '/desk', extra: ['x'], headers: true },
    {
      name: 'claim list',
      role: 'journalist',
      method: 'GET',
      route: '/desk/claims',
      path: () => '/desk/claims',
      fields: () => [
        ['state', 'draft'],
        ['mine', '1'],
      ],
    },
    { name: 'new claim form', role: 'journalist', method: 'GET', route: '/desk/claims/new', path: () => '/desk/claims/new', fields: () => [['story', '1']] },
    {
      name: 'Markdown preview',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/preview',
      path: () => '/desk/claims/preview',
      fields: () => [['rating_explanation', 'Downing Street calls it *misinformation*.']],
    },
    {
      name: 'new stance/citation row',
      role: 'journalist',
      method: 'GET',
      route: '/desk/claims/rows/:kind',
      path: () => '/desk/claims/rows/stance',
      fields: () => [
        ['index', '3'],
        ['story', '1'],
      ],
      pathParams: { kind: (_, s) => `/desk/claims/rows/${s}` },
    },
    {
      name: 'create claim',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims',
      path: () => '/desk/claims',
      formPage: () => '/desk/claims/new?story=1',
      fields: (_, seq, h) => entriesOf({ ...claimFields(h), comment: `Hostile create ${seq}` }),
      extra: ['intent', 'state', 'author_id'],
    },
    {
      name: 'desk claim page',
      role: 'journalist',
      method: 'GET',
      route: '/desk/claims/:id',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}`,
      extra: ['saved', 'submitted'],
      pathParams: { id: (_, s) => `/desk/claims/${s}` },
    },
    {
      name: 'claim edit form',
      role: 'journalist',
      method: 'GET',
      route: '/desk/claims/:id/edit',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}/edit`,
      extra: ['x'],
      pathParams: { id: (_, s) => `/desk/claims/${s}/edit` },
    },
    {
      name: 'edit a draft claim',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/:id',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}`,
      formPage: (fx) => `/desk/claims/${fx.id}/edit`,
      fields: (_, seq) => [['comment', `Hostile edit ${seq}`]],
      extra: ['intent', 'state', 'author_id'],
      pathParams: { id: (_, s) => `/desk/claims/${s}` },
    },
    {
      name: 'edit a published claim (pending edit)',
      role: 'editor',
      method: 'POST',
      route: '/desk/claims/:id',
      prepare: async (h) => ({ id: await publishedClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}`,
      formPage: (fx) => `/desk/claims/${fx.id}/edit`,
      fields: (_, seq) => [['comment', `Hostile pending edit ${seq}`]],
    },
    {
      name: 'submit for review',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/:id/submit',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      consumes: true,
      path: (fx) => `/desk/claims/${fx.id}/submit`,
      formPage: (fx) => `/desk/claims/${fx.id}`,
      pathParams: { id: (_, s) => `/desk/claims/${s}/submit` },
    },
    {
      name: 'history and compare',
      role: 'editor',
      method: 'GET',
      route: '/desk/claims/:id/history',
      prepare: async (h) => {
        const id = await draftClaim(h, 'editor');
        await h.client('editor').post(`/desk/claims/${id}`, claimFields(h, { version: '1', venue: 'Second version' }));
        return { id };
      },
      path: (fx) => `/desk/claims/${fx.id}/history`,
      fields: () => [
        ['from', '1'],
        ['to', '2'],
      ],
      pathParams: { id: (_, s) => `/desk/claims/${s}/history` },
    },
    {
      name: 'restore a version',
      role: 'editor',
      method: 'POST',
      route: '/desk/claims/:id/restore',
      prepare: async (h) => {
        const id = await draftClaim(h, 'editor');
        await h.client('editor').post(`/desk/claims/${id}`, claimFields(h, { version: '1', venue: 'Second version' }));
        return { id };
      },
      path: (fx) => `/desk/claims/${fx.id}/restore`,
      formPage: (fx) => `/desk/claims/${fx.id}/history`,
      fields: () => [['restore', '1']],
      pathParams: { id: (_, s) => `/desk/claims/${s}/restore` },
    },

    // ---- a claim's words: its original and renderings
    {
      name: 'claim words page',
      role: 'journalist',
      method: 'GET',
      route: '/desk/claims/:id/words',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}/words`,
      extra: ['saved'],
      pathParams: { id: (_, s) => `/desk/claims/${s}/words` },
    },
    {
      name: 'add a rendering',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/:id/words/renderings',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      // Each success adds one: a claim with a thousand renderings takes a second to save (its revisions
      // hold every one each time), so the full run would grow one claim without end. A fresh draft instead.
      consumes: true,
      path: (fx) => `/desk/claims/${fx.id}/words/renderings`,
      formPage: (fx) => `/desk/claims/${fx.id}/words`,
      fields: (_, seq) => [
        ['text', `Die Aufnahme beweise die direkte Beteiligung des kollektiven Westens (${seq}).`],
        ['source', '1'],
        ['language', 'de'],
        ['translated_by', 'translator'],
        ['translator_name', 'Hostile Translator'],
        ['comment', `Hostile rendering ${seq}`],
      ],
      pathParams: { id: (_, s) => `/desk/claims/${s}/words/renderings` },
    },
    {
      name: 'record the original',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/:id/words/original',
      prepare: async (h) => ({ id: await draftClaim(h) }),
      path: (fx) => `/desk/claims/${fx.id}/words/original`,
      formPage: (fx) => `/desk/claims/${fx.id}/words`,
      fields: (_, seq) => [
        ['language', 'ru'],
        ['original', 'Это доказывает прямое участие коллективного Запада в конфликте на Украине.'],
        ['comment', `Hostile original ${seq}`],
      ],
      pathParams: { id: (_, s) => `/desk/claims/${s}/words/original` },
    },
    {
      // The suggestions page's offer ("Add as another rendering"), whose hidden fields are these.
      name: 'add a suggestion as a rendering',
      role: 'journalist',
      method: 'POST',
      route: '/desk/claims/:id/words/from-source',
      prepare: async (h) => ({ id: await draftClaim(h), source: await capturedSource(h) }),
      // As for "add a rendering": each success adds one.
      consumes: true,
      path: (fx) => `/desk/claims/${fx.id}/words/from-source`,
      fields: (fx, _, h) => [
        ['source', String(fx.source)],
        ['text', 'The Kremlin will study the recording closely.'],
        ['passage', '“The Kremlin will study the recording closely,” Dmitry Peskov said on Wednesday.'],
        ['version', String(versionOf(h, 'claims', Number(fx.id)))],
      ],
      pathParams: { id: (_, s) => `/desk/claims/${s}/words/from-source` },
    },

    // ---- suggestions from an archived source
    {
      name: 'source archive page, comparing captures',
      role: 'journalist',
      method: 'GET',
      route: '/desk/sources/:id/archive',
      prepare: async (h) => {
        const id = await capturedSource(h);
        const again = await h.client('journalist').post(`/desk/sources/${id}/archive`, { text: `${SUGGESTIBLE}\nA paragraph added later.` });
        if (again.status !== 303) throw new Error(`a second capture of source ${id} answered ${again.status}`);
        return { id, snapshot: h.sql().prepare('SELECT max(id) FROM source_snapshots WHERE source_id = ?').pluck().get(id) };
      },
      path: (fx) => `/desk/sources/${fx.id}/archive`,
      fields: (fx) => [
        ['compare', String(fx.snapshot)],
        ['passage', '0-40'],
      ],
      extra: ['archived'],
      pathParams: { id: (_, s) => `/desk/sources/${s}/archive` },
    },
    {
      name: 'archive a capture (pasted)',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/archive',
      prepare: async (h) => ({ id: await journalistSource(h) }),
      path: (fx) => `/desk/sources/${fx.id}/archive`,
      formPage: (fx) => `/desk/sources/${fx.id}/archive`,
      multipart: {},
      fields: (_, seq) => [['text', `${SUGGESTIBLE}\nCapture ${seq}.`]],
      extra: ['file'],
      pathParams: { id: (_, s) => `/desk/sources/${s}/archive` },
    },
    {
      name: 'archive a capture (an uploaded HTML file)',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/archive',
      prepare: async (h) => ({ id: await journalistSource(h) }),
      path: (fx) => `/desk/sources/${fx.id}/archive`,
      formPage: (fx) => `/desk/sources/${fx.id}/archive`,
      multipart: { file: 'file', filename: 'capture.html', type: 'text/html' },
      fields: (_, seq) => [
        ['text', ''],
        ['file', `<html><head><title>Report</title></head><body><nav>Home</nav><h1>Follow-up ${seq}</h1><p>${SUGGESTIBLE.split('\n').join('</p><p>')}</p></body></html>`],
      ],
    },
    {
      name: 'suggestions page',
      role: 'journalist',
      method: 'GET',
      route: '/desk/sources/:id/suggest',
      prepare: suggestionsFixture,
      path: (fx) => `/desk/sources/${fx.id}/suggest`,
      fields: (fx) => [['story', String(fx.story)]],
      extra: ['set-aside', 'drafted', 'need-speaker'],
      pathParams: { id: (_, s) => `/desk/sources/${s}/suggest` },
    },
    {
      name: 'make a suggestion a draft claim',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/suggest',
      prepare: suggestionsFixture,
      path: (fx) => `/desk/sources/${fx.id}/suggest`,
      // The first suggestion's form: a known speaker, so the draft is saved (a new one opens the claim form).
      formPage: (fx) => `/desk/sources/${fx.id}/suggest?story=${fx.story}`,
      pathParams: { id: (_, s) => `/desk/sources/${s}/suggest` },
    },
    {
      name: 'set a suggestion aside',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/suggest/dismiss',
      prepare: suggestionsFixture,
      path: (fx) => `/desk/sources/${fx.id}/suggest/dismiss`,
      formPage: (fx) => `/desk/sources/${fx.id}/suggest?story=${fx.story}`,
      extra: ['undo'],
      pathParams: { id: (_, s) => `/desk/sources/${s}/suggest/dismiss` },
    },
    {
      name: 'bring a suggestion back',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/suggest/dismiss',
      // The first suggestion set aside, so that the list shown with the set-aside ones offers "Bring back" first.
      prepare: async (h) => {
        const { id, story } = await suggestionsFixture(h);
        const path = `/desk/sources/${id}/suggest/dismiss`;
        const form = readForm((await h.client('journalist').get(`/desk/sources/${id}/suggest?story=${story}`)).body, path, 'post');
        if (!form) throw new Error(`source ${id}: no suggestion to set aside`);
        const set = await h.client('journalist').post(path, form.entries.map(([name, piece]): [string, string] => [name, pieceText(piece) ?? '']));
        if (set.status !== 303) throw new Error(`setting a suggestion of source ${id} aside answered ${set.status}`);
        return { id, story };
      },
      path: (fx) => `/desk/sources/${fx.id}/suggest/dismiss`,
      formPage: (fx) => `/desk/sources/${fx.id}/suggest?story=${fx.story}&set-aside`,
      fields: () => [['undo', '1']],
    },
    {
      name: 'draft several suggestions',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/suggest/several',
      prepare: async (h) => {
        const { id, story } = await suggestionsFixture(h);
        return { id, story, picks: await suggestionPicks(h, id, story) };
      },
      // Once drafted, the same suggestions are recorded claims of the story (the answer says none was drafted): fresh ones.
      consumes: true,
      path: (fx) => `/desk/sources/${fx.id}/suggest/several`,
      formPage: (fx) => `/desk/sources/${fx.id}/suggest?story=${fx.story}`,
      // The ticked boxes sit outside the form (`form="draft-several"`): a browser sends them with it.
      fields: (fx) => (fx.picks as string[]).map((key): [string, string] => ['pick', key]),
      pathParams: { id: (_, s) => `/desk/sources/${s}/suggest/several` },
    },

    // ---- review
    { name: 'review queue', role: 'editor', method: 'GET', route: '/desk/review', path: () => '/desk/review', extra: ['x'] },
    {
      name: 'review screen',
      role: 'editor',
      method: 'GET',
      route: '/desk/review/:id',
      prepare: async (h) => ({ id: await inReviewClaim(h) }),
      path: (fx) => `/desk/review/${fx.id}`,
      extra: ['x'],
      pathParams: { id: (_, s) => `/desk/review/${s}` },
    },
    {
      name: 'publish',
      role: 'editor',
      method: 'POST',
      route: '/desk/review/:id/publish',
      prepare: async (h) => ({ id: await inReviewClaim(h) }),
      consumes: true,
      path: (fx) => `/desk/review/${fx.id}/publish`,
      formPage: (fx) => `/desk/review/${fx.id}`,
      fields: () => [['override_reason', 'Hostile-input run: publishing over the checklist.']],
      extra: ['correction_note'],
      pathParams: { id: (_, s) => `/desk/review/${s}/publish` },
    },
    {
      name: 'approve an edit with a correction',
      role: 'editor',
      method: 'POST',
      route: '/desk/review/:id/publish',
      prepare: async (h) => {
        const id = await publishedClaim(h);
        const edit = await h.client('editor').post(
          `/desk/claims/${id}`,
          claimFields(h, { version: String(versionOf(h, 'claims', id)), statement: 'Changed wording “the direct involvement of the collective West in the conflict in Ukraine”.' }),
        );
        if (edit.status !== 303) throw new Error(`proposing an edit answered ${edit.status}`);
        return { id };
      },
      consumes: true,
      path: (fx) => `/desk/review/${fx.id}/publish`,
      formPage: (fx) => `/desk/review/${fx.id}`,
      fields: () => [
        ['override_reason', 'Hostile-input run.'],
        ['correction_note', 'We changed the wording of this claim.'],
      ],
    },
    {
      name: 'request changes',
      role: 'editor',
      method: 'POST',
      route: '/desk/review/:id/request-changes',
      prepare: async (h) => ({ id: await inReviewClaim(h) }),
      consumes: true,
      path: (fx) => `/desk/review/${fx.id}/request-changes`,
      formPage: (fx) => `/desk/review/${fx.id}`,
      fields: () => [['comment', 'Find the original venue.']],
      pathParams: { id: (_, s) => `/desk/review/${s}/request-changes` },
    },
    {
      name: 'retract',
      role: 'editor',
      method: 'POST',
      route: '/desk/review/:id/retract',
      prepare: async (h) => ({ id: await publishedClaim(h) }),
      consumes: true,
      path: (fx) => `/desk/review/${fx.id}/retract`,
      formPage: (fx) => `/desk/review/${fx.id}`,
      fields: () => [['retraction_note', 'We could not confirm the remark.']],
      pathParams: { id: (_, s) => `/desk/review/${s}/retract` },
    },

    // ---- the desk's search and the spreadsheet import
    {
      name: 'desk search',
      role: 'journalist',
      method: 'GET',
      route: '/desk/search',
      path: () => '/desk/search',
      formPage: () => '/desk/search',
      fields: () => [['q', 'spy leak'], ['kind', 'claim'], ['story', 'taurus-leak'], ['party', 'boris-pistorius'], ['position', 'denies'], ['rating', 'unverified'], ['source_kind', 'news_report'], ['from', '2024-03-01'], ['to', '2024-03-31'], ['page', '1']],
      extra: ['question', 'state'],
    },
    { name: 'import: choose a file', role: 'journalist', method: 'GET', route: '/desk/import', path: () => '/desk/import', extra: ['x', 'story'] },
    {
      name: 'import: preview an uploaded CSV file',
      role: 'journalist',
      method: 'POST',
      route: '/desk/import/preview',
      path: () => '/desk/import/preview',
      formPage: () => '/desk/import',
      multipart: { file: 'file', filename: 'claims.csv', type: 'text/csv' },
      fields: () => [
        ['story', '1'],
        ['file', IMPORT_CSV],
      ],
      extra: ['csv'],
    },
    {
      name: 'import: preview again with other columns chosen',
      role: 'journalist',
      method: 'POST',
      route: '/desk/import/preview',
      prepare: async (h) => importPreviewForm(h),
      path: () => '/desk/import/preview',
      multipart: {},
      // The preview's own form, as it came; the venue column left out, as a journalist might.
      fields: (fx) => (fx.entries as [string, string][]).map(([name, value]): [string, string] => [name, name === 'map_venue' ? '' : value]),
    },
    {
      name: 'import: confirm',
      role: 'journalist',
      method: 'POST',
      route: '/desk/import/confirm',
      prepare: async (h) => importPreviewForm(h),
      path: () => '/desk/import/confirm',
      multipart: {},
      // The preview's form sent by its "Import … claims as drafts" button (formaction=/desk/import/confirm).
      fields: (fx) => [...(fx.entries as [string, string][]), ['confirm', 'yes']],
    },

    // ---- records: parties, sources, stories, questions
    { name: 'party list', role: 'journalist', method: 'GET', route: '/desk/parties', path: () => '/desk/parties', fields: () => [['q', 'pes']] },
    { name: 'role row fragment', role: 'journalist', method: 'GET', route: '/desk/parties/role-row', path: () => '/desk/parties/role-row', extra: ['x'] },
    {
      name: 'create party',
      role: 'journalist',
      method: 'POST',
      route: '/desk/parties',
      path: () => '/desk/parties',
      formPage: () => '/desk/parties/new',
      fields: (_, seq) => [
        ['name', `Hostile party ${seq}`],
        ['kind', 'person'],
        ['role_title', 'Spokesperson'],
        ['role_status', 'current'],
        ['role_from', '2020-01-01'],
        ['role_until', ''],
        ['aliases', `HP ${seq}`],
      ],
      extra: ['intent'],
    },
    {
      name: 'party desk page',
      role: 'journalist',
      method: 'GET',
      route: '/desk/parties/:id',
      prepare: async (h) => ({ id: await journalistParty(h) }),
      path: (fx) => `/desk/parties/${fx.id}`,
      extra: ['x'],
      pathParams: { id: (_, s) => `/desk/parties/${s}` },
    },
    {
      name: 'edit party',
      role: 'journalist',
      method: 'POST',
      route: '/desk/parties/:id/edit',
      prepare: async (h) => ({ id: await journalistParty(h) }),
      path: (fx) => `/desk/parties/${fx.id}/edit`,
      formPage: (fx) => `/desk/parties/${fx.id}/edit`,
      extra: ['intent'],
      pathParams: { id: (_, s) => `/desk/parties/${s}/edit` },
    },
    { name: 'source list', role: 'journalist', method: 'GET', route: '/desk/sources', path: () => '/desk/sources', fields: () => [['q', 'indep']] },
    {
      name: 'create source',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources',
      path: () => '/desk/sources',
      formPage: () => '/desk/sources/new',
      fields: (_, seq) => [
        ['title', `Hostile source ${seq}`],
        ['publisher', 'Hostile Gazette'],
        ['url', 'https://example.org/hostile'],
        ['published_on', '2024-03-05'],
        ['kind', 'news_report'],
      ],
    },
    {
      name: 'edit source',
      role: 'journalist',
      method: 'POST',
      route: '/desk/sources/:id/edit',
      prepare: async (h) => ({ id: await journalistSource(h) }),
      path: (fx) => `/desk/sources/${fx.id}/edit`,
      formPage: (fx) => `/desk/sources/${fx.id}/edit`,
      pathParams: { id: (_, s) => `/desk/sources/${s}/edit` },
    },
    { name: 'story list', role: 'editor', method: 'GET', route: '/desk/stories', path: () => '/desk/stories', extra: ['x'] },
    { name: 'story summary preview', role: 'editor', method: 'POST', route: '/desk/stories/preview', path: () => '/desk/stories/preview', fields: () => [['summary_md', 'A *summary*.']] },
    {
      name: 'create story',
      role: 'editor',
      method: 'POST',
      route: '/desk/stories',
      path: () => '/desk/stories',
      formPage: () => '/desk/stories/new',
      fields: (_, seq) => [
        ['title', `Hostile story ${seq}`],
        ['summary_md', 'A summary.'],
        ['starts_on', '2024-03-01'],
        ['ends_on', '2024-03-09'],
      ],
      extra: ['intent'],
    },
    {
      name: 'edit story',
      role: 'editor',
      method: 'POST',
      route: '/desk/stories/:id/edit',
      prepare: async (h) => ({ id: await editorStory(h) }),
      path: (fx) => `/desk/stories/${fx.id}/edit`,
      formPage: (fx) => `/desk/stories/${fx.id}/edit`,
      pathParams: { id: (_, s) => `/desk/stories/${s}/edit` },
    },
    {
      name: 'create question',
      role: 'editor',
      method: 'POST',
      route: '/desk/stories/:id/questions',
      prepare: async (h) => ({ id: await editorStory(h) }),
      path: (fx) => `/desk/stories/${fx.id}/questions`,
      formPage: (fx) => `/desk/stories/${fx.id}/questions/new`,
      fields: (_, seq) => [
        ['proposition', `Hostile proposition ${seq}`],
        ['short_label', `Hostile ${seq}`],
      ],
      pathParams: { id: (_, s) => `/desk/stories/${s}/questions` },
    },
    {
      name: 'edit question',
      role: 'editor',
      method: 'POST',
      route: '/desk/stories/:id/questions/:qid/edit',
      prepare: async (h) => storyQuestion(h),
      path: (fx) => `/desk/stories/${fx.story}/questions/${fx.question}/edit`,
      formPage: (fx) => `/desk/stories/${fx.story}/questions/${fx.question}/edit`,
      pathParams: {
        id: (fx, s) => `/desk/stories/${s}/questions/${fx.question ?? 1}/edit`,
        qid: (fx, s) => `/desk/stories/${fx.story ?? 1}/questions/${s}/edit`,
      },
    },

    // ---- users and audit
    { name: 'user list', role: 'admin', method: 'GET', route: '/desk/users', path: () => '/desk/users', fields: () => [['saved', '1']] },
    {
      name: 'invite a user',
      role: 'admin',
      method: 'POST',
      slow: true,
      route: '/desk/users',
      path: () => '/desk/users',
      formPage: () => '/desk/users',
      fields: (_, seq) => [
        ['email', `invitee-${seq}@newsroom.test`],
        ['name', `Invitee ${seq}`],
        ['role', 'journalist'],
      ],
    },
    ...(['role', 'disable', 'enable', 'reset-password'] as const).map(
      (action): Target => ({
        name: `user ${action}`,
        role: 'admin',
        method: 'POST',
        route: `/desk/users/:id/${action}`,
        prepare: async (h) => ({ id: (await h.server.addUser('journalist')).id }),
        path: (fx) => `/desk/users/${fx.id}/${action}`,
        formPage: (fx) => (action === 'reset-password' ? `/desk/users/${fx.id}/reset-password` : '/desk/users'),
        fields: () => (action === 'role' ? [['role', 'editor']] : []),
        extra: ['x'],
        pathParams: { id: (_, s) => `/desk/users/${s}/${action}` },
      }),
    ),
    {
      name: 'user unlock',
      role: 'admin',
      method: 'POST',
      route: '/desk/users/:id/unlock',
      // Locked by the per-account limit (failed sign-ins from many addresses), so the list offers "Lift lock".
      prepare: async (h) => {
        const user = await h.server.addUser('journalist');
        for (let i = 1; i <= THROTTLE.perAccount; i++) reserveAttempt(h.server.db, user.email, `198.51.100.${i}`);
        return { id: user.id };
      },
      consumes: true,
      path: (fx) => `/desk/users/${fx.id}/unlock`,
      formPage: () => '/desk/users',
      extra: ['x'],
      pathParams: { id: (_, s) => `/desk/users/${s}/unlock` },
    },
    {
      name: 'password reset page',
      role: 'admin',
      method: 'GET',
      route: '/desk/users/:id/reset-password',
      prepare: async (h) => ({ id: (await h.server.addUser('journalist')).id }),
      path: (fx) => `/desk/users/${fx.id}/reset-password`,
      extra: ['x'],
      pathParams: { id: (_, s) => `/desk/users/${s}/reset-password` },
    },
    { name: 'audit log', role: 'editor', method: 'GET', route: '/desk/audit', path: () => '/desk/audit', fields: () => [['before', '999999']] },
  ];
}

// ---------------------------------------------------------------- discovery and generic targets

/** Pattern → regex: `/desk/claims/:id` matches `/desk/claims/12`. */
function routeRegex(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

export function appRoutes(h: Harness): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of h.server.app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

function matchRoute(routes: { method: string; path: string }[], method: string, path: string) {
  return routes.find((r) => r.method === method && routeRegex(r.path).test(path));
}

/** Forms and htmx requests found on desk pages, crawled as an admin, that the table does not cover. */
export async function discoverTargets(h: Harness, covered: Set<string>, limit = 120): Promise<Target[]> {
  const routes = appRoutes(h);
  const admin = h.client('admin');
  const queue = ['/desk', '/desk/claims/new', '/desk/parties/new', '/desk/sources/new', '/desk/stories/new', '/desk/users', '/desk/review', '/desk/audit'];
  const seenPages = new Set<string>();
  const seenPatterns = new Set<string>();
  const targets: Target[] = [];
  while (queue.length && seenPages.size < limit) {
    const page = queue.shift()!;
    const pattern = page.replace(/\/\d+(?=\/|$|\?)/g, '/:n').split('?')[0]!;
    if (seenPages.has(page) || seenPatterns.has(pattern)) continue;
    seenPages.add(page);
    seenPatterns.add(pattern);
    const response = await admin.get(page);
    if (response.status !== 200) continue;
    const $ = response.$;
    $('a[href^="/desk"]').each((_, a) => {
      const href = ($(a).attr('href') ?? '').split('#')[0]!;
      if (href && !seenPages.has(href)) queue.push(href);
    });
    const found: { method: string; action: string; page: string }[] = [];
    $('form').each((_, form) => {
      const method = ($(form).attr('method') ?? 'get').toUpperCase();
      const action = $(form).attr('action');
      if (action?.startsWith('/')) found.push({ method, action: action.split('?')[0]!, page });
    });
    $('[data-hx-post], [data-hx-get]').each((_, el) => {
      const post = $(el).attr('data-hx-post');
      const get = $(el).attr('data-hx-get');
      if (post?.startsWith('/')) found.push({ method: 'POST', action: post.split('?')[0]!, page });
      if (get?.startsWith('/')) found.push({ method: 'GET', action: get.split('?')[0]!, page });
    });
    for (const f of found) {
      if (f.action === '/logout') continue;
      const route = matchRoute(routes, f.method, f.action);
      if (!route) continue;
      const key = `${f.method} ${route.path}`;
      if (covered.has(key)) continue;
      covered.add(key);
      targets.push({
        name: `discovered: ${key}`,
        origin: 'discovered',
        role: 'admin',
        method: f.method as 'GET' | 'POST',
        route: route.path,
        path: () => f.action,
        formPage: () => f.page,
        extra: ['x'],
      });
    }
  }
  return targets;
}

/** Every route of the app nobody else covers: its path segments, and wrong bodies for a POST. */
export function genericTargets(h: Harness, covered: Set<string>): Target[] {
  const sample: Record<string, string> = { story: 'taurus-leak', question: 'british-personnel-on-the-ground', party: 'dmitry-peskov', kind: 'stance' };
  return appRoutes(h)
    .filter((r) => (r.method === 'GET' || r.method === 'POST') && !covered.has(`${r.method} ${r.path}`))
    .map((r): Target => {
      const params = r.path.split('/').filter((p) => p.startsWith(':')).map((p) => p.slice(1));
      const fill = (overrides: Record<string, string>) =>
        r.path
          .split('/')
          .map((part) => (part.startsWith(':') ? (overrides[part.slice(1)] ?? sample[part.slice(1)] ?? '1') : part))
          .join('/');
      return {
        name: `generic: ${r.method} ${r.path}`,
        origin: 'generic',
        role: r.path === '/logout' ? 'anonymous' : r.path.startsWith('/desk') ? 'admin' : 'anonymous',
        method: r.method as 'GET' | 'POST',
        route: r.path,
        path: () => fill({}),
        extra: r.method === 'POST' ? ['version', 'comment'] : ['x'],
        pathParams: Object.fromEntries(params.map((p) => [p, (_: Fx, s: string) => fill({ [p]: s })])),
        // The public API answers every error as JSON (its HTML docs page included, when refused).
        json: r.path.startsWith('/api/v1/') && r.path !== '/api/v1/docs' ? true : undefined,
      };
    });
}

/**
 * After the run: every page still answers. Pages show what the run saved (a party named with a
 * naughty string, a story summary that breaks the Markdown renderer), so a stored value that
 * breaks a page shows up here even though the request that saved it was answered correctly.
 */
export async function recrawl(h: Harness, limit: number): Promise<{ pages: number; failures: Failure[] }> {
  const failures: Failure[] = [];
  let pages = 0;
  for (const [role, start, prefix] of [
    ['anonymous', '/', '/'],
    ['admin', '/desk', '/desk'],
  ] as const) {
    const seen = new Set<string>();
    const queue = [start, ...(role === 'admin' ? ['/desk/claims', '/desk/parties', '/desk/sources', '/desk/stories', '/desk/users', '/desk/review', '/desk/audit'] : ['/corrections'])];
    while (queue.length && seen.size < limit) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await h.request(h.client(role), { method: 'GET', path }, false);
      pages++;
      if (res.status >= 500 || res.status === 0) {
        failures.push({ target: 'pages after the run', case: `GET ${path} as ${role}`, status: res.status, problems: [`answered ${res.status}${res.error ? ` (${res.error})` : ''}`], snippet: snippet(res.body) });
        continue;
      }
      if (res.status !== 200) continue;
      const $ = cheerio.load(res.body);
      $('a[href]').each((_, a) => {
        const href = ($(a).attr('href') ?? '').split('#')[0]!;
        if (!href.startsWith(prefix) || href.startsWith('/assets/') || href.startsWith('/login') || seen.has(href)) return;
        if (role === 'anonymous' && href.startsWith('/desk')) return;
        queue.push(href);
      });
    }
  }
  h.failures.push(...failures);
  return { pages, failures };
}

/** The whole run: the table, then what discovery finds, then generic cases for every other route. */
export async function runAll(options: {
  mode: 'sample' | 'all';
  sampleSize?: number;
  only?: RegExp;
  /** Which targets this process runs (a shard of a parallel run). */
  select?: (target: Target, index: number) => boolean;
  /** Crawl every page at the end (default: when no `only`). */
  crawl?: boolean;
  onTarget?: (stats: Stats, h: Harness) => void;
}): Promise<Harness> {
  const h = await Harness.start();
  const picker = new Picker(corpus(options.mode, options.sampleSize), options.mode);
  h.picker = picker;
  const table = tableTargets();
  const covered = new Set(table.map((t) => `${t.method} ${t.route}`));
  const discovered = await discoverTargets(h, covered);
  const generic = genericTargets(h, covered);
  for (const [index, target] of [...table, ...discovered, ...generic].entries()) {
    if (options.only && !options.only.test(target.name)) continue;
    if (options.select && !options.select(target, index)) continue;
    const stats = await runTarget(h, target, picker);
    options.onTarget?.(stats, h);
  }
  if (!options.only && options.crawl !== false) {
    const started = performance.now();
    const { pages } = await recrawl(h, options.mode === 'all' ? 1500 : 400);
    options.onTarget?.({ target: 'every page after the run', origin: 'crawl', requests: pages, ms: performance.now() - started, statuses: {}, notes: [] }, h);
  }
  return h;
}

