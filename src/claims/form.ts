/**
 * The claim edit form: its values as the user typed them (so a refused save can show them again),
 * and their validation into a ClaimRecord with a message per field. Stances and citations are
 * repeated rows (`stance_question`, `stance_position`, … sent once per row).
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { Invalid } from '../errors.js';
import { positiveInt } from '../lib/fields.js';
import { many, one, type FormData } from '../http/form.js';
import type { ClaimRecord } from './record.js';
import { mergeValues } from '../revisions/merge.js';

export type StanceRow = { question: string; position: string; note: string };
export type CitationRow = { source: string; role: string; passage: string };

export type ClaimFormValues = {
  story: string;
  party: string;
  newPartyName: string;
  newPartyKind: string;
  statement: string;
  form: string;
  type: string;
  saidOn: string;
  datePrecision: string;
  venue: string;
  rating: string;
  ratingExplanation: string;
  stances: StanceRow[];
  citations: CitationRow[];
  newSourceTitle: string;
  newSourcePublisher: string;
  newSourceKind: string;
  comment: string;
};

export type FormErrors = Record<string, string>;

export const NEW = 'new';

const LIMITS = { statement: 5000, venue: 300, explanation: 20000, note: 1000, passage: 20000, comment: 1000, name: 200, rows: 50 };

export function emptyClaimForm(storyId?: number): ClaimFormValues {
  return {
    story: storyId ? String(storyId) : '',
    party: '',
    newPartyName: '',
    newPartyKind: 'person',
    statement: '',
    form: 'verbatim',
    type: 'factual',
    saidOn: '',
    datePrecision: 'day',
    venue: '',
    rating: 'unverified',
    ratingExplanation: '',
    stances: [],
    citations: [],
    newSourceTitle: '',
    newSourcePublisher: '',
    newSourceKind: 'news_report',
    comment: '',
  };
}

export function recordToForm(record: ClaimRecord): ClaimFormValues {
  return {
    ...emptyClaimForm(record.storyId),
    party: String(record.partyId),
    statement: record.statement,
    form: record.form,
    type: record.type,
    saidOn: record.saidOn,
    datePrecision: record.datePrecision,
    venue: record.venue,
    rating: record.rating,
    ratingExplanation: record.ratingExplanationMd,
    stances: record.stances.map((s) => ({ question: String(s.questionId), position: s.position, note: s.note })),
    citations: record.citations.map((c) => ({ source: String(c.sourceId), role: c.role, passage: c.passage })),
  };
}

/** More rows than any claim needs are refused before they reach a query or a page. */
class TooManyRows extends Invalid {}

function rows<K extends string>(form: FormData, names: Record<K, string>): Record<K, string>[] {
  const columns = Object.entries(names) as [K, string][];
  const length = Math.max(0, ...columns.map(([, field]) => many(form, field).length));
  // A blank row per add-button press is expected; thousands are not a claim.
  if (length > LIMITS.rows + 10) throw new TooManyRows(`A claim has at most ${LIMITS.rows} stances and ${LIMITS.rows} citations.`);
  const out: Record<K, string>[] = [];
  for (let i = 0; i < length; i++) {
    const row = {} as Record<K, string>;
    for (const [key, field] of columns) row[key] = many(form, field)[i] ?? '';
    out.push(row);
  }
  return out;
}

export function readClaimForm(form: FormData): ClaimFormValues {
  return {
    story: one(form, 'story'),
    party: one(form, 'party'),
    newPartyName: one(form, 'new_party_name'),
    newPartyKind: one(form, 'new_party_kind') || 'person',
    statement: one(form, 'statement'),
    form: one(form, 'form'),
    type: one(form, 'type'),
    saidOn: one(form, 'said_on'),
    datePrecision: one(form, 'date_precision'),
    venue: one(form, 'venue'),
    rating: one(form, 'rating'),
    ratingExplanation: one(form, 'rating_explanation'),
    stances: rows(form, { question: 'stance_question', position: 'stance_position', note: 'stance_note' }),
    citations: rows(form, { source: 'citation_source', role: 'citation_role', passage: 'citation_passage' }),
    newSourceTitle: one(form, 'new_source_title'),
    newSourcePublisher: one(form, 'new_source_publisher'),
    newSourceKind: one(form, 'new_source_kind') || 'news_report',
    comment: one(form, 'comment'),
  };
}

export const isBlankStance = (row: StanceRow) => !row.question && !row.note.trim();
export const isBlankCitation = (row: CitationRow) => !row.source && !row.passage.trim();

const positiveId = positiveInt;

function oneOfList<T extends string>(value: string, list: readonly T[]): value is T {
  return (list as readonly string[]).includes(value);
}

/** A real calendar day, YYYY-MM-DD, not after today. */
export function dayProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter the date as YYYY-MM-DD.';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'This date does not exist.';
  if (value < '1900-01-01') return 'Enter a date after 1900.';
  if (value > new Date().toISOString().slice(0, 10)) return 'A claim cannot be dated in the future.';
  return null;
}

export type NewParty = { name: string; kind: (typeof t.PARTY_KINDS)[number] };
/** `url` only from the spreadsheet import (the claim form asks for none). */
export type NewSource = { title: string; publisher: string; kind: (typeof t.SOURCE_KINDS)[number]; url?: string | null };

export type ValidClaimForm = {
  /** The record, with `partyId`/`sourceId` 0 where a new party or source is to be created. */
  record: ClaimRecord;
  newParty: NewParty | null;
  newSource: NewSource | null;
  comment: string;
};

/**
 * Check the form against the model and the database (the story, party, questions and sources
 * must exist, questions must belong to the story). Returns the record, or a message per field.
 */
export function validateClaimForm(db: Db, values: ClaimFormValues): { ok: true; value: ValidClaimForm } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const storyId = positiveId(values.story);
  const story = storyId ? db.select({ id: t.stories.id }).from(t.stories).where(eq(t.stories.id, storyId)).get() : undefined;
  if (!story) errors.story = 'Choose the story this claim belongs to.';

  let newParty: NewParty | null = null;
  let partyId = 0;
  if (values.party === NEW) {
    const name = values.newPartyName.trim();
    if (!name || name.length > LIMITS.name) errors.new_party_name = 'Give the new party’s name (up to 200 characters).';
    if (!oneOfList(values.newPartyKind, t.PARTY_KINDS)) errors.new_party_kind = 'Choose what kind of party this is.';
    else if (name) newParty = { name, kind: values.newPartyKind };
  } else {
    const id = positiveId(values.party);
    const exists = id ? db.select({ id: t.parties.id }).from(t.parties).where(eq(t.parties.id, id)).get() : undefined;
    if (!exists) errors.party = 'Choose who made the claim, or “New party…”.';
    else partyId = exists.id;
  }

  const statement = values.statement.trim();
  if (!statement) errors.statement = 'Write the statement: the quote, or what was said.';
  else if (statement.length > LIMITS.statement) errors.statement = `Keep the statement under ${LIMITS.statement} characters.`;
  if (!oneOfList(values.form, t.CLAIM_FORMS)) errors.form = 'Choose the form: verbatim, partial quote, paraphrase or declined.';
  if (!oneOfList(values.type, t.CLAIM_TYPES)) errors.type = 'Choose the type of claim.';
  const dateProblem = dayProblem(values.saidOn);
  if (dateProblem) errors.said_on = dateProblem;
  if (!oneOfList(values.datePrecision, t.DATE_PRECISIONS)) errors.date_precision = 'Choose how precise the date is.';
  if (values.venue.length > LIMITS.venue) errors.venue = `Keep the venue under ${LIMITS.venue} characters.`;
  if (!oneOfList(values.rating, t.RATINGS)) errors.rating = 'Choose a verification rating.';
  if (values.ratingExplanation.length > LIMITS.explanation) errors.rating_explanation = 'The explanation is too long.';
  if (values.comment.length > LIMITS.comment) errors.comment = `Keep the comment under ${LIMITS.comment} characters.`;

  const stanceRows = values.stances.map((row, index) => ({ row, index })).filter(({ row }) => !isBlankStance(row));
  const citationRows = values.citations.map((row, index) => ({ row, index })).filter(({ row }) => !isBlankCitation(row));
  if (stanceRows.length > LIMITS.rows) errors.stances = `At most ${LIMITS.rows} stances.`;
  if (citationRows.length > LIMITS.rows) errors.citations = `At most ${LIMITS.rows} citations.`;

  const questionIds = stanceRows.map(({ row }) => positiveId(row.question)).filter((id): id is number => id !== null);
  const storyQuestions = new Set(
    story && questionIds.length
      ? db
          .select({ id: t.questions.id })
          .from(t.questions)
          .where(and(eq(t.questions.storyId, story.id), inArray(t.questions.id, questionIds)))
          .all()
          .map((q) => q.id)
      : [],
  );
  const stances: ClaimRecord['stances'] = [];
  const seenQuestions = new Set<number>();
  for (const { row, index } of stanceRows) {
    const questionId = positiveId(row.question);
    if (!questionId || !storyQuestions.has(questionId)) errors[`stance_question.${index}`] = 'Choose one of this story’s questions.';
    else if (seenQuestions.has(questionId)) errors[`stance_question.${index}`] = 'This question already has a stance above.';
    if (!oneOfList(row.position, t.STANCE_POSITIONS)) errors[`stance_position.${index}`] = 'Choose asserts, denies, qualifies or declines.';
    if (row.note.length > LIMITS.note) errors[`stance_note.${index}`] = `Keep the note under ${LIMITS.note} characters.`;
    if (questionId && oneOfList(row.position, t.STANCE_POSITIONS)) {
      seenQuestions.add(questionId);
      stances.push({ questionId, position: row.position, note: row.note.trim() });
    }
  }

  let newSource: NewSource | null = null;
  if (citationRows.some(({ row }) => row.source === NEW)) {
    const title = values.newSourceTitle.trim();
    const publisher = values.newSourcePublisher.trim();
    if (!title || title.length > 500) errors.new_source_title = 'Give the new source’s title.';
    if (!publisher || publisher.length > 300) errors.new_source_publisher = 'Give the new source’s publisher.';
    if (!oneOfList(values.newSourceKind, t.SOURCE_KINDS)) errors.new_source_kind = 'Choose the kind of source.';
    else if (title && publisher) newSource = { title, publisher, kind: values.newSourceKind };
  }
  const sourceIds = citationRows.map(({ row }) => positiveId(row.source)).filter((id): id is number => id !== null);
  const knownSources = new Set(
    sourceIds.length ? db.select({ id: t.sources.id }).from(t.sources).where(inArray(t.sources.id, sourceIds)).all().map((s) => s.id) : [],
  );
  const citations: ClaimRecord['citations'] = [];
  const seenCitations = new Set<string>();
  for (const { row, index } of citationRows) {
    const sourceId = row.source === NEW ? 0 : positiveId(row.source);
    if (sourceId === null || (sourceId !== 0 && !knownSources.has(sourceId))) {
      errors[`citation_source.${index}`] = 'Choose a source, or “New source…”.';
    }
    if (!oneOfList(row.role, t.CITATION_ROLES)) errors[`citation_role.${index}`] = 'Choose what this source does for the claim.';
    if (row.passage.length > LIMITS.passage) errors[`citation_passage.${index}`] = 'The passage is too long.';
    const key = `${row.source}:${row.role}`;
    if (seenCitations.has(key)) errors[`citation_source.${index}`] = 'This source is already cited in this role.';
    seenCitations.add(key);
    if (sourceId !== null && oneOfList(row.role, t.CITATION_ROLES)) {
      citations.push({ sourceId, role: row.role, passage: row.passage.trim() });
    }
  }

  if (Object.keys(errors).length > 0 || !story) return { ok: false, errors };
  return {
    ok: true,
    value: {
      record: {
        storyId: story.id,
        partyId,
        statement,
        form: values.form as ClaimRecord['form'],
        type: values.type as ClaimRecord['type'],
        saidOn: values.saidOn,
        datePrecision: values.datePrecision as ClaimRecord['datePrecision'],
        venue: values.venue.trim(),
        rating: values.rating as ClaimRecord['rating'],
        ratingExplanationMd: values.ratingExplanation.trim(),
        stances,
        citations,
      },
      newParty,
      newSource,
      comment: values.comment.trim(),
    },
  };
}

/** The claim form's fields as the conflict notice names them. */
const FIELD_NAMES: Record<string, string> = {
  story: 'story',
  party: 'speaker',
  statement: 'statement',
  form: 'form',
  type: 'type',
  saidOn: 'date',
  datePrecision: 'date precision',
  venue: 'venue',
  rating: 'rating',
  ratingExplanation: 'rating explanation',
  stances: 'stances',
  citations: 'sources',
};

export type MergedClaimForm = { values: ClaimFormValues; theirs: string[]; conflicts: string[] };

/**
 * A stale claim form merged three ways (see revisions/merge.ts): the base is the version the
 * form was opened at, theirs is what is saved now. Without a base, nothing can be told apart:
 * the form keeps what the person sent.
 */
export function mergeStaleClaimForm(mine: ClaimFormValues, base: ClaimRecord | null, theirs: ClaimRecord): MergedClaimForm {
  if (!base) return { values: mine, theirs: [], conflicts: [] };
  const normalise = (v: ClaimFormValues): ClaimFormValues => ({
    ...v,
    stances: v.stances.filter((s) => s.question !== ''),
    citations: v.citations.filter((c) => c.source !== ''),
  });
  const merged = mergeValues(recordToForm(base), recordToForm(theirs), mine, { normalise, skip: ['comment', 'newPartyName', 'newPartyKind', 'newSourceTitle', 'newSourcePublisher', 'newSourceKind'] });
  const name = (key: string) => FIELD_NAMES[key] ?? key;
  return { values: merged.values, theirs: merged.theirs.map(name), conflicts: merged.conflicts.map(name) };
}

/**
 * A suggestion as an unsaved new-claim form, for a suggestion whose speaker is not a party yet:
 * the journalist confirms or corrects the new party's name and kind, and the party is created
 * only when the draft is saved (never at "Make this a draft").
 */
export function suggestionForm(
  storyId: number,
  sourceId: number,
  suggestion: { newPartyName: string; statement: string; form: string; saidOn: string; datePrecision: string; venue: string; passage: string },
): ClaimFormValues {
  return {
    ...emptyClaimForm(storyId),
    party: NEW,
    newPartyName: suggestion.newPartyName.trim().slice(0, 200),
    newPartyKind: 'person',
    statement: suggestion.statement.trim(),
    form: suggestion.form,
    type: 'factual',
    saidOn: suggestion.saidOn,
    datePrecision: suggestion.datePrecision,
    venue: suggestion.venue.trim().slice(0, 300),
    rating: 'unverified',
    citations: [{ source: String(sourceId), role: 'reports', passage: suggestion.passage.trim() }],
    comment: 'Drafted from a suggestion',
  };
}
