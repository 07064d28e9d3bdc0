/**
 * The form in which phrases are compared: lower case, straight apostrophes, single spaces, no
 * punctuation but apostrophes. Speakers are matched to parties, duplicate suggestions found and
 * statements compared on it.
 */
import { memoize } from '../lib/memo.js';
import { normaliseText } from '../quotes/verify-quote.js';

// Speakers and parties are compared again and again with the same few phrases.
export const matchKey = memoize(computeKey, 10_000);

/** Forget the keys computed so far (the suggester starts each article afresh). */
export function clearMatchKeyCache(): void {
  matchKey.clear();
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
