/**
 * Claim suggestion: reads the archived text of a news article and proposes the claims in it —
 * who said what, in which form (verbatim, partial quote, paraphrase, declined), when and where —
 * for a journalist to review before anything is recorded.
 *
 * Everything here is general newsroom English: sentence and quotation structure, speech verbs,
 * titles, relative dates. Nothing may name a person, outlet or phrase of any one article; the
 * known parties of the story are the only article-specific input. Pure: text in, plain data out.
 *
 * Pipeline: sentences (lib/sentences) → page furniture set aside (sources/furniture) → per
 * sentence, its drafts (attribution) → each draft's speaker resolved (speakers; he/she/they
 * carry the last attributed speaker) → its date (dates) from the attribution, then the rest of
 * the paragraph, then (for carried speakers) the statement continued, else the publication day,
 * `reported_by` → its venue (venues) → duplicates dropped.
 */
import { splitIntoSentences, type Sentence } from '../lib/sentences.js';
import { detectFurniture } from '../sources/furniture.js';
import { analyseSentence, type Draft } from './attribution.js';
import { findDate, type DatePrecision } from './dates.js';
import { maskQuotes } from './masked.js';
import { clearVerbCache } from './speech-verbs.js';
import { clearMatchKeyCache } from './match-key.js';
import type { KnownParty } from './party-match.js';
import { articleSpeakers, type ArticleSpeakers, type Speaker } from './speakers.js';
import type { ClaimForm } from './statements.js';
import { SAME_OUTLET, findVenue } from './venues.js';

export type { KnownParty } from './party-match.js';

export interface Suggestion {
  speaker: Speaker;
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

interface SuggestInput {
  text: string;
  /** YYYY-MM-DD */
  publishedOn: string;
  parties: KnownParty[];
}

/** The sentences of one paragraph that are not page furniture. */
type Paragraph = Sentence[];

interface Context {
  parties: KnownParty[];
  publishedOn: string;
  speakers: ArticleSpeakers;
  last: Suggestion | null;
  lastParagraph: number;
  /** the outlet a speaker last "told": what "told the paper" means */
  lastOutlet: string;
  /** the paragraph of the last sentence read */
  metParagraph: number;
}

/** Propose the claims of an article: speakers, statements, forms, dates and venues. */
export function suggestClaims(input: SuggestInput): Suggestion[] {
  // Each article starts with empty caches: what one article read never speeds up the next.
  clearVerbCache();
  clearMatchKeyCache();
  const ctx: Context = {
    parties: input.parties,
    publishedOn: input.publishedOn,
    speakers: articleSpeakers(input.parties),
    last: null,
    lastParagraph: -1,
    lastOutlet: '',
    metParagraph: -1,
  };
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  for (const paragraph of contentParagraphs(input.text)) {
    for (const sentence of paragraph) {
      for (const draft of analyseSentence(sentence, input.parties)) {
        const suggestion = draftToSuggestion(draft, sentence, paragraph, ctx);
        if (!suggestion || suggestion.statement === '') continue;
        ctx.last = suggestion;
        ctx.lastParagraph = sentence.paragraph;
        const k = suggestionKey(suggestion);
        if (seen.has(k)) continue;
        seen.add(k);
        suggestions.push(suggestion);
      }
      // Read after its own claims: a person this sentence introduces is not its own pronoun's.
      ctx.speakers.meet(maskQuotes(sentence.text, sentence.quotes));
      ctx.metParagraph = sentence.paragraph;
    }
  }
  return suggestions;
}

/**
 * The article's paragraphs with furniture sentences removed; paragraphs left empty are dropped
 * and the rest numbered again, so a furniture line does not part two paragraphs of one speaker.
 */
function contentParagraphs(text: string): Paragraph[] {
  const furniture = detectFurniture(text);
  const isFurniture = (s: Sentence): boolean => furniture.some((f) => f.start <= s.start && s.end <= f.end);
  const byLine = new Map<number, Sentence[]>();
  for (const s of splitIntoSentences(text)) {
    if (isFurniture(s)) continue;
    const line = byLine.get(s.paragraph);
    if (line) line.push(s);
    else byLine.set(s.paragraph, [s]);
  }
  return [...byLine.values()].map((sentences, index) => sentences.map((s) => ({ ...s, paragraph: index })));
}

/** The other sentences of the paragraph, quotations blanked: where a date may also be found. */
function paragraphContext(paragraph: Paragraph, except: Sentence): string {
  return paragraph
    .filter((s) => s !== except)
    .map((s) => maskQuotes(s.text, s.quotes))
    .join(' ');
}

function draftToSuggestion(draft: Draft, sentence: Sentence, paragraph: Paragraph, ctx: Context): Suggestion | null {
  // A quotation standing alone right after a paragraph that ends by introducing someone
  // ("Her husband, Jo Bloggs, was less sure.") is that person's.
  const introduced = draft.continuation && ctx.metParagraph === sentence.paragraph - 1 ? ctx.speakers.introduced() : null;
  const speaker = introduced ?? ctx.speakers.resolve(draft.speaker, ctx.last?.speaker ?? null, draft.statement);
  if (!speaker) return null;
  const carried = draft.speaker.kind !== 'phrase';
  // The last speaker's date and venue carry only to their own words.
  const previous = ctx.last && sentence.paragraph - ctx.lastParagraph <= 1 && !introduced ? ctx.last : null;
  if (draft.continuation && !previous && !introduced) return null;

  const own = findDate(draft.attribution, ctx.publishedOn) ?? findDate(paragraphContext(paragraph, sentence), ctx.publishedOn);
  const date =
    own ??
    (carried && previous ? { saidOn: previous.saidOn, datePrecision: previous.datePrecision } : null) ?? {
      saidOn: ctx.publishedOn,
      datePrecision: 'reported_by' as const,
    };
  const told = /\btold\b/.test(draft.attribution);
  const named = findVenue(draft.attribution, ctx.parties);
  if (named && told) ctx.lastOutlet = named;
  const venue = named || (SAME_OUTLET.test(draft.attribution) ? ctx.lastOutlet : '') || (draft.continuation && previous ? previous.venue : '');
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

/** Same speaker, same words (case, punctuation and quotation marks aside), same form. */
function suggestionKey(s: Suggestion): string {
  // Letters and digits only: cheaper than matchKey on long statements, and as forgiving.
  const words = s.statement.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return [s.speaker.partySlug ?? s.speaker.name, words, s.form].join('|');
}
