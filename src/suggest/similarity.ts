/**
 * How alike two statements are: 1 when one contains the other once normalised (case, quotation
 * marks, punctuation), else the share of the shorter statement's content words that the other
 * has. The desk uses it to mark a suggestion the story already has; scoring, to pair suggestions
 * with a journalist's list.
 */
import { tokeniseWords } from '../quotes/verify-quote.js';
import { containsWords, matchKey } from './match-key.js';

/** Statements match when one contains the other, or their content words overlap this much. */
export const STATEMENT_MATCH_THRESHOLD = 0.5;

const STOPWORDS = new Set(
  'a an the and or but of to in on at for by with from as is was were be been are it its that this there their they he she his her we our i not no'.split(' '),
);

/** The content words of a statement (all its words when it has none). */
export function contentWords(s: string): Set<string> {
  const all = tokeniseWords(s).map((t) => t.norm);
  const content = all.filter((w) => !STOPWORDS.has(w));
  return new Set(content.length > 0 ? content : all);
}

/**
 * Similarity of two statements in [0, 1]: 1 when one contains the other once normalised
 * (case, quotation marks, punctuation), else |shared content words| / |content words of the
 * shorter statement|.
 */
export function statementSimilarity(a: string, b: string): number {
  const ka = matchKey(a);
  const kb = matchKey(b);
  if (ka === '' || kb === '') return 0;
  if (containsWords(ka, kb) || containsWords(kb, ka)) return 1;
  const wa = contentWords(a);
  const wb = contentWords(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, Math.min(wa.size, wb.size));
}

/** Shared content words over all content words (Jaccard): how close two statements are in extent. */
export function statementCloseness(a: string, b: string): number {
  const wa = contentWords(a);
  const wb = contentWords(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, wa.size + wb.size - shared);
}

const NEGATION = /\b(?:not|no|never|nothing|nobody|none|neither|nor|without)\b|n[’']t\b/i;

/**
 * Whether a suggestion says what an existing claim of the same party already says, for the desk's
 * "Already recorded": one contains the other, or they share at least two content words making up
 * most of the shorter and a third of the longer statement, with the same polarity. One shared word
 * with a short claim ("There was no spy on the call" and "… dialled in to the call …") is not a
 * duplicate, nor is "there was a spy" of "there was no spy".
 */
export function saysTheSame(existing: string, suggestion: string): boolean {
  const ka = matchKey(existing);
  const kb = matchKey(suggestion);
  if (ka === '' || kb === '') return false;
  if (NEGATION.test(existing) !== NEGATION.test(suggestion)) return false;
  if (containsWords(ka, kb) || containsWords(kb, ka)) return true;
  const wa = contentWords(existing);
  const wb = contentWords(suggestion);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const shorter = Math.min(wa.size, wb.size);
  const longer = Math.max(wa.size, wb.size);
  return shared >= 2 && shared / Math.max(1, shorter) >= 0.6 && shared / Math.max(1, longer) >= 0.3;
}
