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
 */
import { createHash, randomUUID } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { publicChangesBetween, publicationGeneration, type Db } from '../db.js';
import { LISTING } from '../publication/page-keys.js';
import type { Log } from './env.js';
import { wantsFragment } from './htmx.js';

/** Public addresses the cache may keep, with the query parameters each page reads (others are ignored). */
const CACHEABLE: { path: RegExp; params: string[] }[] = [
  { path: /^\/stories\/[^/]+$/, params: ['party', 'question'] },
  { path: /^\/(?:corrections|corrections\.atom)$/, params: [] },
  { path: /^\/(?:feed\.atom|stories\/[^/]+\/feed\.atom|parties\/[^/]+\/feed\.atom)$/, params: [] },
  { path: /^\/(?:|stories\/[^/]+\/timeline|parties\/[^/]+|sources\/[^/]+)$/, params: ['page'] },
  { path: /^\/stories\/[^/]+\/questions\/[^/]+$/, params: ['party', 'page'] },
  { path: /^\/stories\/[^/]+\/(?:claims\.json|claims\.csv)$/, params: [] },
  { path: /^\/claims\/[^/]+$/, params: [] },
];

const shown = new WeakMap<Request, readonly string[]>();

/** Called by a public route: this response may be kept, and it shows these records. */
export function pageShows(c: Context, keys: Iterable<string>): void {
  shown.set(c.req.raw, [...new Set(keys)]);
}

type Entry = {
  key: string;
  keys: readonly string[];
  headers: Record<string, string>;
  plain: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  etag: string;
  bytes: number;
};

type PageCache = {
  /** The app's fetch, with the cache in front. */
  wrap: <Rest extends unknown[]>(
    render: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  ) => (request: Request, ...rest: Rest) => Response | Promise<Response>;
  stats: () => { hits: number; misses: number; entries: number; bytes: number };
};

type PageCacheOptions = { maxBytes?: number; log?: Log };

/** A page larger than this share of the budget is served but not kept. */
const LARGEST_SHARE = 8;

export function createPageCache(db: Db, { maxBytes = 64 * 1024 * 1024, log = () => {} }: PageCacheOptions = {}): PageCache {
  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Set<string>>();
  const rendering = new Map<string, Promise<Entry | undefined>>();
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
      const entry = makeEntry(cacheKey, keys, response.headers, plain);
      // A write that slipped in while this page rendered may have changed what it shows.
      if (catchUp() === generation && entry.bytes <= maxBytes / LARGEST_SHARE) add(entry);
      settle(entry);
      return { entry, requestId: response.headers.get('x-request-id') ?? undefined };
    } finally {
      settle(undefined);
      rendering.delete(cacheKey);
    }
  }

  function hit(request: Request, entry: Entry, started: number): Response {
    hits++;
    // Most recently used last.
    entries.delete(entry.key);
    entries.set(entry.key, entry);
    const requestId = request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
    const response = respond(request, entry, requestId);
    log({
      level: 'info',
      msg: 'request',
      requestId,
      method: request.method,
      path: pathOf(request.url),
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      cache: 'hit',
    });
    return response;
  }

  const wrap: PageCache['wrap'] = (render) => (request, ...rest) => {
    const started = performance.now();
    const cacheKey = cacheKeyOf(request);
    if (cacheKey === null) return render(request, ...rest);
    catchUp();
    const entry = entries.get(cacheKey);
    if (entry) return hit(request, entry, started);
    return (async () => {
      const inFlight = rendering.get(cacheKey);
      if (inFlight) {
        const entry = await inFlight;
        if (entry) return hit(request, entry, started);
      }
      misses++;
      if (request.method !== 'GET') return render(request, ...rest);
      const result = await renderAndKeep(request, cacheKey, () => render(request, ...rest));
      return 'response' in result ? result.response : respond(request, result.entry, result.requestId ?? randomUUID());
    })();
  };

  return { wrap, stats: () => ({ hits, misses, entries: entries.size, bytes }) };
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.indexOf('?', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/** The cache's name for a request, or null when it is not a page the cache keeps. */
function cacheKeyOf(request: Request): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const path = pathOf(request.url);
  const rule = CACHEABLE.find((candidate) => candidate.path.test(path));
  if (!rule) return null;
  const fragment = wantsFragment(request.headers);
  let key = `${fragment ? 'fragment' : 'page'} ${path}`;
  if (rule.params.length > 0 && request.url.includes('?')) {
    const query = new URL(request.url).searchParams;
    const kept = new URLSearchParams();
    for (const [name, value] of query) if (rule.params.includes(name)) kept.append(name, value);
    if (kept.size > 0) key += `?${kept}`;
  }
  return key;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|atom\+xml|xml))/;

function makeEntry(key: string, keys: readonly string[], sent: Headers, plain: Buffer): Entry {
  const headers: Record<string, string> = {};
  for (const [name, value] of sent) {
    if (name === 'x-request-id' || name === 'content-length' || name === 'content-encoding' || name === 'etag') continue;
    headers[name] = value;
  }
  headers['cache-control'] ??= 'public, max-age=0, must-revalidate';
  headers['vary'] = 'HX-Request, Accept-Encoding';
  const compressible = plain.byteLength > 1024 && COMPRESSIBLE.test(headers['content-type'] ?? '');
  const gzip = compressible ? gzipSync(plain, { level: 6 }) : null;
  const br = compressible
    ? brotliCompressSync(plain, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.byteLength } })
    : null;
  // Weak: the same page whatever its encoding.
  const etag = `W/"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`;
  return { key, keys, headers, plain, gzip, br, etag, bytes: plain.byteLength + (gzip?.byteLength ?? 0) + (br?.byteLength ?? 0) + 1024 };
}

function respond(request: Request, entry: Entry, requestId: string): Response {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === '*')) {
    return new Response(null, {
      status: 304,
      headers: { etag: entry.etag, 'cache-control': entry.headers['cache-control']!, vary: entry.headers['vary']!, 'x-request-id': requestId },
    });
  }
  const encoding = chooseEncoding(request.headers.get('accept-encoding'), entry);
  const body = encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip! : entry.plain;
  const headers: Record<string, string> = { ...entry.headers, etag: entry.etag, 'content-length': String(body.byteLength), 'x-request-id': requestId };
  if (encoding) headers['content-encoding'] = encoding;
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/** br, then gzip, when the client accepts them (a q=0 refuses one); else the plain bytes. */
function chooseEncoding(accept: string | null, entry: Entry): 'br' | 'gzip' | null {
  if (!accept || !entry.gzip) return null;
  let br = false;
  let gzip = false;
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p));
    if (name === 'br') br = !refused;
    else if (name === 'gzip') gzip = !refused;
  }
  return br && entry.br ? 'br' : gzip ? 'gzip' : null;
}
