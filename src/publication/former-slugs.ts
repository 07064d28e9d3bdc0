/**
 * Old addresses keep working. When an editor changes the slug of a story, party or question, the
 * old slug is kept and the public pages answer it with a permanent redirect to the new address;
 * a saved comparison naming the old slug is redirected to the same comparison with the new one.
 * A slug a live record takes (new or renamed) stops being anyone's former slug.
 */
import { and, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import { now } from '../lib/dates.js';

export type SlugKind = (typeof t.SLUG_KINDS)[number];

/** Record a slug change of a record. Call inside the write that changes it. */
export function retireSlug(db: Db, kind: SlugKind, scopeId: number, oldSlug: string, newSlug: string, recordId: number): void {
  if (oldSlug === newSlug) return;
  takeSlug(db, kind, scopeId, newSlug);
  db.insert(t.formerSlugs)
    .values({ kind, scopeId, slug: oldSlug, recordId })
    .onConflictDoUpdate({ target: [t.formerSlugs.kind, t.formerSlugs.scopeId, t.formerSlugs.slug], set: { recordId, retiredAt: now() } })
    .run();
}

/** A live record now uses `slug`: it no longer redirects anywhere. Call inside the write. */
export function takeSlug(db: Db, kind: SlugKind, scopeId: number, slug: string): void {
  db.delete(t.formerSlugs)
    .where(and(eq(t.formerSlugs.kind, kind), eq(t.formerSlugs.scopeId, scopeId), eq(t.formerSlugs.slug, slug)))
    .run();
}

/** The record a former slug belonged to, or undefined. */
export function formerOwner(db: Db, kind: SlugKind, scopeId: number, slug: string): number | undefined {
  return db
    .select({ recordId: t.formerSlugs.recordId })
    .from(t.formerSlugs)
    .where(and(eq(t.formerSlugs.kind, kind), eq(t.formerSlugs.scopeId, scopeId), eq(t.formerSlugs.slug, slug)))
    .get()?.recordId;
}

/** The current slug of the story or party that once had `slug`, or undefined. */
export function currentSlug(db: Db, kind: 'story' | 'party', slug: string): string | undefined {
  const id = formerOwner(db, kind, 0, slug);
  if (id === undefined) return undefined;
  const table = kind === 'story' ? t.stories : t.parties;
  return db.select({ slug: table.slug }).from(table).where(eq(table.id, id)).get()?.slug;
}

/** The current slug of the question of story `storyId` that once had `slug`, or undefined. */
export function currentQuestionSlug(db: Db, storyId: number, slug: string): string | undefined {
  const id = formerOwner(db, 'question', storyId, slug);
  if (id === undefined) return undefined;
  return db.select({ slug: t.questions.slug }).from(t.questions).where(and(eq(t.questions.id, id), eq(t.questions.storyId, storyId))).get()?.slug;
}
