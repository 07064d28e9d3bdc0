/**
 * Stories on the desk: reading and listing them, and saving them (editors only, `edit:story`).
 * A save is one IMMEDIATE transaction that refuses a stale version, writes the row and an
 * immutable revision, and bumps the publication generation when the story is public (it has a
 * published claim), so the public pages show the change at once.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can, type Actor } from '../auth/permissions.js';
import { bumpPublicationGeneration, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { Forbidden, found } from '../errors.js';
import { saveTransaction, type Described, type SaveOutcome } from '../revisions/conflict.js';
import { saveNewRecord, saveRecordEdit, type RecordKind } from '../revisions/record-save.js';
import { nowIso } from '../lib/fields.js';
import type { StoryFormValues, StoryInput } from './form.js';
import { isStoryPublic, publicStoryIds } from '../publication/visibility.js';
import { retireSlug, takeSlug } from '../publication/former-slugs.js';
import { storyChangeKeys } from '../publication/page-keys.js';

export type StoryRow = typeof t.stories.$inferSelect;
/** The full record, as kept in each revision's snapshot. Questions have revisions of their own. */
export type StoryRecord = { story: StoryRow };

export function requireStory(db: Db, id: number): StoryRecord {
  const story = db.select().from(t.stories).where(eq(t.stories.id, id)).get();
  return { story: found(story, 'There is no story with this number.') };
}

export type StoryListRow = Pick<StoryRow, 'id' | 'slug' | 'title' | 'startsOn' | 'endsOn' | 'updatedAt'> & { isPublic: boolean };

/** Stories, the most recent first (by the day they start). */
export function listStories(db: Db): StoryListRow[] {
  const rows = db
    .select(columnsOf(t.stories, ['id', 'slug', 'title', 'startsOn', 'endsOn', 'updatedAt']))
    .from(t.stories)
    .orderBy(desc(t.stories.startsOn), desc(t.stories.id))
    .limit(500)
    .all();
  const visible = publicStoryIds(db);
  return rows.map((row) => ({ ...row, isPublic: visible.has(row.id) }));
}

export function storyFormValues(record: StoryRecord): StoryFormValues {
  const s = record.story;
  return { slug: s.slug, title: s.title, summaryMd: s.summaryMd, startsOn: s.startsOn, endsOn: s.endsOn ?? '', comment: '' };
}

function describeStory(input: StoryInput): Described {
  return [
    ['Title', input.title],
    ['Slug', input.slug],
    ['Summary', input.summaryMd],
    ['Starts on', input.startsOn],
    ['Ends on', input.endsOn ?? ''],
  ];
}

function inputOf(s: StoryRow): StoryInput {
  return { slug: s.slug, title: s.title, summaryMd: s.summaryMd, startsOn: s.startsOn, endsOn: s.endsOn };
}

function describeSnapshot(snapshot: unknown): Described | undefined {
  const s = (snapshot as Partial<StoryRecord> | null)?.story;
  if (!s || typeof s.title !== 'string') return undefined;
  return describeStory(inputOf(s));
}

/** A story, for the shared record saves (revisions/record-save.ts). */
const STORY: RecordKind<StoryInput, StoryRecord> = {
  type: 'story',
  read: requireStory,
  version: (record) => record.story.version,
  describe: { record: (record) => describeStory(inputOf(record.story)), input: describeStory, snapshot: describeSnapshot },
};

export function mayEditStories(actor: Actor | null | undefined): boolean {
  return can(actor, 'edit:story');
}

export function assertMayEditStories(actor: Actor | null | undefined): void {
  if (!mayEditStories(actor)) throw new Forbidden('Only an editor can create or change stories and their questions.');
}

function slugTaken(db: Db, slug: string, exceptId?: number): boolean {
  const where = exceptId === undefined ? eq(t.stories.slug, slug) : and(eq(t.stories.slug, slug), ne(t.stories.id, exceptId));
  return db.select({ id: t.stories.id }).from(t.stories).where(where).get() !== undefined;
}

function slugError(slug: string) {
  return { slug: `Another story already uses the slug “${slug}”. Choose a different one.` };
}

export function createStory(db: Db, actor: Actor, input: StoryInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayEditStories(actor);
    if (slugTaken(db, input.slug)) return { kind: 'invalid', errors: slugError(input.slug) };
    // A new story has no published claim: readers cannot see it.
    return saveNewRecord(db, STORY, { actorId: actor.id, comment }, () => {
      const { id } = db.insert(t.stories).values(input).returning({ id: t.stories.id }).get();
      takeSlug(db, 'story', 0, input.slug);
      return id;
    });
  });
}

export function updateStory(db: Db, actor: Actor, id: number, expectedVersion: number | null, input: StoryInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayEditStories(actor);
    const current = requireStory(db, id);
    const outcome = saveRecordEdit(db, STORY, current, { id, expectedVersion, input, actorId: actor.id, comment }, (version, nextVersion) => {
      if (slugTaken(db, input.slug, id)) return { kind: 'invalid', errors: slugError(input.slug) };
      retireSlug(db, 'story', 0, current.story.slug, input.slug, id);
      db.update(t.stories)
        .set({ ...input, version: nextVersion, updatedAt: nowIso() })
        .where(and(eq(t.stories.id, id), eq(t.stories.version, version)))
        .run();
    });
    if (outcome.kind === 'saved' && isStoryPublic(db, id)) bumpPublicationGeneration(db, storyChangeKeys(id));
    return outcome;
  });
}
