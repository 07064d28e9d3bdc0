/**
 * Sentences of an archived text, with their offsets: each non-blank line is a paragraph, and a
 * paragraph is split at sentence ends but never inside a quotation, after a title or an initial
 * ("Lt Gen. A. B. Smith"), or after an abbreviation ("St.", "U.S."). Each sentence knows its
 * quotation spans. Shared by page-furniture detection and the claim suggester, which must see
 * the same sentences.
 */

export interface QuoteSpan {
  /** offsets relative to the sentence: the opening mark, and just past the closing mark */
  open: number;
  close: number;
  closed: boolean;
  /** the quotation has no opening mark: it starts its paragraph at `open` (a capture lost the mark) */
  unopened?: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  quotes: QuoteSpan[];
  /** the index of its paragraph (line) among the text's non-blank lines */
  paragraph: number;
}

/** Every sentence of a text, in order (offsets into the text). */
export function splitIntoSentences(text: string): Sentence[] {
  // Furniture detection and the suggester split the same text one after the other: split it once.
  if (last && last.text === text) return last.sentences;
  const sentences = splitParagraphs(text).flatMap((p, i) => splitSentences(text, p, i));
  last = { text, sentences };
  return sentences;
}

/** The last text split (callers only read sentences, never change them). */
let last: { text: string; sentences: Sentence[] } | null = null;

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

/**
 * Quotation marks and the marks that may close each: English curly and straight quotes,
 * guillemets (« », ‹ ›), German low-high quotes („ “), and the mixed pairs careless copy makes
 * (« … ", " … ”).
 */
const CLOSERS_OF: Record<string, string> = {
  '“': '”"',
  '"': '"”',
  '«': '»"”',
  '„': '“”"',
  '‹': '›',
};
/** Marks that only ever close a quotation: one met before any opener closes a quote with no opener. */
const ONLY_CLOSING = new Set(['”', '»', '›']);

/** Double-quotation spans of a paragraph (absolute offsets); unclosed spans run to its end. */
function findQuoteSpans(text: string, from: number, to: number): { open: number; close: number; closed: boolean; unopened?: boolean }[] {
  const spans: { open: number; close: number; closed: boolean; unopened?: boolean }[] = [];
  let open: { at: number; mark: string } | null = null;
  for (let i = from; i < to; i++) {
    const ch = text[i] ?? '';
    if (open === null) {
      if (spans.length === 0 && (ch === '"' || ONLY_CLOSING.has(ch)) && closesUnopened(text, from, to, i, ch)) {
        spans.push({ open: from, close: i + 1, closed: true, unopened: true });
      } else if (ch in CLOSERS_OF) open = { at: i, mark: ch };
    } else if (CLOSERS_OF[open.mark]?.includes(ch)) {
      spans.push({ open: open.at, close: i + 1, closed: true });
      open = null;
    }
  }
  if (open) spans.push({ open: open.at, close: to, closed: false });
  return spans;
}

/**
 * A closing mark with no opener, the first mark of its paragraph: a web capture that lost the
 * opening quote ('The plan failed," she said.'). A straight quote counts only when the paragraph
 * has an odd number of them and it follows a word or punctuation and precedes a comma or a space.
 */
function closesUnopened(text: string, from: number, to: number, i: number, ch: string): boolean {
  if (i === from || (!ONLY_CLOSING.has(ch) && ch !== '"')) return false;
  // A quotation's end: punctuation inside the mark ('late,"'), or a comma after it ('late",');
  // not a mark after a number or a word in running text ('a 6” screen').
  const before = text[i - 1] ?? '';
  const after = text.slice(i + 1, i + 3);
  if (!/[.,!?…]/.test(before) && !/^\s?,/.test(after)) return false;
  if (ONLY_CLOSING.has(ch)) return true;
  let count = 0;
  for (let k = from; k < to; k++) if (text[k] === '"') count++;
  return count % 2 === 1;
}

const ABBREVIATIONS = new Set(
  (
    'Mr Mrs Ms Mx Dr Prof Lt Gen Col Maj Capt Sgt Cpl Pte Adm Cdr Brig Rev St Sen Rep Gov Supt Insp Det ' +
    'Cllr Hon Jr Sr Snr Jnr Esq vs etc Inc Ltd Co Corp Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ' +
    'Mt Ft Fr approx est dept govt'
  ).split(' '),
);
const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['”', '"', '’', "'", ')', ']', '»', '›', '“']);
const SENTENCE_OPENER = /[\p{Lu}\p{N}“"‘'(\[«„‹]/u;

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
        .map((q) => ({
          open: q.open - s,
          close: Math.min(q.close, e) - s,
          closed: q.closed && q.close <= e,
          ...(q.unopened ? { unopened: true } : {}),
        }));
      sentences.push({ start: s, end: e, text: body, quotes, paragraph });
    }
    start = end;
  }
  return sentences;
}
