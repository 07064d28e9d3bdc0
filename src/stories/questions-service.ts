/**
 * A story's questions on the desk: listing them in order, and saving them (editors only,
 * `edit:story`). A save is one IMMEDIATE transaction that refuses a stale version, keeps slugs
 * unique within the story, writes an immutable revision, and bumps the publication generation
 * when the story is public (the question shows in its narrative matrix).
 */
import { and, eq, max, ne } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { bumpPublicationGeneration, type Db } from '../db.js';
import { found } from '../errors.js';
import { saveTransaction, type Described, type SaveOutcome } from '../revisions/conflict.js';
import { saveNewRecord, saveRecordEdit, type RecordKind } from '../revisions/record-save.js';
import type { QuestionFormValues, QuestionInput } from './question-form.js';
import { assertMayEditStories, requireStory } from './service.js';
import { isStoryPublic } from '../publication/visibility.js';
import { retireSlug, takeSlug } from '../publication/former-slugs.js';
import { storyChangeKeys } from '../publication/page-keys.js';
import { storyQuestionRows } from './queries.js';

export type QuestionRow = typeof t.questions.$inferSelect;
/** The full record, as kept in each revision's snapshot. */
export type QuestionRecord = { question: QuestionRow };

export function questionsOfStory(db: Db, storyId: number): QuestionRow[] {
  return storyQuestionRows(db, storyId);
}

/** The position a new question gets by default: after the last one. */
export function nextQuestionPosition(db: Db, storyId: number): number {
  const row = db.select({ last: max(t.questions.position) }).from(t.questions).where(eq(t.questions.storyId, storyId)).get();
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/** The question, only if it belongs to this story (another story's id in the path is a 404). */
function getQuestion(db: Db, storyId: number, questionId: number): QuestionRecord | undefined {
  const question = db
    .select()
    .from(t.questions)
    .where(and(eq(t.questions.id, questionId), eq(t.questions.storyId, storyId)))
    .get();
  return question ? { question } : undefined;
}

export function requireQuestion(db: Db, storyId: number, questionId: number): QuestionRecord {
  return found(getQuestion(db, storyId, questionId), 'This story has no question with this number.');
}

export function questionFormValues(record: QuestionRecord): QuestionFormValues {
  const q = record.question;
  return { slug: q.slug, proposition: q.proposition, shortLabel: q.shortLabel, position: String(q.position), comment: '' };
}

function describeQuestion(input: QuestionInput): Described {
  return [
    ['Proposition', input.proposition],
    ['Short label', input.shortLabel],
    ['Slug', input.slug],
    ['Position', String(input.position)],
  ];
}

function inputOf(q: QuestionRow): QuestionInput {
  return { slug: q.slug, proposition: q.proposition, shortLabel: q.shortLabel, position: q.position };
}

function describeSnapshot(snapshot: unknown): Described | undefined {
  const q = (snapshot as Partial<QuestionRecord> | null)?.question;
  if (!q || typeof q.proposition !== 'string') return undefined;
  return describeQuestion(inputOf(q));
}

/** A question of the story, for the shared record saves (revisions/record-save.ts). */
const questionOf = (storyId: number): RecordKind<QuestionInput, QuestionRecord> => ({
  type: 'question',
  read: (db, id) => requireQuestion(db, storyId, id),
  version: (record) => record.question.version,
  describe: { record: (record) => describeQuestion(inputOf(record.question)), input: describeQuestion, snapshot: describeSnapshot },
});

function slugTaken(db: Db, storyId: number, slug: string, exceptId?: number): boolean {
  const same = and(eq(t.questions.storyId, storyId), eq(t.questions.slug, slug));
  const where = exceptId === undefined ? same : and(same, ne(t.questions.id, exceptId));
  return db.select({ id: t.questions.id }).from(t.questions).where(where).get() !== undefined;
}

function slugError(slug: string) {
  return { slug: `Another question of this story already uses the slug “${slug}”. Choose a different one.` };
}

export function createQuestion(db: Db, actor: Actor, storyId: number, input: QuestionInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayEditStories(actor);
    requireStory(db, storyId);
    if (slugTaken(db, storyId, input.slug)) return { kind: 'invalid', errors: slugError(input.slug) };
    const outcome = saveNewRecord(db, questionOf(storyId), { actorId: actor.id, comment }, () => {
      const { id } = db
        .insert(t.questions)
        .values({ storyId, ...input })
        .returning({ id: t.questions.id })
        .get();
      takeSlug(db, 'question', storyId, input.slug);
      return id;
    });
    if (isStoryPublic(db, storyId)) bumpPublicationGeneration(db, storyChangeKeys(storyId));
    return outcome;
  });
}

export function updateQuestion(
  db: Db,
  actor: Actor,
  storyId: number,
  questionId: number,
  expectedVersion: number | null,
  input: QuestionInput,
  comment = '',
): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayEditStories(actor);
    const current = requireQuestion(db, storyId, questionId);
    const edit = { id: questionId, expectedVersion, input, actorId: actor.id, comment };
    const outcome = saveRecordEdit(db, questionOf(storyId), current, edit, (version, nextVersion) => {
      if (slugTaken(db, storyId, input.slug, questionId)) return { kind: 'invalid', errors: slugError(input.slug) };
      retireSlug(db, 'question', storyId, current.question.slug, input.slug, questionId);
      // Questions have no updated_at column: the revision records when the change was made.
      db.update(t.questions)
        .set({ ...input, version: nextVersion })
        .where(and(eq(t.questions.id, questionId), eq(t.questions.version, version)))
        .run();
    });
    if (outcome.kind === 'saved' && isStoryPublic(db, storyId)) bumpPublicationGeneration(db, storyChangeKeys(storyId));
    return outcome;
  });
}
