/**
 * A claim as one editable record: its fields with its stances and citations. This is what an edit
 * form shows, what a revision stores as JSON, and what is written back to the rows, so the three
 * never disagree on what "the claim" is.
 */
import { asc, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { NotFound } from '../errors.js';
import { refreshQuoteChecks } from '../quotes/quote-checks.js';
import { writeRevision } from '../revisions/store.js';
import { readRenderings, writeRenderings, type LanguageFields } from './renderings.js';

type Of<T extends readonly string[]> = T[number];

type StanceInput = { questionId: number; position: Of<typeof t.STANCE_POSITIONS>; note: string };
type CitationInput = { sourceId: number; role: Of<typeof t.CITATION_ROLES>; passage: string };

export type ClaimRecord = {
  storyId: number;
  partyId: number;
  statement: string;
  form: Of<typeof t.CLAIM_FORMS>;
  type: Of<typeof t.CLAIM_TYPES>;
  saidOn: string;
  datePrecision: Of<typeof t.DATE_PRECISIONS>;
  venue: string;
  rating: Of<typeof t.RATINGS>;
  ratingExplanationMd: string;
  stances: StanceInput[];
  citations: CitationInput[];
} & LanguageFields;

export type ClaimMeta = {
  id: number;
  state: Of<typeof t.CLAIM_STATES>;
  version: number;
  authorId: number | null;
  pendingRevisionId: number | null;
  reviewNote: string;
  retractionNote: string;
  publishedAt: string | null;
  retractedAt: string | null;
  updatedAt: string;
};

export function readClaimMeta(db: Db, id: number): ClaimMeta {
  const meta = db
    .select(columnsOf(t.claims, ['id', 'state', 'version', 'authorId', 'pendingRevisionId', 'reviewNote', 'retractionNote', 'publishedAt', 'retractedAt', 'updatedAt']))
    .from(t.claims)
    .where(eq(t.claims.id, id))
    .get();
  if (!meta) throw new NotFound('There is no claim with this number.');
  return meta;
}

type ClaimOwnedTable = typeof t.stances | typeof t.citations | typeof t.corrections;

/** A claim's rows in a table of its own (its stances, citations or corrections), in the order they were written. */
export function rowsOfClaim<T extends ClaimOwnedTable>(db: Db, table: T, claimId: number): T['$inferSelect'][] {
  // Selecting from the union of tables types the rows as the union of theirs; `table` is the one T names.
  return db.select().from(table as ClaimOwnedTable).where(eq(table.claimId, claimId)).orderBy(asc(table.id)).all() as T['$inferSelect'][];
}

/** A revision of claim `id` (its snapshot holds the record and the state it was left in). */
export function writeClaimRevision(db: Db, id: number, revision: Omit<Parameters<typeof writeRevision>[1], 'entityType' | 'entityId'>): number {
  return writeRevision(db, { entityType: 'claim', entityId: id, ...revision });
}

/** The record as it stands in the rows: for a published claim, the version readers see. */
export function readClaimRecord(db: Db, id: number): ClaimRecord {
  const row = db.select().from(t.claims).where(eq(t.claims.id, id)).get();
  if (!row) throw new NotFound('There is no claim with this number.');
  const stances = rowsOfClaim(db, t.stances, id).map(({ questionId, position, note }) => ({ questionId, position, note }));
  const citations = rowsOfClaim(db, t.citations, id).map(({ sourceId, role, passage }) => ({ sourceId, role, passage }));
  return {
    storyId: row.storyId,
    partyId: row.partyId,
    statement: row.statement,
    form: row.form,
    type: row.type,
    saidOn: row.saidOn,
    datePrecision: row.datePrecision,
    venue: row.venue,
    rating: row.rating,
    ratingExplanationMd: row.ratingExplanationMd,
    stances,
    citations,
    language: row.language,
    originalStatement: row.originalStatement,
    renderings: readRenderings(db, id),
  };
}

/** A revision's snapshot: the record, and the state and version it was saved with. */
export type ClaimSnapshot = { record: ClaimRecord; state: ClaimMeta['state'] };

export function parseSnapshot(json: string): ClaimSnapshot {
  return JSON.parse(json) as ClaimSnapshot;
}

/** The claims-table columns of a record (its stances and citations live in their own tables). */
export function claimColumns(record: ClaimRecord) {
  const { stances: _stances, citations: _citations, renderings: _renderings, language, originalStatement, ...columns } = record;
  // A record that leaves out the language fields (one saved before they existed) keeps the row's.
  return {
    ...columns,
    ...(language !== undefined ? { language } : {}),
    ...(originalStatement !== undefined ? { originalStatement } : {}),
  };
}

/** Overwrite the claim's rows with `record`. Call inside a write transaction. */
export function writeClaimRecord(db: Db, id: number, record: ClaimRecord): void {
  db.update(t.claims).set(claimColumns(record)).where(eq(t.claims.id, id)).run();
  // Stances and citations are replaced whole: the revision keeps the old ones.
  db.delete(t.stances).where(eq(t.stances.claimId, id)).run();
  for (const stance of record.stances) db.insert(t.stances).values({ claimId: id, ...stance }).run();
  db.delete(t.citations).where(eq(t.citations.claimId, id)).run();
  for (const citation of record.citations) db.insert(t.citations).values({ claimId: id, ...citation }).run();
  writeRenderings(db, id, record);
  // The quotes are checked again against the archived texts, in this same transaction.
  refreshQuoteChecks(db, { claimId: id });
}

/**
 * The changes that, once published, need a public correction note: anything that changes what
 * readers were told was said, by whom, when, where, in what form, or how we rated it and which
 * side it takes. Wording of the explanation, stance notes and citations do not need one.
 */
export function correctionWorthyChanges(before: ClaimRecord, after: ClaimRecord): string[] {
  const changed: string[] = [];
  if (before.statement !== after.statement) changed.push('statement');
  if (before.partyId !== after.partyId) changed.push('speaker');
  if (before.storyId !== after.storyId) changed.push('story');
  if (before.saidOn !== after.saidOn || before.datePrecision !== after.datePrecision) changed.push('date');
  if (before.venue !== after.venue) changed.push('venue');
  if (before.form !== after.form) changed.push('form');
  if (before.type !== after.type) changed.push('type');
  if (before.rating !== after.rating) changed.push('rating');
  // What readers were told of the words themselves: the language, the original, an existing rendering's text.
  if (after.language !== undefined && (before.language ?? null) !== after.language) changed.push('language');
  if (after.originalStatement !== undefined && (before.originalStatement ?? '') !== after.originalStatement) changed.push('original');
  const altered = (before.renderings ?? []).some((r, i) => i > 0 && after.renderings?.[i] !== undefined && after.renderings[i]!.text !== r.text);
  if (altered) changed.push('rendering');
  const stanceKey = (s: StanceInput) => `${s.questionId}:${s.position}`;
  const a = before.stances.map(stanceKey).sort().join('|');
  const b = after.stances.map(stanceKey).sort().join('|');
  if (a !== b) changed.push('stance');
  return changed;
}
