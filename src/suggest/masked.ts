/**
 * A sentence with its quotations blanked, offsets unchanged: the text attribution is read from,
 * so that words inside a quotation are never taken for a speaker, a verb, a date or a venue.
 */
import type { QuoteSpan } from '../lib/sentences.js';

/** What a quotation's characters become (an invisible separator, never in copy). */
export const MASK = '\u2063';

/** The sentence with every quotation (marks included) blanked, offsets unchanged. */
export function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  let out = text;
  for (const q of quotes) out = out.slice(0, q.open) + MASK.repeat(q.close - q.open) + out.slice(q.close);
  return out;
}

/** The text with [from, to) replaced by spaces: a part already read, kept out of the rest. */
export function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to);
}
