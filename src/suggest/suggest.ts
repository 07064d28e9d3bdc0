/**
 * Claim suggestion: reads the archived text of a news article and proposes the claims in it —
 * who said what, in which form (verbatim, partial quote, paraphrase, declined), when and where —
 * for a journalist to review before anything is recorded.
 *
 * Everything here is general newsroom English: sentence and quotation structure, speech verbs,
 * titles, relative dates. Nothing may name a person, outlet or phrase of any one article; the
 * known parties of the story are the only article-specific input. Pure: text in, plain data out.
 *
 * Pipeline: paragraphs (lines) → sentences (never split inside a quotation; titles, initials
 * and abbreviations kept) → furniture set aside → per sentence, in order: a quotation followed
 * by its attribution (“X,” he said / “A,” Y says, “B.” / a bare quotation continuing the last
 * speaker's words), "according to X", a reporting verb with its subject (before it, with
 * appositions and "who said" clauses, or after it: "…, said X"), and finally a reporting verb
 * dropped by sloppy copy ("a spokesperson for X that …"). Speakers resolve to known parties by
 * the longest name / alias / role / "<title> <surname>" they contain; he/she/they carry the last
 * attributed speaker. Dates come from the attribution, then the rest of the paragraph, then (for
 * carried speakers) the statement continued; else the publication day, `reported_by`.
 *
 * Also exported: `detectFurniture` (page furniture such as donation appeals and comment
 * prompts, reused by the source importer) and `matchSuggestions` (scores suggestions against a
 * journalist's list, for tests and the evaluation script; see STATEMENT_MATCH_THRESHOLD).
 */
import { normaliseText, tokeniseWords } from '../quotes/verify-quote.js';

// ---------------------------------------------------------------------------------------------
// Public types

export interface KnownParty {
  slug: string;
  name: string;
  aliases: string[];
  roles: string[];
}

export type ClaimForm = 'verbatim' | 'partial_quote' | 'paraphrase' | 'declined';
export type DatePrecision = 'day' | 'approximate' | 'reported_by';

export interface Suggestion {
  speaker: { partySlug: string | null; name: string };
  statement: string;
  form: ClaimForm;
  /** The sentence(s) the claim was read from, and their offsets in the text. */
  passage: string;
  start: number;
  end: number;
  saidOn: string;
  datePrecision: DatePrecision;
  /** Where it was said ("Times Radio", "press conference", "statement"); '' if unknown. */
  venue: string;
}

export interface SuggestInput {
  text: string;
  /** YYYY-MM-DD */
  publishedOn: string;
  parties: KnownParty[];
}

export type FurnitureReason = 'donation_appeal' | 'comments' | 'credit' | 'newsletter' | 'promotion';

export interface Furniture {
  start: number;
  end: number;
  text: string;
  reason: FurnitureReason;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs, sentences and quotation spans

interface QuoteSpan {
  /** offsets relative to the sentence: the opening mark, and just past the closing mark */
  open: number;
  close: number;
  closed: boolean;
}

interface Sentence {
  start: number;
  end: number;
  text: string;
  quotes: QuoteSpan[];
  paragraph: number;
}

interface Paragraph {
  start: number;
  end: number;
  sentences: Sentence[];
}

/** Non-blank lines, trimmed, with their offsets. */
function splitParagraphs(text: string): { start: number; end: number }[] {
  const paragraphs: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\r\n]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body === '') continue;
    paragraphs.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return paragraphs;
}

const OPENING_CURLY = '“';
const CLOSING_CURLY = '”';

/** Double-quotation spans of a paragraph (absolute offsets); unclosed spans run to its end. */
function findQuoteSpans(text: string, from: number, to: number): { open: number; close: number; closed: boolean }[] {
  const spans: { open: number; close: number; closed: boolean }[] = [];
  let open: { at: number; mark: string } | null = null;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (open === null) {
      if (ch === OPENING_CURLY || ch === '"') open = { at: i, mark: ch };
    } else if ((open.mark === OPENING_CURLY && ch === CLOSING_CURLY) || (open.mark === '"' && ch === '"')) {
      spans.push({ open: open.at, close: i + 1, closed: true });
      open = null;
    }
  }
  if (open) spans.push({ open: open.at, close: to, closed: false });
  return spans;
}

const ABBREVIATIONS = new Set(
  (
    'Mr Mrs Ms Mx Dr Prof Lt Gen Col Maj Capt Sgt Cpl Pte Adm Cdr Brig Rev St Sen Rep Gov Supt Insp Det ' +
    'Cllr Hon Jr Sr Snr Jnr Esq vs etc Inc Ltd Co Corp Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ' +
    'Mt Ft Fr approx est dept govt'
  ).split(' '),
);
const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['”', '"', '’', "'", ')', ']']);
const SENTENCE_OPENER = /[\p{Lu}\p{N}“"‘'(\[]/u;

function insideSpan(spans: { open: number; close: number }[], at: number): boolean {
  return spans.some((s) => s.open < at && at < s.close);
}

/** Whether the "." at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, dot: number, next: string): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[1] ?? '';
  const word = before.split('.').pop() ?? '';
  if (word === 'No') return /\d/.test(next);
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "John F. Kennedy"
  return /(?:^|\.)\p{L}\.\p{L}$/u.test(before); // "U.S", "e.g"
}

/** Sentences of one paragraph; never splits inside a quotation. */
function splitSentences(text: string, para: { start: number; end: number }, paragraph: number): Sentence[] {
  const spans = findQuoteSpans(text, para.start, para.end);
  const ends: number[] = [];
  for (let i = para.start; i < para.end; i++) {
    const ch = text[i] ?? '';
    if (!TERMINAL.has(ch)) continue;
    let j = i + 1;
    while (j < para.end && TERMINAL.has(text[j] ?? '')) j++;
    while (j < para.end && CLOSERS.has(text[j] ?? '')) j++;
    if (j >= para.end || insideSpan(spans, j)) continue;
    const next = text[j] ?? '';
    let boundary = false;
    let following = next;
    if (/\s/.test(next)) {
      let k = j;
      while (k < para.end && /\s/.test(text[k] ?? '')) k++;
      following = text[k] ?? '';
      boundary = SENTENCE_OPENER.test(following);
    } else if (ch === '.' && j === i + 1) {
      // text glued by a web capture: "the difference.A German"
      boundary = /\p{Ll}{2}$/u.test(text.slice(i - 2, i)) && /\p{Lu}/u.test(next);
    }
    if (boundary && ch === '.' && j - i === 1 && isAbbreviation(text, i, following)) boundary = false;
    if (boundary) {
      ends.push(j);
      i = j - 1;
    }
  }
  ends.push(para.end);
  const sentences: Sentence[] = [];
  let start = para.start;
  for (const end of ends) {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body !== '') {
      const s = start + lead;
      const e = s + body.length;
      const quotes = spans
        .filter((q) => q.open >= s && q.open < e)
        .map((q) => ({ open: q.open - s, close: Math.min(q.close, e) - s, closed: q.closed && q.close <= e }));
      sentences.push({ start: s, end: e, text: body, quotes, paragraph });
    }
    start = end;
  }
  return sentences;
}

/** Split a text into its sentences (offsets into the text); exported for reuse and tests. */
export function splitIntoSentences(text: string): { start: number; end: number; text: string }[] {
  return splitParagraphs(text).flatMap((p, i) =>
    splitSentences(text, p, i).map(({ start, end, text: t }) => ({ start, end, text: t })),
  );
}

// ---------------------------------------------------------------------------------------------
// Page furniture

interface FurnitureRule {
  reason: FurnitureReason;
  pattern: RegExp;
}

const FURNITURE_RULES: FurnitureRule[] = [
  { reason: 'donation_appeal', pattern: /\byour (?:support|donation|contribution|generosity)\b/i },
  {
    reason: 'donation_appeal',
    pattern:
      /\b(?:donate (?:now|today)|make a donation|support us\b|support (?:our|independent|quality) journalism|become a (?:member|supporter|subscriber)|paywalls?\b)/i,
  },
  { reason: 'donation_appeal', pattern: /\bhelp us (?:to )?(?:keep|continue|tell|fund|report)\b/i },
  {
    reason: 'comments',
    pattern: /^(?:join|read|view|show|see|load|post|add)\b.{0,30}\b(?:comment(?:s|ing)?|conversations?|discussion)\b/i,
  },
  { reason: 'comments', pattern: /^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$/i },
  { reason: 'credit', pattern: /\bcontributed (?:reporting )?to this (?:report|story|article)\b/i },
  { reason: 'credit', pattern: /^(?:additional )?(?:reporting|writing|editing) by\b/i },
  { reason: 'credit', pattern: /^this (?:article|story) was (?:originally )?(?:published|updated|amended)\b/i },
  { reason: 'newsletter', pattern: /\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|free)\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b/i },
  { reason: 'newsletter', pattern: /^sign up\b/i },
  {
    reason: 'promotion',
    pattern:
      /^(?:read more|related(?: articles?| stories)?|recommended|most read|more from|follow us|share this|advertisement|click here|watch|listen)\b\s*[:|]?/i,
  },
];

/** Sentences in this many sentences of each other belong to one donation appeal block. */
const APPEAL_GAP_SENTENCES = 4;
/** A comments prompt after this fraction of the text ends the article. */
const COMMENTS_TAIL_FROM = 0.6;

function furnitureReason(sentence: Sentence): FurnitureReason | null {
  const t = sentence.text;
  for (const rule of FURNITURE_RULES) {
    if (!rule.pattern.test(t)) continue;
    // Promotion and comments prompts are short page labels, never sentences of reporting.
    if ((rule.reason === 'promotion' || rule.reason === 'comments') && t.length > 120) continue;
    // A quoted appeal ("thank you for your support," she said) is reporting, not furniture.
    if (rule.reason === 'donation_appeal' && sentence.quotes.length > 0) continue;
    return rule.reason;
  }
  return null;
}

/** Spans of page furniture in an archived article: appeals, comment prompts, credits, promos. */
export function detectFurniture(text: string): Furniture[] {
  const sentences = splitParagraphs(text).flatMap((p, i) => splitSentences(text, p, i));
  const reasons = sentences.map(furnitureReason);
  fillAppealBlocks(reasons);
  const tailFrom = reasons.findIndex((r, i) => r === 'comments' && (sentences[i]?.start ?? 0) >= text.length * COMMENTS_TAIL_FROM);
  if (tailFrom >= 0) for (let i = tailFrom; i < reasons.length; i++) reasons[i] = 'comments';

  const spans: Furniture[] = [];
  sentences.forEach((s, i) => {
    const reason = reasons[i];
    if (!reason) return;
    const last = spans[spans.length - 1];
    if (last && last.reason === reason && text.slice(last.end, s.start).trim() === '') {
      last.end = s.end;
      last.text = text.slice(last.start, last.end);
    } else {
      spans.push({ start: s.start, end: s.end, text: s.text, reason });
    }
  });
  return spans;
}

/** Sentences between two appeal sentences close together are part of the appeal. */
function fillAppealBlocks(reasons: (FurnitureReason | null)[]): void {
  let previous = -1;
  reasons.forEach((reason, i) => {
    if (reason !== 'donation_appeal') return;
    if (previous >= 0 && i - previous - 1 <= APPEAL_GAP_SENTENCES) {
      for (let k = previous + 1; k < i; k++) reasons[k] = 'donation_appeal';
    }
    previous = i;
  });
}

/** The article's paragraphs with furniture sentences removed (empty paragraphs dropped). */
function contentParagraphs(text: string): Paragraph[] {
  const furniture = detectFurniture(text);
  const isFurniture = (s: Sentence): boolean => furniture.some((f) => f.start <= s.start && s.end <= f.end);
  const paragraphs: Paragraph[] = [];
  for (const p of splitParagraphs(text)) {
    const index = paragraphs.length;
    const sentences = splitSentences(text, p, index).filter((s) => !isFurniture(s));
    const first = sentences[0];
    const last = sentences[sentences.length - 1];
    if (first && last) paragraphs.push({ start: first.start, end: last.end, sentences });
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Speech verbs

/** Reporting verbs whose complement is the claim ("said (that) X"). */
const SAY_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'claimed', 'claims', 'warned', 'warns', 'warn', 'noted',
  'insisted', 'insists', 'insist', 'argued', 'argues', 'argue', 'stated', 'explained', 'explains', 'announced', 'wrote',
  'writes', 'suggested', 'suggests', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'confirmed',
  'confirms', 'stressed', 'stresses', 'emphasised', 'emphasized', 'emphasises', 'emphasizes', 'asserted',
  'asserts', 'alleged', 'alleges', 'declared', 'replied', 'responded', 'predicted', 'predicts',
  'cautioned', 'conceded', 'concedes', 'complained', 'reported', 'maintained', 'maintains', 'recalled',
  'observed', 'pointed out', 'went on',
];
/** Verbs whose meaning belongs to the claim ("described X as Y", "denied X"): kept in the statement. */
const KEEP_VERBS = [
  'described', 'describes', 'questioned', 'accused', 'accuses', 'criticised', 'criticized', 'criticises',
  'criticizes', 'denied', 'denies', 'dismissed', 'dismisses', 'urged', 'urges', 'rejected', 'rejects',
  'called for', 'calls for', 'praised', 'praises', 'blamed', 'blames', 'defended', 'defends', 'welcomed',
  'welcomes', 'condemned', 'condemns',
];
/** Verbs so often used outside reporting that they only count before "that" or a quotation. */
const NEEDS_THAT = new Set(['maintained', 'maintains', 'recalled', 'observed', 'reported', 'went on', 'complained', 'predicted', 'predicts']);
const DECLINE_PATTERN =
  /\b(?:(?:declined|refused|was unable|were unable)\s+to\s+(?:comment|discuss|say|answer|be drawn|confirm or deny)|(?:would|could|did|will|cannot|can not)\s+not\s+(?:comment|discuss|say)|(?:wouldn[’']t|couldn[’']t|didn[’']t|won[’']t|can[’']t)\s+(?:comment|discuss|say)|did not (?:immediately )?respond to (?:a |multiple )?requests? for comment|did not reply to (?:a )?requests? for comment)\b/i;

const VERB_PATTERN = new RegExp(
  `\\b(${[...SAY_VERBS, ...KEEP_VERBS].map((v) => v.replace(' ', '\\s+')).join('|')})\\b|${DECLINE_PATTERN.source}`,
  'gi',
);

type VerbKind = 'say' | 'keep' | 'decline';

interface VerbHit {
  at: number;
  end: number;
  text: string;
  kind: VerbKind;
}

function verbKind(verb: string): VerbKind {
  const v = verb.toLowerCase().replace(/\s+/g, ' ');
  if (KEEP_VERBS.includes(v)) return 'keep';
  if (SAY_VERBS.includes(v)) return 'say';
  return 'decline';
}

/** Speech verbs outside quotations, leftmost first, skipping passives and infinitives. */
function findVerbs(masked: string): VerbHit[] {
  const hits: VerbHit[] = [];
  for (const m of masked.matchAll(VERB_PATTERN)) {
    const before = masked.slice(0, m.index);
    if (/\b(?:was|were|is|are|be|been|being|to|having|had been|it|this|which)\s+$/i.test(before) && !/^(?:declined|refused|was|were)/i.test(m[0])) {
      continue;
    }
    const kind = verbKind(m[0]);
    const after = masked.slice(m.index + m[0].length);
    if (kind === 'say' && NEEDS_THAT.has(m[0].toLowerCase()) && !/^\s*(?:that\b|:|,?\s*\u2063)/.test(after)) continue;
    if (/^add/i.test(m[0]) && /^\s+(?:to|up)\b/i.test(after)) continue; // "added to the pressure"
    hits.push({ at: m.index, end: m.index + m[0].length, text: m[0], kind });
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Sentence analysis

type SpeakerRef =
  | { kind: 'phrase'; phrase: string; display: string }
  | { kind: 'pronoun' }
  | { kind: 'previous' };

interface Draft {
  speaker: SpeakerRef;
  statement: string;
  form: ClaimForm;
  /** text outside the statement and outside quotations: where dates and venues are looked for */
  attribution: string;
  /** a bare quotation continuing the previous speaker's words */
  continuation: boolean;
}

const MASK = '\u2063';

/** The sentence with every quotation (marks included) blanked, offsets unchanged. */
function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  let out = text;
  for (const q of quotes) out = out.slice(0, q.open) + MASK.repeat(q.close - q.open) + out.slice(q.close);
  return out;
}

function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to);
}

function innerQuote(text: string, q: QuoteSpan): string {
  return text.slice(q.open + 1, q.closed ? q.close - 1 : q.close).trim();
}

/** Final punctuation trimmed from a statement (closing quotation marks are kept). */
function tidyStatement(s: string): string {
  return s.trim().replace(/^[,;:\s]+/, '').replace(/[\s,;:.]+$/, '').trim();
}

function hasQuote(s: string): boolean {
  return /[“”"]/.test(s);
}

function formOf(statement: string): ClaimForm {
  if (DECLINE_PATTERN.test(statement)) return 'declined';
  return hasQuote(statement) ? 'partial_quote' : 'paraphrase';
}

const PRONOUNS = /^(?:he|she|they)$/i;
const LEADING_CONNECTIVE =
  /^(?:(?:and|but|however|meanwhile|yet|so|still|separately|also|instead|later|earlier|then|now|indeed|moreover|furthermore|in response|in reply|in a statement|in an interview|speaking later|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?|(?:last|this) (?:week|month|year|morning|afternoon|evening|night)|yesterday|today|tonight)\b[\s,]*)*/i;
/** A wire dateline opening a story: "WASHINGTON (AP) — ", "LONDON, May 2 (Reuters) - ". */
const DATELINE =
  /^\p{Lu}{2}[\p{Lu} .'-]*(?:,\s*(?:\p{Lu}\p{Ll}+\.? \d{1,2}|\d{1,2} \p{Lu}\p{Ll}+))?\s*(?:\([\p{L} .]+\))?\s*(?:[—–]|--?)\s+/u;
const TRAILING_AUXILIARY =
  /(?:\s+(?:has|have|had|also|later|then|previously|earlier|again|would|will|once|further|publicly|separately|privately|subsequently|repeatedly|initially|reportedly|recently|originally|today|yesterday|(?:on|last) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?))+\s*$/i;
const SPEAKER_NOUNS =
  /\b(?:spokes(?:person|man|woman|people)|officials?|ministers?|ministry|secretary|chief|head|director|president|chair(?:man|woman)?|leader|MPs?|senators?|general|commander|officers?|sources?|aides?|advis[eo]rs?|analysts?|experts?|lawyers?|police|department|government|representatives?|campaigners|critics|residents|witnesses|researchers|scientists|economists?|professor|chancellor|mayor|governor|ambassador|diplomats?|regulator|company|firm|council|agency|union|prosecutors?|investigators?|judge|embassy|office|palace|statement)\b/i;
const NOT_A_SPEAKER = /^(?:it|its|this|that|which|there|what|who|whom|whose|these|those|i|we|you|one|his|her|their|our|my|your|nobody|anyone|everyone|something|as|if|when|because|although|since|after|before|until|while|where|how|why)\b/i;
/** Finite auxiliaries and modals: a phrase containing one is a clause, not a noun phrase. */
const CLAUSE_WORD = /\b(?:is|are|was|were|has|have|had|could|would|should|will|can|may|might|must|been|be|did|does|do)\b/;
const CAPITALISED = /(?:^|[\s(])\p{Lu}[\p{L}’'.-]*/gu;

/** Whether a phrase can be the subject of a reporting verb. */
function looksLikeSpeaker(phrase: string, parties: KnownParty[]): boolean {
  const p = phrase.trim();
  if (p === '' || p.includes(MASK)) return false;
  if (PRONOUNS.test(p)) return true;
  if (NOT_A_SPEAKER.test(p) || CLAUSE_WORD.test(p)) return false;
  if (p.split(/\s+/).length > 16) return false;
  if (resolveParty(p, parties)) return true;
  if (SPEAKER_NOUNS.test(p)) return true;
  const capitals = [...p.matchAll(CAPITALISED)].map((m) => m[0].trim()).filter((w) => !/^(?:The|A|An)$/.test(w));
  return capitals.length > 0 && !/^(?:[Tt]he|[Aa]n?)\s+\p{Ll}+$/u.test(p);
}

/** Every word capitalised: "Jane Doe", "Lt Gen. A. B. Smith", "Conservative MP Jo Bloggs". */
const NAME_LIKE = /^\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*$/u;

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

/** Start offset of `chunk` once leading connectives and whitespace are skipped. */
function skipConnectives(chunk: { start: number; text: string }): { start: number; text: string } {
  const lead = chunk.text.length - chunk.text.trimStart().length;
  const trimmed = chunk.text.trimStart();
  const dateline = DATELINE.exec(trimmed)?.[0] ?? '';
  const connective = dateline + (LEADING_CONNECTIVE.exec(trimmed.slice(dateline.length))?.[0] ?? '');
  return { start: chunk.start + lead + connective.length, text: trimmed.slice(connective.length).trim() };
}

/** The subject of a reporting verb at `verbAt`, read backwards from the verb. */
function findSubject(masked: string, verbAt: number, parties: KnownParty[]): Subject | null {
  const before = masked.slice(0, verbAt).replace(TRAILING_AUXILIARY, '');
  const trimmed = before.trimEnd();
  const chunks = commaChunks(masked, 0, trimmed.length);
  if (!trimmed.endsWith(',')) {
    const last = chunks[chunks.length - 1];
    if (!last) return null;
    const s = skipConnectives(last);
    if (!looksLikeSpeaker(s.text, parties)) return null;
    return { phrase: s.text, display: s.text, start: s.start, relative: null };
  }
  // "A, B, said": B is in apposition to A, or a relative clause on it.
  const a = chunks[chunks.length - 3];
  const b = chunks[chunks.length - 2];
  if (!a || !b) return null;
  const first = skipConnectives(a);
  const second = b.text.trim();
  if (/^(?:who|which)\b/i.test(second)) {
    if (!looksLikeSpeaker(first.text, parties)) return null;
    return { phrase: first.text, display: first.text, start: first.start, relative: { start: b.start, end: b.end } };
  }
  const phrase = `${first.text}, ${second}`;
  if (!looksLikeSpeaker(first.text, parties) && !looksLikeSpeaker(second, parties)) return null;
  const display = pickDisplayName(first.text, second);
  return { phrase, display, start: first.start, relative: null };
}

/** A reporting clause after a quotation: "he said", "said Mr Smith", "Jane Doe, a lawyer, says". */
function parseTrailingAttribution(attribution: string, parties: KnownParty[]): SpeakerRef | null {
  const a = attribution.replace(/^[\s,;:]+/, '').replace(/[\s,.;:]+$/, '');
  const verb = findVerbs(a).find((v) => v.kind === 'say');
  if (!verb) return null;
  const before = a.slice(0, verb.at).replace(TRAILING_AUXILIARY, '').trim();
  if (before !== '') {
    const s = skipConnectives({ start: 0, text: before });
    if (!looksLikeSpeaker(s.text, parties)) return null;
    return PRONOUNS.test(s.text) ? { kind: 'pronoun' } : { kind: 'phrase', phrase: s.text, display: s.text };
  }
  return speakerAfterVerb(a.slice(verb.end), parties);
}

/** Where a speaker named after the verb stops: adverbials, participles, relative clauses. */
const SPEAKER_TAIL =
  /\s+(?:in an?\b|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|at an?\b|yesterday\b|today\b|last\b|earlier\b|later\b|during\b|when\b|while\b)|,\s*(?:adding|noting|saying|who|which|before|after|when|while|in an?|at an?)\b/;

/** "said Mr Smith", "said Jane Doe, a lawyer for the family, on Tuesday". */
function speakerAfterVerb(after: string, parties: KnownParty[]): SpeakerRef | null {
  if (/^\s*(?:that\b|:)/i.test(after)) return null;
  const phrase = (after.split(SPEAKER_TAIL)[0] ?? '').replace(/[\s,.;:!?]+$/, '').trim();
  if (!looksLikeSpeaker(phrase, parties) || PRONOUNS.test(phrase)) return null;
  const [name = phrase, ...rest] = phrase.split(',');
  const display = rest.length > 0 ? pickDisplayName(name.trim(), rest.join(',').trim()) : phrase;
  return { kind: 'phrase', phrase, display };
}

/** Participles that continue a reported clause ("…, adding that …"); `keep` ones stay in the text. */
const CONTINUATION = /,\s*(?:and\s+|while\s+|before\s+)?(adding|saying|noting|stressing|explaining|insisting|arguing|warning|questioning|describing|accusing|criticising|criticizing|urging|denying|dismissing)\s+(?:that\s+)?/gi;
const KEEP_PARTICIPLES = /^(?:questioning|describing|accusing|criticising|criticizing|urging|denying|dismissing)$/i;

/** A second reporting verb coordinated with the first: "… and said (that) …". */
const AND_VERB = /,?\s+and\s+(?:also\s+)?(?:said|added|warned|claimed|insisted|argued|noted|stressed)\s+(?:that\s+)?/i;

/** Split a reported clause where a coordinated reporting verb starts a second claim. */
function splitCoordinated(statement: string): string[] {
  const m = AND_VERB.exec(statement);
  if (!m) return [statement];
  const second = statement.slice(m.index + m[0].length);
  return [tidyStatement(statement.slice(0, m.index)), ...splitCoordinated(second)].filter(Boolean);
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
  return parts.every(hasQuote) ? parts.map(tidyStatement) : [statement];
}

/** "declined to comment on X beyond saying Y" → the refusal, and what was said after all. */
const DECLINE_EXCEPT = /\s+(?:beyond|other than|except|apart from)\s+(?:saying|to say|stating|noting|confirming)\s+(?:that\s+)?|,?\s*(?:but|although)\s+(?:said|saying|added|adding)\s+(?:that\s+)?/i;

function splitDecline(statement: string): string[] {
  const m = DECLINE_EXCEPT.exec(statement);
  if (!m) return [statement];
  return [statement.slice(0, m.index), statement.slice(m.index + m[0].length)].map(tidyStatement).filter(Boolean);
}

/** Leading adverbials between a verb and its clause: "said on Tuesday that", "said in a statement". */
const COMPLEMENT_LEAD =
  /^(?:\s*,?\s*(?:on (?:\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:st|nd|rd|th)?)(?:,? \d{4})?|(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|on (?:the )?\p{Lu}[\p{L}\p{N}]*(?: \p{Lu}[\p{L}\p{N}]*)*|yesterday|today|tonight|last (?:week|night|month)|earlier|later|also|again|publicly|privately|in an? (?:written |joint |brief )?statement|in an? (?:\w+ )?interview(?: with (?:the )?(?:\p{Lu}[\p{L}’'&.-]*\s?)+)?|at an? (?:press|news) conference|in a speech|on social media|in a post on \p{Lu}\p{L}*))+/u;
const AUDIENCE =
  /^\s*(?:reporters|journalists|lawmakers|MPs|peers|members|senators|delegates|listeners|viewers|readers|supporters|parliament|the (?:committee|court|inquiry|house|audience|conference|hearing|press)|an audience|(?:a|the) (?:news|press) conference|me|us|him|her|them)\b/iu;
const PROPER_RUN = /^\s*(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}’'&.-]*(?:\s+(?:of|the|and|&|for)?\s*)?)+(?:\s+(?:newspaper|paper|daily|magazine|broadcaster|channel|radio|television|network|website|programme|program|show|podcast))?/u;

interface Complement {
  /** offset (in the sentence) where the reported clause starts, or -1 */
  clauseAt: number;
  /** the verb introduces a quotation with a colon */
  colon: boolean;
  /** nothing but punctuation follows the verb: the clause is before the subject */
  empty: boolean;
  /** ", adding …" after an empty complement */
  continuationAt: number;
}

/** What follows a reporting verb: its object (told X), adverbials, then the clause. */
function readComplement(masked: string, verb: VerbHit): Complement {
  let at = verb.end;
  const rest = (): string => masked.slice(at);
  if (/^tel|^told/i.test(verb.text)) at += objectLength(rest());
  at += COMPLEMENT_LEAD.exec(rest())?.[0].length ?? 0;
  if (/^\s*:/.test(rest())) return { clauseAt: at + rest().indexOf(':') + 1, colon: true, empty: false, continuationAt: -1 };
  if (/^\s*(?:[,.;]\s*)?$/.test(rest()) || /^\s*[.;]/.test(rest())) {
    return { clauseAt: -1, colon: false, empty: true, continuationAt: -1 };
  }
  if (/^\s*,/.test(rest())) {
    return { clauseAt: -1, colon: false, empty: true, continuationAt: at + rest().indexOf(',') };
  }
  const that = /^\s*(?:that\s+)?/i.exec(rest())?.[0].length ?? 0;
  return { clauseAt: at + that, colon: false, empty: false, continuationAt: -1 };
}

/** Length of the object of "told": up to ":" or "that", else a proper name or an audience. */
function objectLength(after: string): number {
  const head = after.split(/\s+/).slice(0, 10).join(' ');
  const colon = head.indexOf(':');
  const that = / that\b/.exec(head);
  if (colon >= 0 && (!that || colon < that.index) && !head.slice(0, colon).includes(MASK)) return after.indexOf(':');
  if (that) return after.search(/ that\b/);
  const audience = AUDIENCE.exec(after);
  if (audience) return audience[0].length;
  const proper = PROPER_RUN.exec(after);
  return proper ? proper[0].length : 0;
}

/** The quotation(s) starting at or after `from`, as a verbatim statement. */
function quotationFrom(sentence: Sentence, from: number): { statement: string; start: number; end: number } | null {
  const q = sentence.quotes.find((s) => s.open >= from);
  if (!q || sentence.text.slice(from, q.open).trim() !== '') return null;
  return { statement: innerQuote(sentence.text, q), start: q.open, end: q.close };
}

/** All the claims one sentence yields (speakers still unresolved). */
function analyseSentence(sentence: Sentence, parties: KnownParty[]): Draft[] {
  const text = sentence.text;
  const masked = maskQuotes(text, sentence.quotes);
  const first = sentence.quotes[0];
  if (first && first.open === 0) {
    const drafts = quoteFirst(sentence, masked, parties);
    if (drafts) return drafts;
  }
  return accordingTo(sentence, masked, parties) ?? reportedSpeech(sentence, masked, parties) ?? elidedVerb(sentence, masked, parties) ?? [];
}

/** “X,” he said. / “X,” said Y. / “A,” Y says, “B.” / a bare quotation continuing the last speaker. */
function quoteFirst(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const text = sentence.text;
  const [q1, q2] = sentence.quotes;
  if (!q1) return null;
  const attributionEnd = q2 ? q2.open : text.length;
  const attribution = text.slice(q1.close, attributionEnd);
  if (attribution.replace(/[\s,.;:!?—–-]/g, '') === '') {
    if (q2 && text.slice(q2.close).trim() !== '') return null;
    const statement = [q1, q2].filter((q): q is QuoteSpan => q !== undefined).map((q) => innerQuote(text, q)).join(' ');
    return [{ speaker: { kind: 'previous' }, statement: tidyQuote(statement), form: 'verbatim', attribution: '', continuation: true }];
  }
  const speaker = parseTrailingAttribution(attribution, parties);
  if (!speaker) return null;
  let statement = innerQuote(text, q1);
  const split = q2 && /,\s*$/.test(attribution) && text.slice(q2.close).replace(/[\s.,;:!?]/g, '') === '';
  if (q2 && split) statement = `${statement} ${innerQuote(text, q2)}`;
  const drafts: Draft[] = [{ speaker, statement: tidyQuote(statement), form: 'verbatim', attribution: masked, continuation: false }];
  if (!split) drafts.push(...trailingParticiple(sentence, masked, q1.close, speaker));
  return drafts;
}

const PARTICIPLE_AFTER_QUOTE = /,\s*(?:and\s+)?(?:adding|noting|saying|stressing|explaining|insisting|arguing|warning)\s+(?:that\s+)?/i;

/** “X,” he said, adding that Y. → Y is a claim too. */
function trailingParticiple(sentence: Sentence, masked: string, from: number, speaker: SpeakerRef): Draft[] {
  const m = PARTICIPLE_AFTER_QUOTE.exec(masked.slice(from));
  if (!m) return [];
  const at = from + m.index + m[0].length;
  const statement = tidyStatement(sentence.text.slice(at));
  if (statement === '') return [];
  return [{ speaker, statement, form: formOf(statement), attribution: blank(masked, at, masked.length), continuation: false }];
}

/** A verbatim statement loses only a trailing comma (the sentence's, not the speaker's). */
function tidyQuote(s: string): string {
  return s.trim().replace(/,$/, '').trim();
}

/** "According to X, Y." / "Y, according to X." */
function accordingTo(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const m = /\baccording to\s+/i.exec(masked);
  if (!m) return null;
  const text = sentence.text;
  const speakerStart = m.index + m[0].length;
  const speakerEnd = [masked.indexOf(',', speakerStart), masked.search(/[.;!?]\s*$/)]
    .filter((i) => i > speakerStart)
    .reduce((a, b) => Math.min(a, b), masked.length);
  const phrase = text.slice(speakerStart, speakerEnd).trim();
  if (!looksLikeSpeaker(phrase, parties) || PRONOUNS.test(phrase)) return null;
  const lead = skipConnectives({ start: 0, text: masked.slice(0, m.index) });
  const statement = lead.text === '' ? text.slice(speakerEnd) : `${text.slice(lead.start, m.index)} ${text.slice(speakerEnd)}`;
  const tidy = tidyStatement(statement.replace(/\s*,\s*$/, ''));
  if (tidy === '') return null;
  return [
    {
      speaker: { kind: 'phrase', phrase, display: phrase },
      statement: tidy,
      form: formOf(tidy),
      attribution: blank(masked, speakerEnd, masked.length),
      continuation: false,
    },
  ];
}

/** "X said (that) Y", "Y, X said", "Y, said X", "X told Z: “…”", "X declined to comment on Y". */
function reportedSpeech(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  for (const verb of findVerbs(masked)) {
    if (insideRelativeClause(masked, verb.at)) continue;
    const drafts = inverted(sentence, masked, verb, parties) ?? withSubject(sentence, masked, verb, parties);
    if (drafts) return drafts;
  }
  return null;
}

function insideRelativeClause(masked: string, at: number): boolean {
  const chunkStart = masked.lastIndexOf(',', at) + 1;
  return /^\s*(?:who|which)\b/i.test(masked.slice(chunkStart, at));
}

/** "Y, said X." — the speaker follows the verb and the clause precedes it. */
function inverted(sentence: Sentence, masked: string, verb: VerbHit, parties: KnownParty[]): Draft[] | null {
  if (verb.kind !== 'say' || !/,\s*$/.test(masked.slice(0, verb.at))) return null;
  const speaker = speakerAfterVerb(masked.slice(verb.end), parties);
  if (!speaker) return null;
  const lead = skipConnectives({ start: 0, text: masked.slice(0, verb.at) });
  const statement = tidyStatement(sentence.text.slice(lead.start, verb.at));
  if (statement === '') return null;
  const whole = sentence.quotes.length === 1 && statement === tidyStatement(sentence.text.slice(sentence.quotes[0]?.open ?? 0, verb.at));
  return [
    {
      speaker,
      statement: whole && sentence.quotes[0] ? tidyQuote(innerQuote(sentence.text, sentence.quotes[0])) : statement,
      form: whole ? 'verbatim' : formOf(statement),
      attribution: blank(masked, lead.start, verb.at),
      continuation: false,
    },
  ];
}

/** The ordinary order: subject, verb, complement (or the clause before the subject). */
function withSubject(sentence: Sentence, masked: string, verb: VerbHit, parties: KnownParty[]): Draft[] | null {
  const subject = findSubject(masked, verb.at, parties);
  if (!subject) return null;
  const text = sentence.text;
  const speaker: SpeakerRef = PRONOUNS.test(subject.phrase)
    ? { kind: 'pronoun' }
    : { kind: 'phrase', phrase: subject.phrase, display: subject.display };
  const complement = readComplement(masked, verb);
  const drafts: Draft[] = [];

  if (subject.relative) drafts.push(...relativeClaims(sentence, masked, subject.relative, speaker));

  if (complement.colon) {
    const quotation = quotationFrom(sentence, complement.clauseAt);
    if (quotation) {
      drafts.push({
        speaker,
        statement: tidyQuote(quotation.statement),
        form: 'verbatim',
        attribution: masked,
        continuation: false,
      });
      return drafts;
    }
  }

  let statement: string;
  let attribution: string;
  if (complement.empty) {
    // "Y, he said." / "Y, he said, adding Z." / "Y, he said, Z."
    const lead = skipConnectives({ start: 0, text: masked.slice(0, subject.start) });
    const leadText = tidyStatement(text.slice(lead.start, subject.start));
    if (leadText === '') return drafts.length > 0 ? drafts : null;
    const more = complement.continuationAt >= 0 ? text.slice(complement.continuationAt) : '';
    const participle = /^,\s*(?:adding|noting|saying|stressing|explaining|insisting|arguing|warning)\s+(?:that\s+)?/i.exec(more);
    const rest = tidyStatement(participle ? more.slice(participle[0].length) : more);
    // "Y, he said, blaming Z": another participle is the speaker's too, kept after a semicolon.
    const joiner = participle || /^\p{Ll}+ing\b/u.test(rest) ? '; ' : ' ';
    statement = rest === '' ? leadText : `${leadText}${joiner}${rest}`;
    attribution = blank(blank(masked, complement.continuationAt >= 0 ? complement.continuationAt : masked.length, masked.length), lead.start, subject.start);
  } else {
    const clauseAt = verb.kind === 'say' ? complement.clauseAt : verb.at;
    statement = tidyStatement(text.slice(clauseAt));
    attribution = blank(masked, clauseAt, masked.length);
    const onlyQuote = quotationFrom(sentence, clauseAt);
    if (onlyQuote && tidyStatement(text.slice(onlyQuote.end)) === '' && /^\p{Lu}/u.test(onlyQuote.statement)) {
      drafts.push({ speaker, statement: tidyQuote(onlyQuote.statement), form: 'verbatim', attribution, continuation: false });
      return drafts;
    }
  }
  if (statement === '') return drafts.length > 0 ? drafts : null;
  const parts = verb.kind === 'decline' ? splitDecline(statement) : splitCoordinated(statement).flatMap(splitContinuations);
  parts.forEach((part, i) => {
    const form: ClaimForm = verb.kind === 'decline' && i === 0 ? 'declined' : formOf(part);
    drafts.push({ speaker, statement: part, form, attribution, continuation: false });
  });
  return drafts;
}

/** "X, who also said Y, told Z …": Y is a claim of X too. */
function relativeClaims(sentence: Sentence, masked: string, relative: { start: number; end: number }, speaker: SpeakerRef): Draft[] {
  const inner = masked.slice(relative.start, relative.end);
  const verb = findVerbs(inner)[0];
  if (!verb) return [];
  const complement = readComplement(inner, verb);
  if (complement.clauseAt < 0) return [];
  const from = verb.kind === 'say' ? complement.clauseAt : verb.at;
  const statement = tidyStatement(sentence.text.slice(relative.start + from, relative.end));
  if (statement === '') return [];
  const form: ClaimForm = verb.kind === 'decline' ? 'declined' : formOf(statement);
  // Only the relative clause's own words date or place it, not the main clause's ("told Z").
  const attribution = masked.slice(relative.start, relative.start + from);
  return [{ speaker, statement, form, attribution, continuation: false }];
}

/** Sloppy copy drops the verb: "a spokesperson for X that the leak was …". */
function elidedVerb(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const that = /\s+that\s+/i.exec(masked);
  if (!that) return null;
  const chunkStart = masked.lastIndexOf(',', that.index) + 1;
  const subject = skipConnectives({ start: chunkStart, text: masked.slice(chunkStart, that.index) });
  const isSpokesperson = /\bspokes(?:person|man|woman)\b/i.test(subject.text);
  if (!isSpokesperson && !resolveParty(subject.text, parties)) return null;
  if (!looksLikeSpeaker(subject.text, parties)) return null;
  const clauseAt = that.index + that[0].length;
  const statement = tidyStatement(sentence.text.slice(clauseAt));
  if (statement === '') return null;
  return [
    {
      speaker: { kind: 'phrase', phrase: subject.text, display: subject.text },
      statement,
      form: formOf(statement),
      attribution: blank(masked, clauseAt, masked.length),
      continuation: false,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Speakers

/** Lower case, straight apostrophes, single spaces, no punctuation but apostrophes. */
function key(s: string): string {
  return normaliseText(s)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name or role with and without a leading "the" / single-word possessive ("Germany's"). */
function keyVariants(s: string): string[] {
  const full = key(s);
  const noThe = full.replace(/^(?:the|a|an) /, '');
  const variants = new Set([full, noThe]);
  const possessive = /^[\p{L}]+'s (.+)$/u.exec(noThe);
  if (possessive?.[1] && possessive[1].split(' ').length >= 2) variants.add(possessive[1]);
  return [...variants].filter((v) => v.length > 1);
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

const TITLES =
  "mr|mrs|ms|miss|mx|dr|prof|professor|lord|lady|baroness|baron|sir|dame|gen|general|lt|lieutenant|col|colonel|maj|major|capt|captain|adm|admiral|cdr|commander|brig|brigadier|president|chancellor|senator|sen|rep|governor|gov|judge|justice|rev|reverend|father|sheikh|king|queen|prince|princess|minister|secretary|ambassador|mayor|marshal";

interface PartyKeys {
  /** normalised names, aliases and roles, with and without "the" / a possessive */
  variants: string[];
  surname: string;
  /** "<title> [one or two names] <surname>": compiled on first use (see titledPattern). */
  titled?: RegExp | null;
}

/** The party's "<title> … <surname>" pattern, compiled once and only for a party that needs it. */
function titledPattern(keys: PartyKeys): RegExp | null {
  if (keys.titled === undefined) {
    keys.titled = keys.surname.length > 1 ? new RegExp(`(?:^| )(?:${TITLES})(?: [\\p{L}']+){0,2} ${keys.surname}(?: |$)`, 'u') : null;
  }
  return keys.titled;
}

const partyKeysCache = new WeakMap<KnownParty, PartyKeys>();

function partyKeys(party: KnownParty): PartyKeys {
  const cached = partyKeysCache.get(party);
  if (cached) return cached;
  const variants = [party.name, ...party.aliases, ...party.roles].flatMap(keyVariants);
  const words = key(party.name).split(' ');
  const surname = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  const keys: PartyKeys = { variants, surname };
  partyKeysCache.set(party, keys);
  return keys;
}

/** Words that make a role someone else's: the shadow minister is not the minister. */
const ROLE_QUALIFIERS = /(?:^| )(?:shadow|former|ex|deputy|vice|acting|junior|assistant|under|opposition|previous|future|incoming|outgoing) $/;

/** Whether `needle` occurs in `haystack` only after a qualifier ("shadow business secretary"). */
function qualified(haystack: string, needle: string): boolean {
  const padded = ` ${haystack} `;
  for (let at = padded.indexOf(` ${needle} `); at >= 0; at = padded.indexOf(` ${needle} `, at + 1)) {
    if (!ROLE_QUALIFIERS.test(padded.slice(0, at + 1))) return false;
  }
  return true;
}

/**
 * How strongly a phrase names a party: the length of the longest name, alias or role it contains.
 * `p` is the phrase's key, `core` the same without a leading article.
 */
function matchStrength(p: string, core: string, party: KnownParty): number {
  const keys = partyKeys(party);
  const { variants, surname } = keys;
  let best = 0;
  for (const v of variants) {
    if (core === v || (containsWords(p, v) && !qualified(p, v))) best = Math.max(best, v.length);
  }
  const title = surname !== '' && containsWords(p, surname) ? titledPattern(keys)?.exec(p) : null;
  if (title) best = Math.max(best, title[0].trim().length);
  if (surname !== '' && core === surname) best = Math.max(best, surname.length);
  return best;
}

/**
 * The parties that can match a phrase, by word: every way of matching (a name, alias or role the
 * phrase contains, a title with the surname) needs the variant's first word or the surname among
 * the phrase's words. With thousands of parties, only the few sharing a word are measured.
 */
type PartyIndex = { byWord: Map<string, KnownParty[]>; order: Map<KnownParty, number> };
const partyIndexCache = new WeakMap<KnownParty[], PartyIndex>();

function partyIndex(parties: KnownParty[]): PartyIndex {
  const cached = partyIndexCache.get(parties);
  if (cached) return cached;
  const byWord = new Map<string, KnownParty[]>();
  const order = new Map<KnownParty, number>();
  parties.forEach((party, position) => {
    order.set(party, position);
    const { variants, surname } = partyKeys(party);
    const words = new Set([...variants.map((v) => v.split(' ')[0] ?? ''), surname].filter((w) => w !== ''));
    for (const word of words) {
      const list = byWord.get(word);
      if (list) list.push(party);
      else byWord.set(word, [party]);
    }
  });
  const index = { byWord, order };
  partyIndexCache.set(parties, index);
  return index;
}

/** The known party a phrase names, preferring the longest match (the first listed, on a tie). */
function resolveParty(phrase: string, parties: KnownParty[]): KnownParty | null {
  const p = key(phrase);
  const core = p.replace(/^(?:the|a|an) /, '');
  const index = partyIndex(parties);
  const candidates = new Set<KnownParty>();
  for (const word of p.split(' ')) for (const party of index.byWord.get(word) ?? []) candidates.add(party);
  let best: KnownParty | null = null;
  let strength = 0;
  for (const party of [...candidates].sort((a, b) => index.order.get(a)! - index.order.get(b)!)) {
    const s = matchStrength(p, core, party);
    if (s > strength) {
      best = party;
      strength = s;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Dates

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1,
};

interface DateRule {
  pattern: RegExp;
  resolve: (m: RegExpExecArray, published: Date) => { date: Date; precision: DatePrecision } | null;
}

function parseDay(iso: string): Date {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function numberWord(s: string): number {
  return NUMBER_WORDS[s.toLowerCase()] ?? Number(s);
}

/** A month-day date on or before the publication day (the year before if it would be later). */
function pastDate(published: Date, month: number, day: number, year?: number): Date {
  const date = new Date(Date.UTC(year ?? published.getUTCFullYear(), month, day));
  return year === undefined && date > published ? new Date(Date.UTC(published.getUTCFullYear() - 1, month, day)) : date;
}

const MONTH_NAMES = MONTHS.join('|');
const DATE_RULES: DateRule[] = [
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, p) => ({
      date: pastDate(p, MONTHS.indexOf(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : undefined),
      precision: 'day',
    }),
  },
  {
    pattern: new RegExp(`\\b(${MONTH_NAMES})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, p) => ({
      date: pastDate(p, MONTHS.indexOf(m[1] ?? ''), Number(m[2]), m[3] ? Number(m[3]) : undefined),
      precision: 'day',
    }),
  },
  {
    pattern: /\b([Nn]ext |[Uu]ntil |[Bb]y |[Bb]efore |[Tt]his coming )?([Ll]ast )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/,
    resolve: (m, p) => {
      if (m[1]) return null; // a future day is not when anything was said
      const back = (p.getUTCDay() - WEEKDAYS.indexOf(m[3] ?? '') + 7) % 7;
      return { date: addDays(p, m[2] && back === 0 ? -7 : -back), precision: 'day' };
    },
  },
  // Lower case (or opening a sentence) only: "the Today programme" is a name, not a date.
  {
    pattern: /\b(?:yesterday|last night|overnight)\b|^Yesterday\b/,
    resolve: (_m, p) => ({ date: addDays(p, -1), precision: 'day' }),
  },
  {
    pattern: /\b(?:today|tonight|this (?:morning|afternoon|evening))\b|^(?:Today|Tonight|This (?:morning|afternoon|evening)),/,
    resolve: (_m, p) => ({ date: p, precision: 'day' }),
  },
  {
    pattern: /\b(one|two|three|four|five|six|seven|\d+) days ago\b/i,
    resolve: (m, p) => ({ date: addDays(p, -numberWord(m[1] ?? '0')), precision: 'day' }),
  },
  { pattern: /\blast week\b/i, resolve: (_m, p) => ({ date: addDays(p, -7), precision: 'approximate' }) },
  { pattern: /\ba fortnight ago\b/i, resolve: (_m, p) => ({ date: addDays(p, -14), precision: 'approximate' }) },
  {
    pattern: /\b(a|an|one|two|three|four|five|six|\d+) weeks? ago\b/i,
    resolve: (m, p) => ({ date: addDays(p, -7 * numberWord(m[1] ?? '0')), precision: 'approximate' }),
  },
  {
    pattern: /\b(?:last month|(a|one|two|three|\d+) months? ago)\b/i,
    resolve: (m, p) => {
      const months = m[1] ? numberWord(m[1]) : 1;
      const date = new Date(Date.UTC(p.getUTCFullYear(), p.getUTCMonth() - months, p.getUTCDate()));
      return { date, precision: 'approximate' };
    },
  },
];

/** The earliest date expression in a text, resolved against the publication day. */
function findDate(text: string, publishedOn: string): { saidOn: string; datePrecision: DatePrecision } | null {
  const published = parseDay(publishedOn);
  let best: { at: number; saidOn: string; datePrecision: DatePrecision } | null = null;
  for (const rule of DATE_RULES) {
    const m = rule.pattern.exec(text);
    if (!m || (best && best.at <= m.index)) continue;
    const resolved = rule.resolve(m, published);
    if (resolved) best = { at: m.index, saidOn: formatDay(resolved.date), datePrecision: resolved.precision };
  }
  return best && { saidOn: best.saidOn, datePrecision: best.datePrecision };
}

// ---------------------------------------------------------------------------------------------
// Venues

const CAPITAL_RUN = "\\p{Lu}[\\p{L}\\p{N}’'&.-]*(?:\\s+(?:of\\s+|the\\s+|and\\s+|&\\s+|for\\s+)?[\\p{Lu}\\p{N}][\\p{L}\\p{N}’'&.-]*)*";
const MEDIA_NOUNS = 'newspaper|paper|daily|magazine|broadcaster|channel|website|network|tabloid';
const VENUE_RULES: { pattern: RegExp; venue: (m: RegExpExecArray) => string }[] = [
  { pattern: /\bin an? (?:written |joint |brief |short )?statement\b/i, venue: () => 'statement' },
  { pattern: /\bat an? (press|news) conference\b/i, venue: (m) => `${(m[1] ?? 'press').toLowerCase()} conference` },
  {
    pattern: new RegExp(`\\b[Ii]n an? (?:\\p{L}+ )?interview with (?:the )?(${CAPITAL_RUN})`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  { pattern: /\bin an? (?:\p{L}+ )?interview\b/iu, venue: () => 'interview' },
  {
    pattern: new RegExp(`\\b(?:on|to) (?:the )?(${CAPITAL_RUN}(?:’s|'s)?(?:\\s+${CAPITAL_RUN})?\\s+(?:programme|program|show|podcast))`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  {
    pattern: new RegExp(`\\b(?:in a (?:post|message|video|tweet) on|wrote on|posted on) (${CAPITAL_RUN})`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  { pattern: /\bin a speech\b/i, venue: () => 'speech' },
  {
    pattern: new RegExp(`\\b(?:told|tells|telling) (?:the )?(${CAPITAL_RUN}(?:\\s+(?:${MEDIA_NOUNS}|radio|television|programme))?)`, 'u'),
    venue: (m) => cleanOutlet(m[1] ?? ''),
  },
];

const PERSON_TITLE = new RegExp(`^(?:${TITLES})\\.?\\s`, 'i');

/** "Germany’s Bild newspaper" → "Bild"; a person ("Mr Smith") is not a venue. */
function cleanOutlet(run: string): string {
  if (PERSON_TITLE.test(run)) return '';
  let outlet = run.replace(new RegExp(`\\s+(?:${MEDIA_NOUNS})$`), '');
  const possessive = /^\p{Lu}[\p{L}-]*[’']s\s+(.+)$/u.exec(outlet);
  if (possessive?.[1] && run !== outlet) outlet = possessive[1];
  return outlet.trim();
}

function findVenue(attribution: string, parties: KnownParty[]): string {
  let best: { at: number; venue: string } | null = null;
  for (const rule of VENUE_RULES) {
    const m = rule.pattern.exec(attribution);
    if (!m || (best && best.at <= m.index)) continue;
    const venue = rule.venue(m).trim().replace(/[.,;:]+$/, '');
    if (venue !== '' && !resolveParty(venue, parties)) best = { at: m.index, venue };
  }
  return best?.venue ?? '';
}

// ---------------------------------------------------------------------------------------------
// Putting it together

interface Resolved {
  partySlug: string | null;
  name: string;
}

interface Context {
  parties: KnownParty[];
  publishedOn: string;
  lastSpeaker: Resolved | null;
  last: Suggestion | null;
  lastParagraph: number;
  /** names of unknown speakers met so far, so that "Mr Grant" is the earlier "Peter Grant" */
  unknownNames: string[];
}

const LEADING_TITLES = new RegExp(`^(?:(?:${TITLES})\\.?\\s+)+`, 'i');

/** "Mr Grant" or "Grant" → the full name of an unknown speaker already met, if any. */
function earlierName(display: string, known: string[]): string | null {
  const surname = display.replace(LEADING_TITLES, '');
  if (!/^\p{Lu}[\p{L}’'-]+$/u.test(surname)) return null;
  return known.find((name) => name !== display && name.split(/\s+/).pop() === surname) ?? null;
}

/**
 * "Alun Davies, an officer of the Acme union": the party matched only the description, while the
 * speaker is a person named in full who is not a known party. That person is the speaker.
 */
function namedSomeoneElse(ref: { phrase: string; display: string }, party: KnownParty, parties: KnownParty[]): boolean {
  if (ref.display === ref.phrase || !NAME_LIKE.test(ref.display) || ref.display.split(/\s+/).length < 2) return false;
  if (resolveParty(ref.display, parties)) return false;
  const p = key(ref.display);
  return matchStrength(p, p.replace(/^(?:the|a|an) /, ''), party) === 0;
}

function resolveSpeaker(ref: SpeakerRef, ctx: Context): Resolved | null {
  if (ref.kind !== 'phrase') return ctx.lastSpeaker;
  const party = resolveParty(ref.phrase, ctx.parties);
  if (party && !namedSomeoneElse(ref, party, ctx.parties)) return { partySlug: party.slug, name: party.name };
  const display = ref.display.replace(/^(?:The|A|An) /, (m) => m.toLowerCase());
  const name = earlierName(display, ctx.unknownNames) ?? display;
  if (NAME_LIKE.test(name) && !ctx.unknownNames.includes(name)) ctx.unknownNames.push(name);
  return { partySlug: null, name };
}

/** The other sentences of the paragraph, quotations blanked: where a date may also be found. */
function paragraphContext(paragraph: Paragraph, except: Sentence): string {
  return paragraph.sentences
    .filter((s) => s !== except)
    .map((s) => maskQuotes(s.text, s.quotes))
    .join(' ');
}

function draftToSuggestion(draft: Draft, sentence: Sentence, paragraph: Paragraph, ctx: Context): Suggestion | null {
  const speaker = resolveSpeaker(draft.speaker, ctx);
  if (!speaker) return null;
  const carried = draft.speaker.kind !== 'phrase';
  const previous = ctx.last && sentence.paragraph - ctx.lastParagraph <= 1 ? ctx.last : null;
  if (draft.continuation && !previous) return null;

  const own = findDate(draft.attribution, ctx.publishedOn) ?? findDate(paragraphContext(paragraph, sentence), ctx.publishedOn);
  const date =
    own ??
    (carried && previous ? { saidOn: previous.saidOn, datePrecision: previous.datePrecision } : null) ?? {
      saidOn: ctx.publishedOn,
      datePrecision: 'reported_by' as const,
    };
  const venue = findVenue(draft.attribution, ctx.parties) || (draft.continuation && previous ? previous.venue : '');
  return {
    speaker: { partySlug: speaker.partySlug, name: speaker.name },
    statement: draft.statement,
    form: draft.form,
    passage: sentence.text,
    start: sentence.start,
    end: sentence.end,
    saidOn: date.saidOn,
    datePrecision: date.datePrecision,
    venue,
  };
}

function suggestionKey(s: Suggestion): string {
  return [s.speaker.partySlug ?? s.speaker.name, key(s.statement), s.form].join('|');
}

/** Propose the claims of an article: speakers, statements, forms, dates and venues. */
export function suggestClaims(input: SuggestInput): Suggestion[] {
  const ctx: Context = { parties: input.parties, publishedOn: input.publishedOn, lastSpeaker: null, last: null, lastParagraph: -1, unknownNames: [] };
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  for (const paragraph of contentParagraphs(input.text)) {
    for (const sentence of paragraph.sentences) {
      for (const draft of analyseSentence(sentence, input.parties)) {
        const suggestion = draftToSuggestion(draft, sentence, paragraph, ctx);
        if (!suggestion || suggestion.statement === '') continue;
        ctx.lastSpeaker = suggestion.speaker;
        ctx.last = suggestion;
        ctx.lastParagraph = sentence.paragraph;
        const k = suggestionKey(suggestion);
        if (seen.has(k)) continue;
        seen.add(k);
        suggestions.push(suggestion);
      }
    }
  }
  return suggestions;
}

// ---------------------------------------------------------------------------------------------
// Scoring suggestions against a journalist's list

export interface ExpectedClaim {
  partySlug: string;
  statement: string;
}

export interface SuggestionMatch<E extends ExpectedClaim = ExpectedClaim> {
  suggestion: Suggestion;
  expected: E;
  similarity: number;
}

export interface MatchReport<E extends ExpectedClaim = ExpectedClaim> {
  truePositives: number;
  /** truePositives / suggestions (1 when there are no suggestions) */
  precision: number;
  /** truePositives / expected (1 when nothing is expected) */
  recall: number;
  matched: SuggestionMatch<E>[];
  unmatchedSuggestions: Suggestion[];
  missed: E[];
}

/** Statements match when one contains the other, or their content words overlap this much. */
export const STATEMENT_MATCH_THRESHOLD = 0.5;

const STOPWORDS = new Set(
  'a an the and or but of to in on at for by with from as is was were be been are it its that this there their they he she his her we our i not no'.split(' '),
);

function contentWords(s: string): Set<string> {
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
  const ka = key(a);
  const kb = key(b);
  if (ka === '' || kb === '') return 0;
  if (containsWords(ka, kb) || containsWords(kb, ka)) return 1;
  const wa = contentWords(a);
  const wb = contentWords(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, Math.min(wa.size, wb.size));
}

/** Shared content words over all content words: how close two statements are in extent. */
function jaccard(a: string, b: string): number {
  const wa = contentWords(a);
  const wb = contentWords(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, wa.size + wb.size - shared);
}

/**
 * Match suggestions to expected claims one to one: a pair qualifies when the party slugs are
 * equal and statementSimilarity ≥ STATEMENT_MATCH_THRESHOLD; pairs are taken best first.
 */
export function matchSuggestions<E extends ExpectedClaim>(suggestions: Suggestion[], expected: E[]): MatchReport<E> {
  const pairs: { s: number; e: number; similarity: number; closeness: number }[] = [];
  suggestions.forEach((suggestion, s) => {
    expected.forEach((claim, e) => {
      if (suggestion.speaker.partySlug !== claim.partySlug) return;
      const similarity = statementSimilarity(suggestion.statement, claim.statement);
      if (similarity >= STATEMENT_MATCH_THRESHOLD) {
        pairs.push({ s, e, similarity, closeness: jaccard(suggestion.statement, claim.statement) });
      }
    });
  });
  // Best first; among equals (containment scores 1 either way), the closer pair in size.
  pairs.sort((x, y) => y.similarity - x.similarity || y.closeness - x.closeness || x.s - y.s || x.e - y.e);
  const usedS = new Set<number>();
  const usedE = new Set<number>();
  const matched: SuggestionMatch<E>[] = [];
  for (const pair of pairs) {
    if (usedS.has(pair.s) || usedE.has(pair.e)) continue;
    const suggestion = suggestions[pair.s];
    const claim = expected[pair.e];
    if (!suggestion || !claim) continue;
    usedS.add(pair.s);
    usedE.add(pair.e);
    matched.push({ suggestion, expected: claim, similarity: pair.similarity });
  }
  matched.sort((x, y) => x.suggestion.start - y.suggestion.start);
  const truePositives = matched.length;
  return {
    truePositives,
    precision: suggestions.length === 0 ? 1 : truePositives / suggestions.length,
    recall: expected.length === 0 ? 1 : truePositives / expected.length,
    matched,
    unmatchedSuggestions: suggestions.filter((_, i) => !usedS.has(i)),
    missed: expected.filter((_, i) => !usedE.has(i)),
  };
}
