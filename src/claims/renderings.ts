/**
 * Renderings (ADR 027): a claim's statement as each source published it, in that source's
 * language, and the claim's original words when the newsroom has them. They belong to the claim's
 * record, so they are saved, revised, reviewed and restored with it.
 *
 * The lead rendering (position 0) is the claim's `statement`: the claim form edits it, and every
 * save keeps the two in step here, so a form that knows nothing of renderings cannot part them.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { inList, listParam, preparedOnce, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { groupRowsBy } from '../lib/group-rows.js';
import type { FieldErrors } from '../lib/fields.js';
import { sameLanguage } from './languages.js';

export type Translator = (typeof t.TRANSLATORS)[number];

export type Rendering = {
  text: string;
  language: string;
  /** The source that published it: one the claim cites; null only for the newsroom's own translation or a claim citing nothing. */
  sourceId: number | null;
  translatedBy: Translator | null;
  translatorName: string;
};

/** The language fields of a claim record. Optional in a record: a form that omits them keeps what the claim has. */
export type LanguageFields = {
  language?: string | null;
  originalStatement?: string;
  renderings?: Rendering[];
};

type Cited = { sourceId: number; role: string };
type RecordLike = LanguageFields & { statement: string; citations: Cited[] };
type Complete = Required<LanguageFields>;

const ROLE_ORDER: Record<string, number> = { reports: 0, original_venue: 1 };

/**
 * Renderings a claim may hold, the lead included: far more outlets than one statement is ever
 * translated by, and a bound on what every save copies into its revision (each save stores the
 * whole list, so without one the history grows with the square of the count).
 */
export const MAX_RENDERINGS = 24;
export const TOO_MANY_RENDERINGS = `A claim holds at most ${MAX_RENDERINGS} renderings. Remove one before adding another.`;

/** The source a claim's own statement comes from: its first 'reports' citation, else 'original_venue', else the first (as migration 0012). */
export function leadSourceOf(citations: Cited[]): number | null {
  const ranked = citations
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (ROLE_ORDER[a.c.role] ?? 2) - (ROLE_ORDER[b.c.role] ?? 2) || a.i - b.i);
  return ranked[0]?.c.sourceId ?? null;
}

export function sourceLanguages(db: Db, sourceIds: (number | null)[]): Map<number, string> {
  const ids = [...new Set(sourceIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: t.sources.id, language: t.sources.language }).from(t.sources).where(inArray(t.sources.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r.language]));
}

/**
 * Fill in the language fields a record leaves out from `previous` (the claim as the editor last
 * saw it), keep the lead rendering in step with the statement, and check every other rendering
 * cites a source the claim cites. Returns the complete fields, or messages by field.
 */
export function completeLanguageFields(
  db: Db,
  record: RecordLike,
  previous: LanguageFields | null,
): { ok: true; fields: Complete } | { ok: false; errors: FieldErrors } {
  const language = record.language !== undefined ? record.language : (previous?.language ?? null);
  const originalStatement = record.originalStatement ?? previous?.originalStatement ?? '';
  const cited = new Set(record.citations.map((c) => c.sourceId));
  const leadSource = leadSourceOf(record.citations);
  const renderings = [...(record.renderings ?? previous?.renderings ?? [])];
  const lead = renderings[0];
  if (!lead) {
    const languages = sourceLanguages(db, [leadSource]);
    renderings.push({
      text: record.statement,
      language: (leadSource !== null ? languages.get(leadSource) : undefined) ?? 'en',
      sourceId: leadSource,
      translatedBy: null,
      translatorName: '',
    });
  } else {
    // The lead follows the statement; if its source is no longer cited it moves, with that source's language, to the one that now is.
    const kept = lead.sourceId !== null && cited.has(lead.sourceId);
    const movedLanguage = !kept && leadSource !== null ? sourceLanguages(db, [leadSource]).get(leadSource) : undefined;
    renderings[0] = { ...lead, text: record.statement, sourceId: kept ? lead.sourceId : leadSource, language: movedLanguage ?? lead.language };
  }
  const errors: FieldErrors = {};
  if (renderings.length > MAX_RENDERINGS) errors.renderings = TOO_MANY_RENDERINGS;
  renderings.forEach((r, i) => {
    if (i === 0) return;
    if (r.sourceId === null ? r.translatedBy !== 'newsroom' : !cited.has(r.sourceId)) {
      errors.renderings = `Rendering ${i + 1} comes from a source this claim does not cite. Cite the source first, or remove the rendering.`;
    }
  });
  if (originalStatement.trim() && language === null) {
    errors.language = 'Say which language the claim was said in before adding its original words.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, fields: { language, originalStatement, renderings } };
}

export function readRenderings(db: Db, claimId: number): Rendering[] {
  return renderingsByClaim(db, [claimId]).get(claimId) ?? [];
}

const renderingsOfClaims = preparedOnce((db) =>
  db
    .select(columnsOf(t.claimRenderings, ['claimId', 'text', 'language', 'sourceId', 'translatedBy', 'translatorName']))
    .from(t.claimRenderings)
    .where(inList(t.claimRenderings.claimId, 'claimIds'))
    .orderBy(asc(t.claimRenderings.claimId), asc(t.claimRenderings.position))
    .prepare(),
);

export function renderingsByClaim(db: Db, claimIds: number[]): Map<number, Rendering[]> {
  if (claimIds.length === 0) return new Map();
  return groupRowsBy(renderingsOfClaims(db).all({ claimIds: listParam(claimIds) }), 'claimId');
}

/**
 * Replace the claim's renderings with the record's. A record without them (an edit proposed
 * before renderings existed, now approved) keeps the rows and only brings the lead into step.
 * Call inside the write transaction that writes the rest of the record.
 */
export function writeRenderings(db: Db, claimId: number, record: Pick<RecordLike, 'statement' | 'renderings'>): void {
  if (record.renderings === undefined) {
    db.update(t.claimRenderings)
      .set({ text: record.statement })
      .where(and(eq(t.claimRenderings.claimId, claimId), eq(t.claimRenderings.position, 0)))
      .run();
    return;
  }
  db.delete(t.claimRenderings).where(eq(t.claimRenderings.claimId, claimId)).run();
  record.renderings.forEach((r, position) => db.insert(t.claimRenderings).values({ claimId, position, ...r }).run());
}

/** Which text of the claim a citation's source should contain: its rendering, the original (same language), or the statement. */
export function textForSource(
  claim: { statement: string; language: string | null; originalStatement: string; renderings: Rendering[] },
  source: { id: number; language: string },
): string {
  const rendering = claim.renderings.find((r) => r.sourceId === source.id);
  if (rendering) return rendering.text;
  if (claim.originalStatement.trim() && sameLanguage(claim.language, source.language)) return claim.originalStatement;
  return claim.statement;
}

/** Whether two renderings of one statement, in one language, use different words (case and punctuation aside). */
export function wordsDiffer(a: string, b: string): boolean {
  const words = (s: string) => s.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
  return words(a) !== words(b);
}

/** The pairs of a claim's renderings in the same language whose words differ (each later one against the lead of its language). */
export function differingPairs(renderings: Rendering[]): [Rendering, Rendering][] {
  const pairs: [Rendering, Rendering][] = [];
  renderings.forEach((r, i) => {
    const first = renderings.findIndex((o) => sameLanguage(o.language, r.language));
    if (first < i && wordsDiffer(renderings[first]!.text, r.text)) pairs.push([renderings[first]!, r]);
  });
  return pairs;
}
