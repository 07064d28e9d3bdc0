/**
 * Which words of a sentence name its speaker: the subject read backwards from a reporting verb
 * (past datelines, connectives and appositions: "the minister, Jane Doe, said"), the speaker
 * named after an inverted verb ("…, said Jane Doe, a lawyer"), or a pronoun to be carried from
 * the last speaker. Only the phrase is found here; `speakers.ts` says who it is.
 */
import { MASK } from './masked.js';
import { resolveParty, type KnownParty } from './party-match.js';
import { findVerbs } from './speech-verbs.js';

/** Who said it, as the sentence puts it. */
export type SpeakerRef =
  | { kind: 'phrase'; phrase: string; display: string }
  | { kind: 'pronoun'; word?: string }
  /** a bare quotation: the previous speaker's words go on */
  | { kind: 'previous' };

/** "it" names a body ("The regulator said … It added …"); never a person. */
const PRONOUNS = /^(?:he|she|they|it)$/i;
const LEADING_CONNECTIVE =
  /^(?:(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|GMT|BST|CET|ET|UTC))?|and|but|however|meanwhile|yet|so|still|separately|also|instead|later|earlier|then|now|indeed|moreover|furthermore|in response|in reply|in turn|for (?:his|her|its|their|our) part|in a statement|in an interview|speaking later|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?|(?:last|this) (?:week|month|year|morning|afternoon|evening|night)|yesterday|today|tonight)\b[\s,]*)*/i;
/** A wire dateline opening a story: "WASHINGTON (AP) — ", "LONDON, May 2 (Reuters) - ". */
const DATELINE =
  /^\p{Lu}{2}[\p{Lu} .'-]*(?:,\s*(?:\p{Lu}\p{Ll}+\.? \d{1,2}|\d{1,2} \p{Lu}\p{Ll}+))?\s*(?:\([\p{L} .]+\))?\s*(?:[—–]|--?)\s+/u;
const TRAILING_AUXILIARY =
  /(?:\s+(?:has|have|had|also|later|then|previously|earlier|again|would|will|once|further|publicly|separately|privately|subsequently|repeatedly|initially|reportedly|recently|originally|today|yesterday|simply|firmly|flatly|immediately|quickly|in turn|for (?:his|her|its|their|our) part|meanwhile|however|too|himself|herself|themselves|itself|(?:on|last) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?))+\s*$/i;
/** An aside set off by commas between a subject and its verb: "Jo Doe, in turn, said", "The firm, however, said". */
const TRAILING_ASIDE = /,\s*(?:in turn|for (?:his|her|its|their|our) part|meanwhile|however|too|though|also|meanwhile|for now),\s*$/i;

/** "X is pleased to announce": the press release's own reporting verb. */
const PLEASED_TO = /\s+(?:is|are|was|were)\s+(?:very\s+)?(?:pleased|delighted|proud|happy|glad)\s+to\s*$/i;

/** The text before a verb without auxiliaries and asides: where its subject ends. */
function beforeVerb(text: string): string {
  return text.replace(TRAILING_ASIDE, ' ').replace(PLEASED_TO, ' ').replace(TRAILING_AUXILIARY, '');
}
const SPEAKER_NOUNS =
  /\b(?:spokes(?:person|man|woman|people)|officials?|ministers?|ministry|secretary|chief|head|director|president|chair(?:man|woman)?|leader|MPs?|senators?|general|commander|officers?|sources?|aides?|advis[eo]rs?|analysts?|experts?|lawyers?|police|department|government|representatives?|campaigners|critics|residents|witnesses|researchers|scientists|economists?|professor|chancellor|mayor|governor|ambassador|diplomats?|regulator|company|firm|council|agency|union|prosecutors?|investigators?|judge|embassy|office|palace|statement|people|persons?|insiders?|sources?|lawsuit|suit|complaint|indictment|filing|report|study|studies|findings|survey|analysis|audit|inquiry|investigation|review|poll|census|records|transcript|minutes|guild|society|alliance|coalition|lobby|insurer|operator|regulator|retailer|lender|ruling|letter|memo|document|father|mother|sons?|daughters?|wife|husband|brothers?|sisters?|parents?|family|families|grand(?:son|daughter|father|mother)|uncle|aunt|neighbours?|neighbors?|friends?|colleagues?|partner|landlord|tenants?|owners?|managers?|coach|captain|players?|fans|teachers?|doctors?|nurses?|students?|pupils|victims?|survivors?|passengers?|drivers?|workers?|employees?|staff|farmers?|villagers?|traders?|investors?|bankers?|activists?|protesters?|organisers?|organizers?|supporters?|opponents?|authorities|ministry|councill?ors?|lawmakers?|legislators?|barrister|solicitor|attorneys?|counsel|defendant|editor|author|founder|owner|agent|association|federation|chamber|institute|board|committee|commission|authority|watchdog|charity|hospital|trust|university|club|team|airline|bank|group|party|administration|army|military|navy|court|tribunal|coroner|paramedic|firefighters?|engineers?|pilots?|unions?)\b/i;
const NOT_A_SPEAKER = /^(?:it|this|that|which|there|what|who|whom|whose|these|those|i|we|you|one(?=\s*$)|nobody|anyone|everyone|something|as|if|when|because|although|since|after|before|until|while|where|how|why)\b/i;
/** Where a noun phrase's head ends: a preposition, a participle or a verb after it. */
const HEAD_END = /\s+(?:of|for|at|with|to|from|in|on|near|about|who|that|which|\p{Ll}+ing|\p{Ll}+ed)\s+/u;
const DETERMINED_NOUN = /^(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Aa]nother|[Oo]ther)\s+(?:\p{Ll}[\p{Ll}’'-]+\s+)?\p{Ll}[\p{Ll}-]+s?$/u;
/** Last words that are not the head noun of a speaker: adverbs, function words, abstract nouns of events. */
const NOT_A_NOUN =
  /^(?:\p{Ll}+ly|the|a|an|this|that|which|who|of|and|or|but|then|now|also|decision|result|move|rise|fall|change|problem|question|issue|idea|plan|vote|deal|news|fact|point|reason|time|day|week|year|month|way|thing|outcome|figure|figures|increase|decline|drop|growth|price|prices|cost|costs|rate|rates|number|numbers)$/u;
/** Finite auxiliaries and modals: a phrase containing one is a clause, not a noun phrase. */
const CLAUSE_WORD = /\b(?:is|are|was|were|has|have|had|could|would|should|will|can|may|might|must|been|be|did|does|do)\b/;
const CAPITALISED = /(?:^|[\s(])\p{Lu}[\p{L}’'.-]*/gu;
/** Every word capitalised but name particles: "Jane Doe", "Lt Gen. A. B. Smith", "Ruben van Aalst". */
export const NAME_LIKE = /^\p{Lu}[\p{L}’'.-]*(?:\s+(?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|le|la|al|el|bin|ibn|ter|ten|zu)\s+)*\p{Lu}[\p{L}’'.-]*)*$/u;
/** A possessive determiner opens a speaker only before a noun of people or a name: "his father", "Her neighbour Jo Bloggs". */
const POSSESSIVE_OPENER = /^(?:his|her|their|our|its|my|your)\s+/i;

/** "he", "she", "they", "it": a speaker carried from before. */
export function isPronoun(phrase: string): boolean {
  return PRONOUNS.test(phrase);
}

/** Whether a phrase can be the subject of a reporting verb. */
/** `loose`: also a determiner and a common noun ("the guild"), for verbs that are speech in every sense. */
export function looksLikeSpeaker(phrase: string, parties: KnownParty[], loose = false): boolean {
  const p = phrase.trim();
  if (p === '' || p.includes(MASK)) return false;
  if (PRONOUNS.test(p)) return true;
  if (NOT_A_SPEAKER.test(p) || CLAUSE_WORD.test(p)) return false;
  if (POSSESSIVE_OPENER.test(p) && !SPEAKER_NOUNS.test(p.replace(POSSESSIVE_OPENER, '')) && !/\s\p{Lu}/u.test(p)) return false;
  if (p.split(/\s+/).length > 16) return false;
  // The cheap tests first; a known party (a lookup) last.
  // A noun of people or bodies counts in the phrase's head, not in what follows it ("the anger of people").
  if (SPEAKER_NOUNS.test(p.split(HEAD_END)[0] ?? '')) return true;
  const capitals = [...p.matchAll(CAPITALISED)].map((m) => m[0].trim()).filter((w) => !/^(?:The|A|An)$/.test(w));
  if (capitals.length > 0 && !/^(?:[Tt]he|[Aa]n?)\s+\p{Ll}+$/u.test(p)) return true;
  // "The guild", "the insurer", "a local trader": a determiner and one or two lower-case nouns.
  if (loose && DETERMINED_NOUN.test(p) && !NOT_A_NOUN.test(p.split(/\s+/).pop() ?? '')) return true;
  return resolveParty(p, parties) !== null;
}

/** Of two phrases in apposition ("the minister, Jane Doe"), the one that reads as a name. */
function pickDisplayName(a: string, b: string): string {
  const nameA = NAME_LIKE.test(a);
  const nameB = NAME_LIKE.test(b);
  if (nameA !== nameB) return nameA ? a : b;
  return capitalCount(b) > capitalCount(a) ? b : a;
}

function capitalCount(s: string): number {
  return [...s.matchAll(CAPITALISED)].length;
}

interface Subject {
  phrase: string;
  display: string;
  /** where the subject starts in the sentence: text before it is a lead clause */
  start: number;
  /** a relative clause on the subject ("X, who also said Y, told Z") */
  relative: { start: number; end: number } | null;
}

/** Comma-separated chunks of a masked string, with offsets. */
function commaChunks(masked: string, from: number, to: number): { start: number; end: number; text: string }[] {
  const chunks: { start: number; end: number; text: string }[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    const thousands = /\d/.test(masked[i - 1] ?? '') && /\d/.test(masked[i + 1] ?? '');
    if (i === to || (masked[i] === ',' && !thousands)) {
      chunks.push({ start, end: i, text: masked.slice(start, i) });
      start = i + 1;
    }
  }
  return chunks;
}

/** Start offset of `chunk` once a dateline, leading connectives and whitespace are skipped. */
export function skipConnectives(chunk: { start: number; text: string }): { start: number; text: string } {
  const lead = chunk.text.length - chunk.text.trimStart().length;
  const trimmed = chunk.text.trimStart();
  const dateline = DATELINE.exec(trimmed)?.[0] ?? '';
  const connective = dateline + (LEADING_CONNECTIVE.exec(trimmed.slice(dateline.length))?.[0] ?? '');
  return { start: chunk.start + lead + connective.length, text: trimmed.slice(connective.length).trim() };
}

/**
 * Commas that only add detail to a name: an age ("Jo Bloggs, 34,"), a home town ("from Leeds"),
 * a US party and state ("D-Ore.", "R-N.Y."), a "whose" clause. Read past them to the subject.
 */
const DETAIL_CHUNK = /^\s*(?:(?:aged\s+)?\d{1,3}|from\s+\p{Lu}[\p{L}\s-]*|[DRI]-\p{Lu}[\p{L}.]*(?:\s?\p{Lu}[\p{L}.]*)?|whose\b.*)\s*$/u;

/** The subject of a reporting verb at `verbAt`, read backwards from the verb. */
export function findSubject(masked: string, verbAt: number, parties: KnownParty[], loose = false): Subject | null {
  const before = beforeVerb(masked.slice(0, verbAt));
  const trimmed = before.trimEnd();
  const chunks = commaChunks(masked, 0, trimmed.length);
  if (!trimmed.endsWith(',')) {
    const last = chunks[chunks.length - 1];
    if (!last) return null;
    const s = skipConnectives(last);
    if (!looksLikeSpeaker(s.text, parties, loose)) return null;
    return { phrase: s.text, display: s.text, start: s.start, relative: null };
  }
  chunks.pop(); // the empty chunk after the last comma
  let details = 0;
  while (chunks.length > 1 && DETAIL_CHUNK.test(chunks[chunks.length - 1]?.text ?? '')) {
    chunks.pop();
    details++;
  }
  if (details > 0) {
    // "Jo Bloggs, 34, from Leeds, said": the name before the details is the subject.
    const last = chunks[chunks.length - 1];
    if (!last) return null;
    const s = skipConnectives(last);
    if (looksLikeSpeaker(s.text, parties, loose) && NAME_RUN_END.test(s.text)) return { phrase: s.text, display: s.text, start: s.start, relative: null };
    if (chunks.length < 2) return null;
  }
  // "A, B, said": B is in apposition to A, or a relative clause on it.
  const a = chunks[chunks.length - 2];
  const b = chunks[chunks.length - 1];
  if (!a || !b) return null;
  const first = skipConnectives(a);
  const second = b.text.trim();
  if (/^(?:who|which)\b/i.test(second)) {
    if (!looksLikeSpeaker(first.text, parties, loose)) return null;
    return { phrase: first.text, display: first.text, start: first.start, relative: { start: b.start, end: b.end } };
  }
  const phrase = `${first.text}, ${second}`;
  if (!looksLikeSpeaker(first.text, parties, loose) && !looksLikeSpeaker(second, parties, loose)) return null;
  const display = pickDisplayName(first.text, second);
  return { phrase, display, start: first.start, relative: null };
}

/** A phrase ending in a capitalised word: a name may end it. */
const NAME_RUN_END = /\p{Lu}[\p{L}’'.-]*$/u;

/** A reporting clause after a quotation: "he said", "said Mr Smith", "Jane Doe, a lawyer, says". */
export function parseTrailingAttribution(attribution: string, parties: KnownParty[]): SpeakerRef | null {
  const a = attribution.replace(/^[\s,;:]+/, '').replace(/[\s,.;:]+$/, '');
  const verb = findVerbs(a).find((v) => v.kind === 'say');
  if (!verb) return null;
  const before = beforeVerb(a.slice(0, verb.at)).trim();
  if (before !== '') {
    const s = skipConnectives({ start: 0, text: before });
    if (!looksLikeSpeaker(s.text, parties, true)) return null;
    return PRONOUNS.test(s.text) ? { kind: 'pronoun', word: s.text.toLowerCase() } : { kind: 'phrase', phrase: s.text, display: s.text };
  }
  return speakerAfterVerb(a.slice(verb.end), parties);
}

/** Where a speaker named after the verb stops: adverbials, participles, relative clauses. */
const SPEAKER_TAIL =
  /\s+(?:in an?\b|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|at an?\b|yesterday\b|today\b|last\b|earlier\b|later\b|during\b|when\b|while\b)|,\s*(?:adding|noting|saying|who|whose|which|before|after|when|while|in an?|at an?)\b|,\s*(?:aged\s+)?\d{1,3}\b/;

/** "said Mr Smith", "said Jane Doe, a lawyer for the family, on Tuesday". */
export function speakerAfterVerb(after: string, parties: KnownParty[]): SpeakerRef | null {
  if (/^\s*(?:that\b|:)/i.test(after)) return null;
  const phrase = (after.split(SPEAKER_TAIL)[0] ?? '').replace(/[\s,.;:!?]+$/, '').trim();
  if (!looksLikeSpeaker(phrase, parties) || PRONOUNS.test(phrase)) return null;
  const [name = phrase, ...rest] = phrase.split(',');
  const display = rest.length > 0 ? pickDisplayName(name.trim(), rest.join(',').trim()) : phrase;
  return { kind: 'phrase', phrase, display };
}
