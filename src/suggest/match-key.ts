/**
 * The form in which phrases are compared: lower case, straight apostrophes, single spaces, no
 * punctuation but apostrophes. Speakers are matched to parties, duplicate suggestions found and
 * statements compared on it.
 */
import { normaliseText } from '../quotes/verify-quote.js';

const cache = new Map<string, string>();

/** Forget the keys computed so far (the suggester starts each article afresh). */
export function clearMatchKeyCache(): void {
  cache.clear();
}

export function matchKey(s: string): string {
  const cached = cache.get(s);
  if (cached !== undefined) return cached;
  // Speakers and parties are compared again and again with the same few phrases.
  if (cache.size > 10_000) cache.clear();
  const key = computeKey(s);
  cache.set(s, key);
  return key;
}

function computeKey(s: string): string {
  return normaliseText(s)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `needle` occurs in `haystack` as whole words (both keys). */
export function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}
