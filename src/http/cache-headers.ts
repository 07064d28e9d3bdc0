/**
 * The caching headers of everything public (pages, feeds, API JSON), in one place so the page
 * cache and the API agree (decision 022):
 *
 * - `Cache-Control`: browsers revalidate every time (max-age=0, a 304 costs a few bytes); a CDN
 *   keeps a page for a minute (s-maxage) and may serve it stale for ten more while it refetches
 *   in the background, or for a day when this server is down (stale-if-error).
 * - `ETag`: a hash of the bytes, weak (the same page whatever its encoding).
 * - `Last-Modified`: when this address first answered these bytes, so an unrelated publish that
 *   re-renders a page without changing it keeps its date (as it keeps its ETag).
 */
import { createHash } from 'node:crypto';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';

export function weakEtag(bytes: Uint8Array | string): string {
  return `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** Remembers, per address, the ETag it last answered and since when (bounded, oldest out). */
export function createLastModified(max = 20_000) {
  const seen = new Map<string, { etag: string; since: string }>();
  return (key: string, etag: string, now = new Date()): string => {
    const known = seen.get(key);
    if (known && known.etag === etag) return known.since;
    const since = new Date(Math.floor(now.getTime() / 1000) * 1000).toUTCString();
    seen.delete(key);
    seen.set(key, { etag, since });
    if (seen.size > max) seen.delete(seen.keys().next().value!);
    return since;
  };
}

/**
 * Whether the client's copy is current: If-None-Match decides when sent (RFC 9110 13.2.2), else
 * If-Modified-Since at or after Last-Modified.
 */
export function isNotModified(header: (name: string) => string | null | undefined, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = header('if-none-match');
  if (ifNoneMatch != null) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
  }
  const since = header('if-modified-since');
  if (since == null || lastModified === undefined) return false;
  const sinceTime = Date.parse(since);
  return !Number.isNaN(sinceTime) && Date.parse(lastModified) <= sinceTime;
}
