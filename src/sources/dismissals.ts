/**
 * Suggestions a journalist set aside, remembered for the capture they were read from (ADR 026),
 * and drafting several suggestions at once. A suggestion is named by a hash of its statement and
 * passage, which stays the same however often the capture is read again.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can, type Actor } from '../auth/permissions.js';
import { writeTransaction, type Db } from '../db.js';
import { Forbidden, Invalid } from '../errors.js';
import { draftFromSuggestion, suggestionsForSource, type DeskSuggestion } from '../suggest/suggestions.js';
import { snapshotById } from './archive.js';

export function suggestionKey(s: Pick<DeskSuggestion, 'statement' | 'passage'>): string {
  return createHash('sha256').update(`${s.statement}\n${s.passage}`).digest('hex').slice(0, 16);
}

export function isSuggestionKey(raw: string): boolean {
  return /^[0-9a-f]{16}$/.test(raw);
}

function assertMayDraft(actor: Actor | null | undefined): asserts actor is Actor {
  if (!can(actor, 'create:claim')) throw new Forbidden('You cannot draft claims.');
}

/** Set a suggestion of this capture aside (`dismissed`), or bring it back. */
export function setDismissed(db: Db, actor: Actor, sourceId: number, snapshotId: number, key: string, dismissed: boolean): void {
  if (!isSuggestionKey(key)) throw new Invalid('There is no such suggestion.');
  writeTransaction(db, () => {
    assertMayDraft(actor);
    if (!snapshotById(db, sourceId, snapshotId)) throw new Invalid('There is no such capture of this source.');
    if (dismissed) {
      db.insert(t.suggestionDismissals).values({ snapshotId, suggestionKey: key, dismissedBy: actor.id }).onConflictDoNothing().run();
    } else {
      db.delete(t.suggestionDismissals)
        .where(and(eq(t.suggestionDismissals.snapshotId, snapshotId), eq(t.suggestionDismissals.suggestionKey, key)))
        .run();
    }
  });
}

export function dismissedKeys(db: Db, snapshotId: number): Set<string> {
  const rows = db.select({ key: t.suggestionDismissals.suggestionKey }).from(t.suggestionDismissals).where(eq(t.suggestionDismissals.snapshotId, snapshotId)).all();
  return new Set(rows.map((r) => r.key));
}

export type SeveralDrafted = { drafted: number[]; needSpeaker: number; notFound: number };

/**
 * Draft the chosen suggestions of the source's newest capture in one transaction. Read again on
 * the server, not taken from the page. A suggestion whose speaker is not a party yet is left
 * out (its party is created only once someone confirms its name and kind), as is one already
 * recorded.
 */
export function draftSeveral(db: Db, actor: Actor, sourceId: number, storyId: number, keys: string[]): SeveralDrafted {
  if (keys.length === 0) throw new Invalid('Choose the suggestions to draft.');
  if (keys.length > 100 || !keys.every(isSuggestionKey)) throw new Invalid('There is no such suggestion.');
  return writeTransaction(db, () => {
    assertMayDraft(actor);
    const result = suggestionsForSource(db, sourceId, storyId);
    const byKey = new Map((result?.items ?? []).map((s) => [suggestionKey(s), s]));
    const outcome: SeveralDrafted = { drafted: [], needSpeaker: 0, notFound: 0 };
    for (const key of new Set(keys)) {
      const s = byKey.get(key);
      if (!s || s.duplicateOf !== null) outcome.notFound++;
      else if (!s.speaker.partySlug) outcome.needSpeaker++;
      else {
        outcome.drafted.push(
          draftFromSuggestion(db, actor, sourceId, {
            storyId,
            partySlug: s.speaker.partySlug,
            newPartyName: '',
            statement: s.statement,
            form: s.form,
            saidOn: s.saidOn,
            datePrecision: s.datePrecision,
            venue: s.venue,
            passage: s.passage,
          }),
        );
      }
    }
    return outcome;
  });
}
