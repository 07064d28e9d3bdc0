/**
 * The form in which phrases are compared: lower case, straight apostrophes, single spaces, no
 * punctuation but apostrophes. Speakers are matched to parties, duplicate suggestions found and
 * statements compared on it.
 */
import { normaliseText } from '../quotes/verify-quote.js';

export function matchKey(s: string): string {
  return normaliseText(s)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `needle` occurs in `haystack` as whole words (both keys). */
export function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}
