/**
 * The public page cache, in front of the whole app. Public pages are the same for every reader,
 * so a page is rendered once, kept as bytes (plain, gzip and brotli) with every header it is sent
 * with, and answered from memory synchronously, without crossing the app's middleware: that is
 * what lets the server send it near the speed of its bytes (decision 013).
 *
 * What a page shows is named by the route (`pageShows(c, keys)`, keys from
 * src/publication/page-keys.ts); a page the route does not name is never kept. When readers'
 * data changes, the publication generation moves and the writes name what they changed: only the
 * pages sharing a key are dropped (all of them when the change is not known in this process).
 * Concurrent requests for a page being rendered wait for that one render. The cache is bounded
 * in bytes, least recently used first out, and keyed by path plus the query parameters the page
 * understands, so a random query string cannot evict real pages. The ETag is a hash of the page,
 * so a CDN revalidating an untouched page gets a 304 after an unrelated publish.
 *
 * A hit runs no SQL and builds nothing it can build once: request headers are read from Node's
 * own parsed object (not a WHATWG Headers built from the raw ones), the response headers of each
 * encoding are made when the page is stored, and the publication generation is read only when
 * this process bumped it (`localPublicationBumps`, a counter) or once a second (`recheckMs`), for
 * a write made by another process (the CLI, a second server).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { localPublicationBumps, publicChangesBetween, publicationGeneration, type Db } from '../db.js';
import { LISTING } from '../publication/page-keys.js';
import { createLastModified, isNotModified, PUBLIC_CACHE_CONTROL, weakEtag } from './cache-headers.js';
import type { Log } from './env.js';

/** Public addresses the cache may keep, with the query parameters each page reads (others are ignored). */
const CACHEABLE: { path: RegExp; params: string[] }[] = [
  { path: /^\/stories\/[^/]+$/, params: ['party', 'question'] },
  { path: /^\/(?:corrections|corrections\.atom)$/, params: [] },
  { path: /^\/(?:feed\.atom|stories\/[^/]+\/feed\.atom|parties\/[^/]+\/feed\.atom)$/, params: [] },
  { path: /^\/(?:|stories\/[^/]+\/timeline|parties\/[^/]+|sources\/[^/]+)$/, params: ['page'] },
  { path: /^\/stories\/[^/]+\/questions\/[^/]+$/, params: ['party', 'page'] },
  { path: /^\/stories\/[^/]+\/(?:claims\.json|claims\.csv|translations)$/, params: [] },
  { path: /^\/claims\/[^/]+$/, params: [] },
  // The JSON API's answers (src/routes/api.tsx), with the query parameters its schemas read.
  { path: /^\/api\/v1\/(?:stories|claims|parties|sources|corrections)$/, params: ['cursor', 'limit', 'story', 'party'] },
  { path: /^\/api\/v1\/(?:stories\/[^/]+(?:\/questions)?|claims\/[^/]+|parties\/[^/]+|sources\/[^/]+)$/, params: [] },
];

const shown = new WeakMap<Request, readonly string[]>();

/** Called by a public route: this response may be kept, and it shows these records. */
export function pageShows(c: Context, keys: Iterable<string>): void {
  shown.set(c.req.raw, [...new Set(keys)]);
}

/**
 * One encoding of a kept page: its bytes and every header it is sent with but the request id, as
 * an object (for a Response) and as Node's flat list of names and values (for `writeHead`).
 */
type Variant = { body: Uint8Array<ArrayBuffer>; headers: Record<string, string>; flat: string[] };

type Entry = {
  key: string;
  keys: readonly string[];
  plain: Variant;
  gzip: Variant | null;
  br: Variant | null;
  notModified: Variant;
  etag: string;
  bytes: number;
};

/** A request header by its lower-case name. */
type HeaderOf = (name: string) => string | undefined;

/**
 * Under @hono/node-server the second argument carries Node's request, whose `headers` object is
 * already parsed; `request.headers` would build a WHATWG Headers from the raw ones on every hit.
 * Elsewhere (app.request in tests) the Request's own headers.
 */
function headerReader(request: Request, env: unknown): HeaderOf {
  const incoming = (env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming?.headers;
  if (incoming) {
    return (name) => {
      const value = incoming[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
  }
  return (name) => request.headers.get(name) ?? undefined;
}

/** Node's parsed request headers, read as a HeaderOf. */
function nodeHeaderReader(headers: IncomingMessage['headers']): HeaderOf {
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/**
 * Answers a request from the cache straight on Node's response when the page is kept, and says
 * whether it did; anything else (a miss, a page the cache does not keep) is left untouched for
 * the app. See src/http/serve-app.ts.
 */
export type NodeHit = (request: IncomingMessage, response: ServerResponse) => boolean;

type PageCache = {
  /** The app's fetch, with the cache in front. */
  wrap: <Rest extends unknown[]>(
    render: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  ) => (request: Request, ...rest: Rest) => Response | Promise<Response>;
  /** Kept pages answered before a Request or a Response is built (what lets a hit cost little more than its bytes). */
  serveNode: NodeHit;
  stats: () => { hits: number; misses: number; entries: number; bytes: number };
};

export type PageCacheOptions = {
  maxBytes?: number;
  log?: Log;
  /** How often a hit looks for a change made by another process (ms); 0: on every request. */
  recheckMs?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
};

/**
 * A page larger than this share of the budget is served but not kept. The budget (32 MB by
 * default, plain and compressed bytes together) is what the 200 MB resident-memory target leaves
 * beside a server's ~150 MB under load (docs/performance.md).
 */
const LARGEST_SHARE = 8;

export function createPageCache(
  db: Db,
  { maxBytes = 32 * 1024 * 1024, log = () => {}, recheckMs = 1000, now = () => performance.now() }: PageCacheOptions = {},
): PageCache {
  const bumps = localPublicationBumps(db);
  let seenBumps = -1;
  let recheckAt = 0;
  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Set<string>>();
  const rendering = new Map<string, Promise<Entry | undefined>>();
  const lastModified = createLastModified();
  let seenGeneration = -1;
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  function remove(cacheKey: string) {
    const entry = entries.get(cacheKey);
    if (!entry) return;
    entries.delete(cacheKey);
    bytes -= entry.bytes;
    for (const key of entry.keys) {
      const pages = byKey.get(key);
      pages?.delete(cacheKey);
      if (pages?.size === 0) byKey.delete(key);
    }
  }

  function add(entry: Entry) {
    remove(entry.key);
    entries.set(entry.key, entry);
    bytes += entry.bytes;
    for (const key of entry.keys) {
      let pages = byKey.get(key);
      if (!pages) byKey.set(key, (pages = new Set()));
      pages.add(entry.key);
    }
    while (bytes > maxBytes) remove(entries.keys().next().value!);
  }

  /** Drop what the writes since the last look changed; returns the current generation. */
  function catchUp(): number {
    seenBumps = bumps.count;
    recheckAt = now() + recheckMs;
    const current = publicationGeneration(db);
    if (current === seenGeneration) return current;
    const changed = seenGeneration < 0 ? null : publicChangesBetween(db, seenGeneration, current);
    if (changed === null) {
      entries.clear();
      byKey.clear();
      bytes = 0;
    } else {
      for (const key of [LISTING, ...changed]) for (const page of [...(byKey.get(key) ?? [])]) remove(page);
    }
    seenGeneration = current;
    return current;
  }

  async function renderAndKeep(
    request: Request,
    cacheKey: string,
    render: () => Response | Promise<Response>,
  ): Promise<{ response: Response } | { entry: Entry; requestId: string | undefined }> {
    const generation = catchUp();
    let settle: (entry: Entry | undefined) => void = () => {};
    rendering.set(cacheKey, new Promise((resolve) => (settle = resolve)));
    try {
      const response = await render();
      const keys = shown.get(request);
      if (!keys || response.status !== 200 || response.headers.has('set-cookie')) return { response };
      const plain = Buffer.from(await response.arrayBuffer());
      const entry = makeEntry(cacheKey, keys, response.headers, plain, (etag) => lastModified(cacheKey, etag));
      // A write that slipped in while this page rendered may have changed what it shows.
      if (catchUp() === generation && entry.bytes <= maxBytes / LARGEST_SHARE) add(entry);
      settle(entry);
      return { entry, requestId: response.headers.get('x-request-id') ?? undefined };
    } finally {
      settle(undefined);
      rendering.delete(cacheKey);
    }
  }

  /** Counts the hit, marks the entry most recently used and says what to send. */
  function touch(entry: Entry, header: HeaderOf): { reply: Reply; requestId: string } {
    hits++;
    entries.delete(entry.key);
    entries.set(entry.key, entry);
    return { reply: replyOf(header, entry), requestId: header('x-request-id')?.slice(0, 64) || randomUUID() };
  }

  function logHit(requestId: string, method: string, path: string, status: number, started: number) {
    log({ level: 'info', msg: 'request', requestId, method, path, status, ms: Math.round((now() - started) * 10) / 10, cache: 'hit' });
  }

  function hit(request: Request, header: HeaderOf, entry: Entry, started: number): Response {
    const { reply, requestId } = touch(entry, header);
    logHit(requestId, request.method, pathOf(request.url), reply.status, started);
    return responseOf(request.method, reply, requestId);
  }

  const serveNode: NodeHit = (request, response) => {
    const started = now();
    const method = request.method ?? '';
    const target = request.url ?? '';
    // Only origin-form targets ("/path?query"); anything unusual goes the app's way.
    if ((method !== 'GET' && method !== 'HEAD') || target.charCodeAt(0) !== 47 /* / */) return false;
    const header = nodeHeaderReader(request.headers);
    const cacheKey = cacheKeyOf(method, target, header);
    if (cacheKey === null) return false;
    try {
      if (bumps.count !== seenBumps || started >= recheckAt) catchUp();
    } catch {
      // The database could not be read: the app answers, with its error page.
      return false;
    }
    const entry = entries.get(cacheKey);
    if (!entry) return false;
    const { reply, requestId } = touch(entry, header);
    try {
      response.writeHead(reply.status, [...reply.variant.flat, 'x-request-id', requestId]);
    } catch {
      // A header Node refuses to send (nothing was written): the app answers instead.
      return false;
    }
    if (method === 'HEAD' || reply.status === 304) response.end();
    else response.end(reply.variant.body);
    logHit(requestId, method, pathOfTarget(target), reply.status, started);
    return true;
  };

  const wrap: PageCache['wrap'] = (render) => (request, ...rest) => {
    const started = now();
    const header = headerReader(request, rest[0]);
    const cacheKey = cacheKeyOf(request.method, request.url, header);
    if (cacheKey === null) return render(request, ...rest);
    if (bumps.count !== seenBumps || started >= recheckAt) catchUp();
    const entry = entries.get(cacheKey);
    if (entry) return hit(request, header, entry, started);
    return (async () => {
      const inFlight = rendering.get(cacheKey);
      if (inFlight) {
        const entry = await inFlight;
        if (entry) return hit(request, header, entry, started);
      }
      misses++;
      if (request.method !== 'GET') return render(request, ...rest);
      const result = await renderAndKeep(request, cacheKey, () => render(request, ...rest));
      if ('response' in result) return result.response;
      return responseOf(request.method, replyOf(header, result.entry), result.requestId ?? randomUUID());
    })();
  };

  return { wrap, serveNode, stats: () => ({ hits, misses, entries: entries.size, bytes }) };
}

/** The path of an absolute URL (a Request's), without its query. */
function pathOf(url: string): string {
  return pathOfTarget(url.slice(url.indexOf('/', url.indexOf('//') + 2)));
}

/** The path of a request target ("/path?query"), without its query. */
function pathOfTarget(target: string): string {
  const end = target.indexOf('?');
  return end < 0 ? target : target.slice(0, end);
}

/**
 * The cache's name for a request, or null when it is not a page the cache keeps. `url` is a
 * Request's absolute URL or Node's request target: only its path and query are read.
 */
function cacheKeyOf(method: string, url: string, header: HeaderOf): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const path = url.charCodeAt(0) === 47 ? pathOfTarget(url) : pathOf(url);
  const rule = CACHEABLE.find((candidate) => candidate.path.test(path));
  if (!rule) return null;
  // As wantsFragment (src/http/htmx.ts): an htmx swap, not a history restore.
  const fragment = header('hx-request') === 'true' && header('hx-history-restore-request') !== 'true';
  let key = `${fragment ? 'fragment' : 'page'} ${path}`;
  const queryAt = url.indexOf('?');
  if (rule.params.length > 0 && queryAt >= 0) {
    const query = new URLSearchParams(url.slice(queryAt + 1));
    const kept = new URLSearchParams();
    for (const [name, value] of query) if (rule.params.includes(name)) kept.append(name, value);
    if (kept.size > 0) key += `?${kept}`;
  }
  return key;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|atom\+xml|xml))/;

function makeEntry(key: string, keys: readonly string[], sent: Headers, plain: Buffer, lastModifiedOf: (etag: string) => string): Entry {
  const headers: Record<string, string> = {};
  for (const [name, value] of sent) {
    if (name === 'x-request-id' || name === 'content-length' || name === 'content-encoding' || name === 'etag' || name === 'last-modified') continue;
    headers[name] = value;
  }
  // Cache-Control, ETag and Last-Modified: the CDN policy of src/http/cache-headers.ts (decision 022).
  headers['cache-control'] ??= PUBLIC_CACHE_CONTROL;
  headers['vary'] = 'HX-Request, HX-History-Restore-Request, Accept-Encoding';
  // Weak: the same page whatever its encoding.
  const etag = weakEtag(plain);
  headers['etag'] = etag;
  headers['last-modified'] = lastModifiedOf(etag);
  const variant = (body: Buffer, encoding?: string): Variant =>
    variantOf(body, { ...headers, 'content-length': String(body.byteLength), ...(encoding ? { 'content-encoding': encoding } : {}) });
  const compressible = plain.byteLength > 1024 && COMPRESSIBLE.test(headers['content-type'] ?? '');
  const gzip = compressible ? gzipSync(plain, { level: 6 }) : null;
  const br = compressible
    ? brotliCompressSync(plain, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.byteLength } })
    : null;
  return {
    key,
    keys,
    plain: variant(plain),
    gzip: gzip && variant(gzip, 'gzip'),
    br: br && variant(br, 'br'),
    // A 304 carries the same headers but those describing a body (security headers included).
    notModified: variantOf(EMPTY, Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type'))),
    etag,
    bytes: plain.byteLength + (gzip?.byteLength ?? 0) + (br?.byteLength ?? 0) + 2048,
  };
}

const EMPTY = Buffer.alloc(0);

function variantOf(body: Buffer, headers: Record<string, string>): Variant {
  return { body: body as Uint8Array<ArrayBuffer>, headers, flat: Object.entries(headers).flat() };
}

/** What a kept page answers a request with: a 304 (no body) or the encoding the client accepts. */
type Reply = { status: 200 | 304; variant: Variant };

function replyOf(header: HeaderOf, entry: Entry): Reply {
  if (isNotModified(header, entry.etag, entry.notModified.headers['last-modified'])) return { status: 304, variant: entry.notModified };
  const encoding = chooseEncoding(header('accept-encoding'), entry);
  return { status: 200, variant: (encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : null) ?? entry.plain };
}

function responseOf(method: string, { status, variant }: Reply, requestId: string): Response {
  const body = method === 'HEAD' || status === 304 ? null : variant.body;
  // A plain object of headers and a Uint8Array: @hono/node-server writes it without building a Response.
  return new Response(body, { status, headers: { ...variant.headers, 'x-request-id': requestId } });
}

/** br, then gzip, when the client accepts them (a q=0 refuses one); else the plain bytes. */
function chooseEncoding(accept: string | undefined, entry: Entry): 'br' | 'gzip' | null {
  if (!accept || !entry.gzip) return null;
  let known = accepted.get(accept);
  if (known === undefined) {
    known = parseAcceptEncoding(accept);
    // Clients send a handful of distinct values; a hostile stream of new ones only costs the parse.
    if (accepted.size >= 256) accepted.clear();
    accepted.set(accept, known);
  }
  return known & BR && entry.br ? 'br' : known & GZIP ? 'gzip' : null;
}

const GZIP = 1;
const BR = 2;
const accepted = new Map<string, number>();

/** The encodings an Accept-Encoding value allows, as GZIP | BR bits. */
function parseAcceptEncoding(accept: string): number {
  let br = false;
  let gzip = false;
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p));
    if (name === 'br') br = !refused;
    else if (name === 'gzip') gzip = !refused;
  }
  return (gzip ? GZIP : 0) | (br ? BR : 0);
}
