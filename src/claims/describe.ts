/**
 * A claim record in words: party and question names instead of ids, every field labelled. Used
 * to show a version, a conflict, or the difference between two versions.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { CITATION_ROLE_LABELS, FORM_LABELS, RATING_LABELS, STANCE_LABELS, TYPE_LABELS } from '../lib/labels.js';
import type { ClaimRecord } from './record.js';
import { describeWords } from './describe-words.js';

function names<T extends { id: number }>(rows: T[], label: (row: T) => string): Map<number, string> {
  return new Map(rows.map((row) => [row.id, label(row)]));
}

export function describeClaimRecord(db: Db, record: ClaimRecord): [string, string][] {
  const story = db.select({ title: t.stories.title }).from(t.stories).where(eq(t.stories.id, record.storyId)).get();
  const party = db.select({ name: t.parties.name }).from(t.parties).where(eq(t.parties.id, record.partyId)).get();
  const questionIds = record.stances.map((s) => s.questionId);
  const questions = names(
    questionIds.length
      ? db.select({ id: t.questions.id, proposition: t.questions.proposition }).from(t.questions).where(inArray(t.questions.id, questionIds)).all()
      : [],
    (q) => q.proposition,
  );
  const sourceIds = [...record.citations.map((c) => c.sourceId), ...(record.renderings ?? []).flatMap((r) => (r.sourceId !== null ? [r.sourceId] : []))];
  const sources = names(
    sourceIds.length
      ? db
          .select({ id: t.sources.id, title: t.sources.title, publisher: t.sources.publisher })
          .from(t.sources)
          .where(inArray(t.sources.id, sourceIds))
          .all()
      : [],
    (s) => `${s.title} (${s.publisher})`,
  );
  return [
    ['Story', story?.title ?? `#${record.storyId}`],
    ['Speaker', party?.name ?? `#${record.partyId}`],
    ['Statement', record.statement],
    ['Form', FORM_LABELS[record.form]],
    ['Type', TYPE_LABELS[record.type]],
    ['Date', `${record.saidOn} (${record.datePrecision.replace('_', ' ')})`],
    ['Venue', record.venue],
    ['Rating', RATING_LABELS[record.rating]],
    ['Rating explanation', record.ratingExplanationMd],
    [
      'Stances',
      record.stances
        .map((s) => `${STANCE_LABELS[s.position].text}: ${questions.get(s.questionId) ?? `#${s.questionId}`}${s.note ? ` — ${s.note}` : ''}`)
        .join('\n'),
    ],
    [
      'Citations',
      record.citations
        .map((c) => `${CITATION_ROLE_LABELS[c.role]}: ${sources.get(c.sourceId) ?? `#${c.sourceId}`}${c.passage ? ` — “${c.passage}”` : ''}`)
        .join('\n'),
    ],
    ...describeWords(record, (id) => sources.get(id) ?? `#${id}`),
  ];
}

/** Choices for the claim form's selects. */
export function claimFormOptions(db: Db, storyId: number | null) {
  return {
    stories: db.select({ id: t.stories.id, title: t.stories.title }).from(t.stories).orderBy(asc(t.stories.title)).all(),
    parties: db.select({ id: t.parties.id, name: t.parties.name }).from(t.parties).orderBy(asc(t.parties.name)).all(),
    questions: storyId
      ? db
          .select({ id: t.questions.id, shortLabel: t.questions.shortLabel, proposition: t.questions.proposition })
          .from(t.questions)
          .where(eq(t.questions.storyId, storyId))
          .orderBy(asc(t.questions.position))
          .all()
      : [],
    sources: db
      .select({ id: t.sources.id, title: t.sources.title, publisher: t.sources.publisher })
      .from(t.sources)
      .orderBy(asc(t.sources.title))
      .all(),
  };
}

export type ClaimFormOptions = ReturnType<typeof claimFormOptions>;
