/**
 * A story's published claims as data, for a newsroom's own analysis or archive: one record per
 * claim with its speaker, stances and sources (JSON), or one row per claim (CSV, for a
 * spreadsheet). Only what the public pages show.
 */
import { citationsByClaim, claimFacts, publishedClaimsOfStory, publishedStancesOfStory, type ClaimColumns } from '../claims/queries.js';
import type { Db } from '../db.js';
import { publicStoryBySlug, questionsOfStory } from './queries.js';
import { claimWordsByClaim } from '../claims/rendering-view.js';

/** The claim's own fields, as plain text where they are text (the export names no enum). */
type AsText<T> = { [K in keyof T]: T[K] extends string ? string : T[K] };

type ExportedClaim = AsText<ClaimColumns> & {
  url: string;
  speaker: { slug: string; name: string };
  stances: { question: string; proposition: string; position: string; note: string }[];
  sources: { id: number; title: string; publisher: string; url: string | null; role: string; quoteCheck: string | null }[];
  /** BCP 47 tag of the language it was said in; null when not recorded (ADR 027). */
  language: string | null;
  /** The words as said, when the newsroom holds them; '' otherwise. */
  original: string;
  /** The statement as each source published it; the first is `statement`. */
  renderings: {
    text: string;
    language: string;
    source: { id: number; publisher: string } | null;
    translated: boolean;
    translatedBy: string | null;
    translator: string;
    quoteCheck: string | null;
  }[];
  /** Whether two of its renderings in one language use different words. */
  renderingsDiffer: boolean;
};

export type StoryExport = { story: { slug: string; title: string; url: string }; claims: ExportedClaim[] };

/** `origin` makes the URLs absolute ('' keeps them relative). */
export function exportStory(db: Db, slug: string, origin = ''): StoryExport | undefined {
  const story = publicStoryBySlug(db, slug);
  if (!story) return undefined;
  const questions = new Map(questionsOfStory(db, story.id).map((q) => [q.id, q]));
  const claims = publishedClaimsOfStory(db, story.id);
  const stances = publishedStancesOfStory(db, story.id);
  const citations = citationsByClaim(
    db,
    claims.map((c) => c.id),
  );
  const words = claimWordsByClaim(
    db,
    claims.map((c) => c.id),
  );
  return {
    story: { slug: story.slug, title: story.title, url: `${origin}/stories/${story.slug}` },
    claims: claims.map((claim) => ({
      id: claim.id,
      url: `${origin}/claims/${claim.id}`,
      speaker: { slug: claim.party.slug, name: claim.party.name },
      statement: claim.statement,
      ...claimFacts(claim),
      stances: stances
        .filter((s) => s.claimId === claim.id)
        .map((s) => ({
          question: questions.get(s.questionId)?.slug ?? '',
          proposition: questions.get(s.questionId)?.proposition ?? '',
          position: s.position,
          note: s.note,
        })),
      sources: (citations.get(claim.id) ?? []).map((c) => ({
        id: c.source.id,
        title: c.source.title,
        publisher: c.source.publisher,
        url: c.source.url,
        role: c.role,
        quoteCheck: c.check?.outcome ?? null,
      })),
      ...exportedWords(words.get(claim.id)),
    })),
  };
}

function exportedWords(w: ReturnType<typeof claimWordsByClaim> extends Map<number, infer W> ? W | undefined : never) {
  return {
    language: w?.language ?? null,
    original: w?.original ?? '',
    renderings: (w?.renderings ?? []).map((r) => ({
      text: r.text,
      language: r.language,
      source: r.source ? { id: r.source.id, publisher: r.source.publisher } : null,
      translated: r.translated,
      translatedBy: r.translatedBy,
      translator: r.translatorName,
      quoteCheck: r.outcome,
    })),
    renderingsDiffer: (w?.comparisons.length ?? 0) > 0,
  };
}

// Columns are only ever appended, so a colleague's spreadsheet formulas keep their letters.
const CSV_COLUMNS = ['id', 'url', 'speaker', 'statement', 'form', 'type', 'said_on', 'date_precision', 'venue', 'rating', 'stances', 'sources', 'language', 'original', 'renderings'];

/** RFC 4180 CSV, one row per claim; stances and sources are joined with " | ". */
export function toCsv(data: StoryExport): string {
  const rows = data.claims.map((c) => [
    String(c.id),
    c.url,
    c.speaker.name,
    c.statement,
    c.form,
    c.type,
    c.saidOn,
    c.datePrecision,
    c.venue,
    c.rating,
    c.stances.map((s) => `${s.question}: ${s.position}`).join(' | '),
    c.sources.map((s) => `${s.publisher}, ${s.title}${s.url ? ` <${s.url}>` : ''} (${s.role})`).join(' | '),
    c.language ?? '',
    c.original,
    c.renderings.map((r) => `[${r.language}] ${r.source?.publisher ?? 'newsroom'}${r.translatedBy ? ` (translated by ${r.translatedBy === 'translator' ? r.translator : r.translatedBy})` : ''}: ${r.text}`).join(' | '),
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  // A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe:
  // quotes under our name must never become code in a colleague's spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Quoted whenever a spreadsheet could split the cell: comma, semicolon (the separator in many
  // locales), tab, quote, CR or LF.
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
