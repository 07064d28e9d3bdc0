/**
 * A cache of rendered public pages. Public pages are the same for every reader, so a page is
 * rendered once per publication generation (a counter bumped in the same transaction as every
 * change readers can see) and then served from memory. The ETag carries the generation, so a
 * browser or CDN revalidating gets a 304 until something is published.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { publicationGeneration, type Db } from '../db.js';
import { isFragmentRequest } from './htmx.js';

type Entry = { body: string; contentType: string; etag: string };

export type PageCache = {
  middleware: MiddlewareHandler;
  stats: () => { hits: number; misses: number; size: number };
};

export function createPageCache(db: Db, maxEntries = 1000): PageCache {
  let generation = -1;
  const entries = new Map<string, Entry>();
  let hits = 0;
  let misses = 0;

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const current = publicationGeneration(db);
    if (current !== generation) {
      entries.clear();
      generation = current;
    }
    const key = `${isFragmentRequest(c) ? 'fragment' : 'page'} ${c.req.url}`;
    const cached = entries.get(key);
    if (cached) {
      hits++;
      // Re-insert so the Map's order is least-recently-used first.
      entries.delete(key);
      entries.set(key, cached);
      return respond(c.req.header('If-None-Match'), cached);
    }
    misses++;
    await next();
    if (c.res.status !== 200) return;
    const body = await c.res.clone().text();
    const entry: Entry = {
      body,
      contentType: c.res.headers.get('Content-Type') ?? 'text/html; charset=UTF-8',
      etag: `"g${current}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
    };
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    c.res = respond(c.req.header('If-None-Match'), entry);
  };

  return { middleware, stats: () => ({ hits, misses, size: entries.size }) };
}

function respond(ifNoneMatch: string | undefined, entry: Entry): Response {
  const headers = new Headers({
    'Content-Type': entry.contentType,
    ETag: entry.etag,
    'Cache-Control': 'public, max-age=0, must-revalidate',
    Vary: 'HX-Request',
  });
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body, { status: 200, headers });
}
