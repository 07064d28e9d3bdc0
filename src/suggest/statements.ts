/**
 * Shaping what a speaker said into statements: the words inside a quotation, punctuation
 * trimmed, the form (verbatim, partial quote, paraphrase, declined), and a reported clause cut
 * where it holds more than one claim ("… and said …", "…, adding that …", "declined to comment
 * beyond saying …").
 */
import type { QuoteSpan } from '../lib/sentences.js';
import { COORDINATED_VERB, DECLINE_PATTERN, keepsVerb } from './speech-verbs.js';

export type ClaimForm = 'verbatim' | 'partial_quote' | 'paraphrase' | 'declined';

/** The words of a quotation, without its marks. */
export function innerQuote(text: string, q: QuoteSpan): string {
  return text.slice(q.unopened ? q.open : q.open + 1, q.closed ? q.close - 1 : q.close).trim();
}

/** Final punctuation trimmed from a statement (closing quotation marks are kept). */
export function tidyStatement(s: string): string {
  return s.trim().replace(/^[,;:\s]+/, '').replace(/[\s,;:.]+$/, '').trim();
}

/** A verbatim statement loses only a trailing comma (the sentence's, not the speaker's). */
export function tidyQuote(s: string): string {
  return s.trim().replace(/,$/, '').trim();
}

function hasQuote(s: string): boolean {
  return /[“”"«»„‹›]/.test(s);
}

/** The form of a reported (not wholly quoted) statement. */
export function formOf(statement: string): ClaimForm {
  if (DECLINE_PATTERN.test(statement)) return 'declined';
  return hasQuote(statement) ? 'partial_quote' : 'paraphrase';
}

/** Participles that continue a reported clause ("…, adding that …"); `keep` ones stay in the text. */
const CONTINUATION = /,\s*(?:and\s+|while\s+|before\s+)?(adding|saying|noting|stressing|explaining|insisting|arguing|warning|questioning|describing|accusing|criticising|criticizing|urging|denying|dismissing)\s+(?:that\s+)?/gi;
const SAYING_THAT = /,\s*(?:and\s+)?(?:adding|saying|noting|stressing|explaining|insisting|arguing|warning)\s+that\s+/gi;
const KEEP_PARTICIPLES = /^(?:questioning|describing|accusing|criticising|criticizing|urging|denying|dismissing)$/i;

/** The claims of a reported clause: split at coordinated verbs and clauses, then at continuations. */
export function splitClaims(statement: string): string[] {
  return splitCoordinated(statement).flatMap(splitContinuations);
}

/** "A and that B" (after "said that"): two claims. */
const AND_THAT = /,?\s+and\s+(?:also\s+)?that\s+/i;
/** "it had not been consulted and would seek talks": a second predicate of the same subject. */
const AND_MODAL = /,?\s+and\s+(?=(?:would|will|could|should|must|might|planned to|intended to)\s+\p{Ll})/u;

/** "and would …" after a clause of at least four words, outside quotation marks. */
function modalSplit(statement: string): RegExpExecArray | null {
  const m = AND_MODAL.exec(statement);
  if (!m || hasQuote(statement.slice(0, m.index))) return null;
  return statement.slice(0, m.index).trim().split(/\s+/).length >= 4 ? m : null;
}

/** Split a reported clause where a coordinated reporting verb or "and that" starts a second claim. */
function splitCoordinated(statement: string): string[] {
  const verb = COORDINATED_VERB.exec(statement);
  const that = AND_THAT.exec(statement) ?? modalSplit(statement);
  const m = verb && (!that || verb.index <= that.index) ? verb : that;
  if (!m) return [statement];
  const resume = m === verb && keepsVerb(m[1] ?? '') ? m.index + m[0].indexOf(m[1] ?? '') : m.index + m[0].length;
  const first = tidyStatement(statement.slice(0, m.index));
  const second = statement.slice(resume);
  if (first === '' || tidyStatement(second) === '') return [statement];
  return [first, ...splitCoordinated(second)].filter(Boolean);
}

/** Split a reported clause at participial continuations when each part carries its own quotation. */
function splitContinuations(statement: string): string[] {
  const cuts: { at: number; resume: number }[] = [];
  for (const m of statement.matchAll(CONTINUATION)) {
    const word = m[1] ?? '';
    const resume = KEEP_PARTICIPLES.test(word) ? m.index + m[0].indexOf(word) : m.index + m[0].length;
    cuts.push({ at: m.index, resume });
  }
  if (cuts.length === 0) return [statement];
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(statement.slice(from, cut.at));
    from = cut.resume;
  }
  parts.push(statement.slice(from));
  if (parts.every(hasQuote)) return parts.map(tidyStatement);
  // "…, adding that …": a participle of saying with its own clause is a claim of its own.
  const saying = [...statement.matchAll(SAYING_THAT)][0];
  if (saying) {
    return [statement.slice(0, saying.index), statement.slice(saying.index + saying[0].length)].map(tidyStatement).filter(Boolean);
  }
  return [statement];
}

/** "declined to comment on X beyond saying Y" → the refusal, and what was said after all. */
const DECLINE_EXCEPT = /\s+(?:beyond|other than|except|apart from)\s+(?:saying|to say|stating|noting|confirming)\s+(?:that\s+)?|,?\s*(?:but|although)\s+(?:said|saying|added|adding)\s+(?:that\s+)?/i;

export function splitDecline(statement: string): string[] {
  const m = DECLINE_EXCEPT.exec(statement);
  if (!m) return [statement];
  return [statement.slice(0, m.index), statement.slice(m.index + m[0].length)].map(tidyStatement).filter(Boolean);
}

/**
 * The reporting frame left at the head of a reported clause: "(she said) she believed X",
 * "(he said) he feared that X" → X. Kept when too little would be left.
 */
const FRAME =
  /^(?:he|she|they|we|it)\s+(?:had\s+)?(?:believed|thought|felt|feared|hoped|suspected|expected|was (?:confident|sure|convinced|certain|satisfied)|were (?:confident|sure|convinced|certain|satisfied))\s+(?:that\s+)?/i;

export function withoutFrame(statement: string): string {
  const m = FRAME.exec(statement);
  if (!m) return statement;
  const rest = statement.slice(m[0].length);
  return rest.split(/\s+/).length >= 3 ? rest : statement;
}
