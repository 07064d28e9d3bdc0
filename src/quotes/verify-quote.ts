/**
 * Quote verification: given a quote as a claim reproduces it and the archived text of the source
 * it is attributed to, say whether and how the quote appears there.
 *
 * Tiers, tried in order (the first that succeeds wins):
 *  1. exact       the quote (trimmed) is a substring of the text as is;
 *  2. normalised  it matches once both sides are normalised: curly/straight quotes and
 *                 apostrophes, dashes, whitespace runs, "…" vs "...", case; enclosing quotation
 *                 marks and final punctuation of the quote are ignored;
 *  3. editorial   it matches with its editorial marks treated as gaps: "..." / "…" stand for
 *                 any text (up to MAX_ELLIPSIS_GAP characters), a bracketed insertion "[phone]"
 *                 stands for nothing or for a few replaced words;
 *  4. altered     no match, but the closest passage has a word-level similarity of at least
 *                 ALTERED_THRESHOLD, where similarity = 2·LCS / (quote words + passage words)
 *                 (LCS over words; 1 = same words in the same order). Candidates come from a
 *                 sliding window, as long as the quote, over the whole-word hits of the quote's
 *                 words in the text; only the few best windows are tokenised and refined, so the
 *                 cost stays linear in the text (a 100 KB text takes a few milliseconds);
 *  5. not_found   nothing close; `similarity` is the best score seen (below the threshold).
 *
 * All offsets are UTF-16 offsets into the ORIGINAL text (normalisation keeps an index map).
 * Pure: strings in, plain data out.
 */

export type QuoteOutcome = 'exact' | 'normalised' | 'editorial' | 'altered' | 'not_found';

/** What one editorial mark of the quote stands for in the source. */
interface EditorialGap {
  /** Offsets into the source text; start === end when the mark stands for nothing. */
  start: number;
  end: number;
  /** The source text the mark stands for (trimmed of surrounding whitespace). */
  text: string;
  /** The mark as written in the quote: "...", "…", "[phone]". */
  mark: string;
}

export interface DiffOp {
  /** same: in both; added: in the quote, not the source; removed: in the source, not the quote. */
  op: 'same' | 'added' | 'removed';
  text: string;
}

interface Located {
  start: number;
  end: number;
  passage: string;
}

export type QuoteVerification =
  | ({ outcome: 'exact' } & Located)
  | ({ outcome: 'normalised' } & Located)
  | ({ outcome: 'editorial'; gaps: EditorialGap[] } & Located)
  | ({ outcome: 'altered'; similarity: number; diff: DiffOp[] } & Located)
  | { outcome: 'not_found'; similarity: number };

/** Minimum word-level similarity (2·LCS / (m + n)) for an `altered` result. */
export const ALTERED_THRESHOLD = 0.6;
/** Longest stretch of source (in normalised characters) one ellipsis may stand for. */
export const MAX_ELLIPSIS_GAP = 1000;
/** A bracketed insertion may replace at most this many source words more than it contains. */
const MAX_BRACKET_EXTRA_WORDS = 3;

const OUTCOME_LABELS: Record<QuoteOutcome, string> = {
  exact: 'Exact match',
  normalised: 'Matches after normalisation',
  editorial: 'Matches with editorial marks',
  altered: 'Altered quote',
  not_found: 'Not found in source',
};

/** A short human label for an outcome (or a verification result). */
export function describeOutcome(outcome: QuoteOutcome | QuoteVerification): string {
  return OUTCOME_LABELS[typeof outcome === 'string' ? outcome : outcome.outcome];
}

export function verifyQuote(quote: string, text: string): QuoteVerification {
  const wanted = quote.trim();
  if (wanted === '') return { outcome: 'not_found', similarity: 0 };
  const exactAt = text.indexOf(wanted);
  if (exactAt >= 0) return { outcome: 'exact', ...locate(text, exactAt, exactAt + wanted.length) };

  const source = prepareSource(text);
  const normalised = findNormalised(wanted, source);
  if (normalised) return { outcome: 'normalised', ...locate(text, normalised.start, normalised.end) };

  const editorial = findEditorial(wanted, source);
  if (editorial) {
    return { outcome: 'editorial', ...locate(text, editorial.start, editorial.end), gaps: editorial.gaps };
  }

  const closest = findClosestPassage(wanted, source);
  if (closest && closest.similarity >= ALTERED_THRESHOLD) {
    return {
      outcome: 'altered',
      ...locate(text, closest.start, closest.end),
      similarity: round3(closest.similarity),
      diff: closest.diff,
    };
  }
  return { outcome: 'not_found', similarity: round3(closest?.similarity ?? 0) };
}

function locate(text: string, start: number, end: number): Located {
  return { start, end, passage: text.slice(start, end) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Normalisation with an index map

/** A normalised string; output code unit i came from source range [starts[i], ends[i]). */
interface NormalisedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

const DOUBLE_QUOTES = new Set(['“', '”', '„', '‟', '″', '«', '»', '"']);
const SINGLE_QUOTES = new Set(['‘', '’', '‚', '‛', '′', '`', '´', "'"]);
const DASHES = new Set(['‐', '‑', '‒', '–', '—', '―', '−', '⁃', '-']);
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);
const WHITESPACE = /\s/u;

/** The normalised form of one code point ('' to drop it, ' ' for whitespace). */
function normaliseChar(ch: string): string {
  if (WHITESPACE.test(ch)) return ' ';
  if (INVISIBLE.has(ch)) return '';
  if (DOUBLE_QUOTES.has(ch)) return '"';
  if (SINGLE_QUOTES.has(ch)) return "'";
  if (DASHES.has(ch)) return '-';
  if (ch === '…') return '...';
  return ch.toLowerCase();
}

/** Normalise `source`, keeping for every output code unit the source range it came from. */
export function normaliseWithMap(source: string): NormalisedText {
  // No character normalises to more than three code units ("…" → "...").
  const capacity = source.length * 3;
  const codes = new Uint16Array(capacity);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  let n = 0;
  let inWhitespace = false;
  for (let i = 0; i < source.length; ) {
    const code = source.charCodeAt(i);
    if (code < 128) {
      // ASCII fast path: most of any text
      const isSpace = code === 32 || (code >= 9 && code <= 13);
      if (isSpace && inWhitespace) {
        ends[n - 1] = i + 1;
      } else {
        codes[n] = code === 96 ? 39 : isSpace ? 32 : code >= 65 && code <= 90 ? code + 32 : code;
        starts[n] = i;
        ends[n] = i + 1;
        n++;
      }
      inWhitespace = isSpace;
      i++;
      continue;
    }
    const ch = String.fromCodePoint(source.codePointAt(i) ?? code);
    const from = i;
    i += ch.length;
    const out = normaliseChar(ch);
    if (out === '') continue;
    if (out === ' ' && inWhitespace) {
      ends[n - 1] = i;
      continue;
    }
    inWhitespace = out === ' ';
    for (let k = 0; k < out.length; k++) {
      codes[n] = out.charCodeAt(k);
      starts[n] = from;
      ends[n] = i;
      n++;
    }
  }
  return { text: codesToString(codes, n), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

const UTF16 = new TextDecoder('utf-16le');
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function codesToString(codes: Uint16Array, length: number): string {
  if (LITTLE_ENDIAN) return UTF16.decode(codes.subarray(0, length));
  const chunks: string[] = [];
  for (let i = 0; i < length; i += 8192) chunks.push(String.fromCharCode(...codes.subarray(i, Math.min(length, i + 8192))));
  return chunks.join('');
}

/** Normalise a string without keeping the map. */
export function normaliseText(source: string): string {
  return normaliseWithMap(source).text;
}

/** Map a half-open range of normalised text back to a range of the source. */
function toSourceRange(map: NormalisedText, from: number, to: number): { start: number; end: number } {
  return { start: map.starts[from] ?? 0, end: map.ends[to - 1] ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Source preparation (cached for the last text: callers usually verify many quotes on one text)

interface WordToken {
  /** lower-cased, apostrophes straightened */
  norm: string;
  start: number;
  end: number;
  raw: string;
}

interface PreparedSource {
  text: string;
  map: NormalisedText;
}

let lastPrepared: PreparedSource | null = null;

function prepareSource(text: string): PreparedSource {
  if (lastPrepared && lastPrepared.text === text) return lastPrepared;
  lastPrepared = { text, map: normaliseWithMap(text) };
  return lastPrepared;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Characters joining two parts of one word: apostrophes and hyphens ("don’t", "off-the-shelf"). */
const JOINERS = new Set([39, 0x2019, 0x2018, 45, 0x2010, 0x2011]);

/** Length (in code units) of the word character at `i`, or 0 if there is none. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return 0;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
  return WORD_CHAR.test(ch) ? ch.length : 0;
}

function normaliseWord(raw: string): string {
  const lower = raw.toLowerCase();
  return /[’‘‐‑]/.test(lower) ? lower.replace(/[’‘]/g, "'").replace(/[‐‑]/g, '-') : lower;
}

/** Word tokens of a text (letters and digits, with inner apostrophes and hyphens) and their offsets. */
export function tokeniseWords(text: string): WordToken[] {
  const words: WordToken[] = [];
  let i = 0;
  while (i < text.length) {
    let len = wordCharLength(text, i);
    if (len === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (len > 0) {
        i += len;
        len = wordCharLength(text, i);
      }
      if (!JOINERS.has(text.charCodeAt(i))) break;
      len = wordCharLength(text, i + 1);
      if (len === 0) break;
      i++;
    }
    const raw = text.slice(start, i);
    words.push({ norm: normaliseWord(raw), start, end: i, raw });
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Tier 2: normalised

const EDGE_QUOTES = /^["']+|["']+$/g;
const FINAL_PUNCTUATION = /[\s,.;:!?]+$/;

/** The normalised quote, then the same without enclosing quotation marks and final punctuation. */
function quoteVariants(quote: string): string[] {
  const full = normaliseText(quote).trim();
  const bare = full.replace(EDGE_QUOTES, '').trim().replace(FINAL_PUNCTUATION, '').replace(EDGE_QUOTES, '').trim();
  return bare && bare !== full ? [full, bare] : [full];
}

function findNormalised(quote: string, source: PreparedSource): { start: number; end: number } | null {
  for (const variant of quoteVariants(quote)) {
    if (variant === '') continue;
    const at = source.map.text.indexOf(variant);
    if (at >= 0) return toSourceRange(source.map, at, at + variant.length);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tier 3: editorial marks

type MarkKind = 'ellipsis' | 'insertion';

interface EditorialPlan {
  /** normalised, non-empty literal segments, in order */
  segments: string[];
  /** marks between segment i and i+1 (same length as segments - 1) */
  between: { kind: MarkKind; marks: string[]; words: number }[];
  leading: string[];
  trailing: string[];
}

const EDITORIAL_MARK = /\[[^\]]*\]|\(\s*(?:\.\s?){2}\.\s*\)|\(\s*…\s*\)|\.(?:\s?\.){2}|…/g;
const BOUNDARY_PUNCTUATION_START = /^[\s,;:.]+/;
const BOUNDARY_PUNCTUATION_END = /[\s,;:]+$/;

function markKind(mark: string): MarkKind {
  return mark.startsWith('[') && !/^\[\s*(?:\.\s?){3}\s*\]$|^\[\s*…\s*\]$/.test(mark) ? 'insertion' : 'ellipsis';
}

function countWords(s: string): number {
  return s.trim() === '' ? 0 : s.trim().split(/\s+/).length;
}

/** Split a quote into literal segments and the editorial marks between them. */
function planEditorial(quote: string): EditorialPlan | null {
  const pieces: (string | { mark: string })[] = [];
  let last = 0;
  for (const m of quote.matchAll(EDITORIAL_MARK)) {
    pieces.push(quote.slice(last, m.index), { mark: m[0] });
    last = m.index + m[0].length;
  }
  if (pieces.length === 0) return null;
  pieces.push(quote.slice(last));

  const plan: EditorialPlan = { segments: [], between: [], leading: [], trailing: [] };
  let pending: string[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      pending.push(piece.mark);
      continue;
    }
    const segment = cleanSegment(piece);
    if (segment === '') continue;
    if (plan.segments.length === 0) plan.leading = pending;
    else plan.between.push(describeMarks(pending));
    plan.segments.push(segment);
    pending = [];
  }
  plan.trailing = pending;
  return plan.segments.length > 0 ? plan : null;
}

function cleanSegment(piece: string): string {
  return normaliseText(piece)
    .replace(BOUNDARY_PUNCTUATION_START, '')
    .replace(BOUNDARY_PUNCTUATION_END, '')
    .replace(EDGE_QUOTES, '')
    .trim();
}

function describeMarks(marks: string[]): { kind: MarkKind; marks: string[]; words: number } {
  const kind: MarkKind = marks.some((m) => markKind(m) === 'ellipsis') ? 'ellipsis' : 'insertion';
  const words = marks.reduce((n, m) => n + countWords(m.replace(/[[\]]/g, '')), 0);
  return { kind, marks, words };
}

/** All start offsets of `needle` in `haystack`, capped. */
function occurrences(haystack: string, needle: string, cap = 20000): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0 && found.length < cap; at = haystack.indexOf(needle, at + 1)) {
    found.push(at);
  }
  return found;
}

/** Index of the first element >= value in a sorted array. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_CANDIDATES_PER_STEP = 8;

/** Whether a gap of normalised text may stand for the given marks. */
function gapAllowed(gap: string, rule: { kind: MarkKind; words: number }): boolean {
  if (rule.kind === 'ellipsis') return gap.length <= MAX_ELLIPSIS_GAP;
  // An insertion stands for nothing or replaces a few words; it never spans a sentence end.
  if (/[.!?]\s/.test(gap)) return false;
  return countWords(gap) <= rule.words + MAX_BRACKET_EXTRA_WORDS;
}

/** Segment start positions, one per segment, or null; tries a few candidates per step. */
function placeSegments(plan: EditorialPlan, occ: number[][], normText: string, k: number, from: number): number[] | null {
  const list = occ[k] ?? [];
  const rule = plan.between[k - 1];
  let tried = 0;
  for (let i = lowerBound(list, from); i < list.length && tried < MAX_CANDIDATES_PER_STEP; i++) {
    const at = list[i] ?? 0;
    // Later candidates only make the gap longer, so the first refusal ends the search.
    if (rule && !gapAllowed(normText.slice(from, at), rule)) break;
    tried++;
    if (k === plan.segments.length - 1) return [at];
    const rest = placeSegments(plan, occ, normText, k + 1, at + (plan.segments[k]?.length ?? 0));
    if (rest) return [at, ...rest];
  }
  return null;
}

const MAX_FIRST_SEGMENT_TRIES = 2000;

function findEditorial(
  quote: string,
  source: PreparedSource,
): { start: number; end: number; gaps: EditorialGap[] } | null {
  const plan = planEditorial(quote);
  if (!plan) return null;
  const normText = source.map.text;
  const occ = plan.segments.map((s) => occurrences(normText, s));
  if (occ.some((o) => o.length === 0)) return null;

  let best: number[] | null = null;
  let bestSpan = Infinity;
  const firsts = occ[0] ?? [];
  for (const first of firsts.slice(0, MAX_FIRST_SEGMENT_TRIES)) {
    const placed = plan.segments.length === 1 ? [first] : placeSegments(plan, occ, normText, 1, first + (plan.segments[0]?.length ?? 0));
    if (!placed) continue;
    const positions = plan.segments.length === 1 ? placed : [first, ...placed];
    const lastIdx = positions.length - 1;
    const span = (positions[lastIdx] ?? 0) + (plan.segments[lastIdx]?.length ?? 0) - first;
    if (span < bestSpan) {
      best = positions;
      bestSpan = span;
    }
  }
  if (!best) return null;
  return describeEditorialMatch(plan, best, source);
}

function describeEditorialMatch(
  plan: EditorialPlan,
  positions: number[],
  source: PreparedSource,
): { start: number; end: number; gaps: EditorialGap[] } {
  const { map, text } = source;
  const ranges = positions.map((at, i) => toSourceRange(map, at, at + (plan.segments[i]?.length ?? 0)));
  const start = ranges[0]?.start ?? 0;
  const end = ranges[ranges.length - 1]?.end ?? 0;
  const gaps: EditorialGap[] = [];
  const point = (at: number, marks: string[]): void => {
    for (const mark of marks) gaps.push({ start: at, end: at, text: '', mark });
  };
  point(start, plan.leading);
  plan.between.forEach((rule, i) => {
    const gap = trimmedRange(text, ranges[i]?.end ?? 0, ranges[i + 1]?.start ?? 0);
    gaps.push({ ...gap, mark: rule.marks.join(' ') });
  });
  point(end, plan.trailing);
  return { start, end, gaps };
}

function trimmedRange(text: string, from: number, to: number): { start: number; end: number; text: string } {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (start === end) start = end = from; // the mark stands for nothing: a point after the segment
  return { start, end, text: text.slice(start, end) };
}

// ---------------------------------------------------------------------------------------------
// Tier 4: altered (word-level)

interface ClosestPassage {
  start: number;
  end: number;
  similarity: number;
  diff: DiffOp[];
}

const MAX_WINDOW_CANDIDATES = 5;
/** Windows scoring below this share of the best window's overlap are not refined. */
const CANDIDATE_SHARE_OF_BEST = 0.6;
/** A window must hold at least this share of the quote's words to be refined at all. */
const CANDIDATE_MIN_SHARE = 0.3;

function isWordCode(code: number): boolean {
  if (Number.isNaN(code)) return false;
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** Whole-word occurrences of the quote's words in the normalised text, in text order. */
function wordHits(normText: string, quoteWords: string[]): { at: number; word: string }[] {
  const hits: { at: number; word: string }[] = [];
  for (const word of new Set(quoteWords)) {
    for (const at of occurrences(normText, word)) {
      if (isWordCode(normText.charCodeAt(at - 1)) || isWordCode(normText.charCodeAt(at + word.length))) continue;
      hits.push({ at, word });
    }
  }
  return hits.sort((a, b) => a.at - b.at);
}

/**
 * Candidate passages: windows of the normalised text as long as the quote, scored by how many
 * of the quote's words (as a multiset) they hold. Returns the best distinct window starts.
 */
function candidateWindows(normText: string, quoteWords: string[], width: number): number[] {
  const hits = wordHits(normText, quoteWords);
  const wanted = new Map<string, number>();
  for (const w of quoteWords) wanted.set(w, (wanted.get(w) ?? 0) + 1);
  const inWindow = new Map<string, number>();
  let overlap = 0;
  let last = 0; // hits[first..last) are in the window
  const scored: { start: number; overlap: number }[] = [];
  const minOverlap = Math.max(1, Math.ceil(quoteWords.length * CANDIDATE_MIN_SHARE));
  for (let first = 0; first < hits.length; first++) {
    const start = hits[first]?.at ?? 0;
    for (; last < hits.length && (hits[last]?.at ?? 0) < start + width; last++) {
      const w = hits[last]?.word ?? '';
      const have = inWindow.get(w) ?? 0;
      if (have < (wanted.get(w) ?? 0)) overlap++;
      inWindow.set(w, have + 1);
    }
    if (overlap >= minOverlap) scored.push({ start, overlap });
    const w = hits[first]?.word ?? '';
    const have = (inWindow.get(w) ?? 0) - 1;
    inWindow.set(w, have);
    if (have < (wanted.get(w) ?? 0)) overlap--;
  }
  scored.sort((a, b) => b.overlap - a.overlap || a.start - b.start);
  const floor = (scored[0]?.overlap ?? 0) * CANDIDATE_SHARE_OF_BEST;
  const chosen: number[] = [];
  for (const s of scored) {
    if (s.overlap < floor || chosen.length >= MAX_WINDOW_CANDIDATES) break;
    if (chosen.every((c) => Math.abs(c - s.start) >= width / 2)) chosen.push(s.start);
  }
  return chosen;
}

/** Word tokens of the source around a candidate window (widened to whitespace). */
function regionTokens(source: PreparedSource, from: number, to: number): WordToken[] {
  const { map, text } = source;
  let start = map.starts[Math.max(0, from)] ?? 0;
  let end = map.ends[Math.min(map.text.length, to) - 1] ?? text.length;
  while (start > 0 && !/\s/.test(text[start - 1] ?? ' ')) start--;
  while (end < text.length && !/\s/.test(text[end] ?? ' ')) end++;
  return tokeniseWords(text.slice(start, end)).map((t) => ({ ...t, start: t.start + start, end: t.end + start }));
}

/** Best sub-span of region tokens [from, to) for the quote, by 2·LCS/(m+n). */
function bestSpanInRegion(
  region: string[],
  quoteWords: string[],
): { from: number; to: number; similarity: number } | null {
  const m = quoteWords.length;
  const inQuote = new Set(quoteWords);
  let best: { from: number; to: number; similarity: number } | null = null;
  const prev = new Array<number>(m + 1).fill(0);
  const cur = new Array<number>(m + 1).fill(0);
  for (let a = 0; a < region.length; a++) {
    if (!inQuote.has(region[a] ?? '')) continue;
    prev.fill(0);
    for (let e = a; e < region.length; e++) {
      const token = region[e];
      cur[0] = 0;
      for (let j = 1; j <= m; j++) {
        cur[j] = token === quoteWords[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
      }
      for (let j = 0; j <= m; j++) prev[j] = cur[j] ?? 0;
      if (!inQuote.has(token ?? '')) continue;
      const similarity = (2 * (prev[m] ?? 0)) / (m + (e - a + 1));
      if (!best || similarity > best.similarity) best = { from: a, to: e + 1, similarity };
    }
  }
  return best;
}

function findClosestPassage(quote: string, source: PreparedSource): ClosestPassage | null {
  const quoteTokens = tokeniseWords(quote.replace(EDITORIAL_MARK, (m) => (markKind(m) === 'ellipsis' ? ' ' : m)));
  const quoteWords = quoteTokens.map((t) => t.norm);
  if (quoteWords.length === 0 || source.map.text.length === 0) return null;
  const width = Math.max(normaliseText(quote).trim().length, 20);
  let best: { tokens: WordToken[]; similarity: number; region: WordToken[]; from: number } | null = null;
  for (const start of candidateWindows(source.map.text, quoteWords, width)) {
    const tokens = regionTokens(source, start - Math.ceil(width / 2), start + width + Math.ceil(width / 2));
    const span = bestSpanInRegion(
      tokens.map((t) => t.norm),
      quoteWords,
    );
    if (span && (!best || span.similarity > best.similarity)) {
      best = { tokens: tokens.slice(span.from, span.to), similarity: span.similarity, region: tokens, from: span.from };
    }
  }
  if (!best) return null;
  const tokens = widenOverChangedEnds(quoteTokens, best.tokens, best.region, best.from);
  return {
    start: tokens[0]?.start ?? 0,
    end: tokens[tokens.length - 1]?.end ?? 0,
    similarity: best.similarity,
    diff: diffTokens(quoteTokens, tokens),
  };
}

/**
 * The best span starts and ends on words the quote shares, so a quote whose first or last word
 * was changed would be shown as only adding it ("not on the schedule": adds “schedule”), hiding
 * what the source says there. Widen the span over as many source words as the quote has changed
 * at that end, so the diff shows what was replaced (“schedule” for “agenda”).
 */
function widenOverChangedEnds(quote: WordToken[], span: WordToken[], region: WordToken[], from: number): WordToken[] {
  const diff = diffTokens(quote, span);
  const words = (op: DiffOp | undefined) => (op?.op === 'added' ? op.text.split(' ').length : 0);
  const before = Math.min(words(diff[0]), from);
  const to = from + span.length;
  const after = diff.length > 1 ? Math.min(words(diff[diff.length - 1]), region.length - to) : 0;
  return region.slice(from - before, to + after);
}

/**
 * A diff's changes: each stretch of 'added' and 'removed' words between two 'same' ones, with the
 * words of each side (one side may be empty: words only added, or only left out).
 */
export function changedStretches(ops: DiffOp[]): { added: string; removed: string }[] {
  const stretches: { added: string; removed: string }[] = [];
  let added: string[] = [];
  let removed: string[] = [];
  const endStretch = () => {
    if (added.length || removed.length) stretches.push({ added: added.join(' '), removed: removed.join(' ') });
    added = [];
    removed = [];
  };
  for (const op of ops) {
    if (op.op === 'same') endStretch();
    else (op.op === 'added' ? added : removed).push(op.text);
  }
  endStretch();
  return stretches;
}

/** Word-level diff of a quote against a passage of the source (LCS). */
export function diffWords(quote: string, passage: string): DiffOp[] {
  return diffTokens(tokeniseWords(quote), tokeniseWords(passage));
}

function diffTokens(quote: WordToken[], source: WordToken[]): DiffOp[] {
  const m = quote.length;
  const n = source.length;
  // lcs[i][j] = LCS of quote[i..] and source[j..]
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    const row = lcs[i] ?? [];
    const below = lcs[i + 1] ?? [];
    for (let j = n - 1; j >= 0; j--) {
      row[j] =
        quote[i]?.norm === source[j]?.norm ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], word: string): void => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += ` ${word}`;
    else ops.push({ op, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    const q = quote[i];
    const s = source[j];
    if (q && s && q.norm === s.norm) {
      push('same', s.raw);
      i++;
      j++;
    } else if (s && (!q || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      push('removed', s.raw);
      j++;
    } else if (q) {
      push('added', q.raw);
      i++;
    }
  }
  return ops;
}
