/**
 * Editorial review: publishing (with the sourcing checklist, and a recorded override when an item
 * fails), approving an edit of a published claim (with a public correction note when what readers
 * were told changes: see correctionWorthyChanges), requesting changes (which turns a pending edit
 * down), and retracting. Each action is
 * one transaction with its revision, its audit event and, when readers see a change, a new
 * publication generation. A refused action returns its SaveOutcome (ADR 012): what is missing,
 * by field, or that the claim changed while the editor was reviewing it.
 */
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { recordEvent } from '../audit/log.js';
import { now } from '../lib/dates.js';
import { can, type Actor } from '../auth/permissions.js';
import { correctionWorthyChanges, parseSnapshot, readClaimMeta, readClaimRecord, writeClaimRecord, writeClaimRevision } from '../claims/record.js';
import type { ClaimMeta, ClaimRecord } from '../claims/record.js';
import { editableRecord } from '../claims/service.js';
import { bumpPublicationGeneration, type Db } from '../db.js';
import { Conflict, Forbidden } from '../errors.js';
import { saveTransaction, type SaveOutcome } from '../revisions/conflict.js';
import { getRevisionById, listRevisions } from '../revisions/store.js';
import { checklistFor, failingItems } from './checklist.js';
import { claimChangeKeys } from '../publication/page-keys.js';

/**
 * What a review action returns. When the claim changed since the screen was opened, the screen
 * is shown again as the claim now stands: the stale case needs only the current version.
 */
export type ReviewOutcome<Saved = { version: number }> = SaveOutcome<Saved, { version: number }>;


/** A required field left empty: its message beside the field and at the top of the screen. */
function missing(field: string, message: string): ReviewOutcome {
  return { kind: 'invalid', message, errors: { [field]: message } };
}

/** Checked inside each action's transaction (the route checks `review:claim` as well). */
function assertEditor(actor: Actor, permission: 'publish:claim' | 'review:claim' | 'retract:claim') {
  if (!can(actor, permission)) throw new Forbidden('Only an editor can do this.');
}

/** What an editor reviews: a submitted claim, or the pending edit of a published one. */
export function reviewSubject(db: Db, id: number) {
  const meta = readClaimMeta(db, id);
  const current = readClaimRecord(db, id);
  const pending = meta.pendingRevisionId !== null ? getRevisionById(db, meta.pendingRevisionId) : undefined;
  const proposed = pending ? parseSnapshot(pending.snapshot).record : current;
  return {
    meta,
    /** What readers see now (published claims), or the draft itself. */
    current,
    proposed,
    pending: pending ?? null,
    checklist: checklistFor(db, proposed),
    correctionNeeded: pending && meta.state === 'published' ? correctionWorthyChanges(current, proposed) : [],
  };
}

export function publishClaim(
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion: number,
  input: { overrideReason: string; correctionNote: string },
): ReviewOutcome<{ version: number; corrected: boolean }> {
  return saveTransaction(db, (): ReviewOutcome<{ version: number; corrected: boolean }> => {
    assertEditor(actor, 'publish:claim');
    const subject = reviewSubject(db, id);
    const { meta } = subject;
    if (meta.version !== expectedVersion) return { kind: 'stale', stale: { version: meta.version } };
    const approvingEdit = meta.state === 'published' && subject.pending !== null;
    if (!approvingEdit && meta.state !== 'in_review' && meta.state !== 'draft') {
      throw new Conflict('This claim is already published and has no edit waiting for approval.');
    }
    const failing = failingItems(subject.checklist);
    const overrideReason = input.overrideReason.trim();
    const correctionNote = input.correctionNote.trim();
    if (failing.length > 0 && !overrideReason) {
      return {
        kind: 'invalid',
        message: 'The sourcing checklist has failing items. Publish anyway only with a reason.',
        errors: { override_reason: 'Give the reason for publishing despite the failing items.' },
      };
    }
    if (approvingEdit && subject.correctionNeeded.length > 0 && !correctionNote) {
      return {
        kind: 'invalid',
        message: `This edit changes the ${subject.correctionNeeded.join(', ')} of a published claim: readers are owed a correction note.`,
        errors: { correction_note: 'Write the correction note readers will see.' },
      };
    }

    const version = meta.version + 1;
    const record: ClaimRecord = subject.proposed;
    // An approved edit may move the claim to another speaker, story or source: both are refreshed.
    const shownBefore = claimChangeKeys(db, id);
    if (approvingEdit) writeClaimRecord(db, id, record);
    const revisionId = writeClaimRevision(db, id, {
      version,
      event: approvingEdit ? 'edit_approved' : 'published',
      snapshot: { record, state: 'published' },
      authorId: actor.id,
      comment: [overrideReason && `Override: ${overrideReason}`, correctionNote && `Correction: ${correctionNote}`]
        .filter(Boolean)
        .join(' · '),
    });
    db.update(t.claims)
      .set({
        state: 'published',
        version,
        pendingRevisionId: null,
        reviewNote: '',
        publishedAt: meta.publishedAt ?? now(),
        updatedAt: now(),
      })
      .where(eq(t.claims.id, id))
      .run();
    const corrected = approvingEdit && subject.correctionNeeded.length > 0;
    if (corrected) {
      db.insert(t.corrections).values({ claimId: id, revisionId, note: correctionNote, editorId: actor.id }).run();
    }
    recordEvent(db, {
      action: approvingEdit ? 'claim_edit_approved' : 'claim_published',
      actorId: actor.id,
      targetType: 'claim',
      targetId: id,
      detail: { version, ...(corrected ? { correction: correctionNote, changed: subject.correctionNeeded } : {}) },
    });
    if (failing.length > 0) {
      recordEvent(db, {
        action: 'publish_override',
        actorId: actor.id,
        targetType: 'claim',
        targetId: id,
        detail: { reason: overrideReason, failing: failing.map((item) => item.label) },
      });
    }
    bumpPublicationGeneration(db, [...shownBefore, ...claimChangeKeys(db, id)]);
    return { kind: 'saved', version, corrected };
  });
}

/**
 * A review action that needs a note (sending a claim back, retracting it), inside one transaction:
 * the editor's right, the note and the version are checked first; `act` then changes the claim to
 * `version` (and may refuse, throwing, when the claim is in the wrong state for it).
 */
function actWithNote(
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion: number,
  note: string,
  required: { permission: 'review:claim' | 'retract:claim'; field: string; message: string },
  act: (meta: ClaimMeta, version: number) => void,
): ReviewOutcome {
  return saveTransaction(db, (): ReviewOutcome => {
    assertEditor(actor, required.permission);
    if (!note) return missing(required.field, required.message);
    const meta = readClaimMeta(db, id);
    if (meta.version !== expectedVersion) return { kind: 'stale', stale: { version: meta.version } };
    const version = meta.version + 1;
    act(meta, version);
    return { kind: 'saved', version };
  });
}

/** Send a submitted claim back to its author, or turn down a pending edit, with a comment. */
export function requestChanges(db: Db, actor: Actor, id: number, expectedVersion: number, comment: string): ReviewOutcome {
  const note = comment.trim();
  const required = { permission: 'review:claim', field: 'comment', message: 'Say what should change: the author sees this comment.' } as const;
  return actWithNote(db, actor, id, expectedVersion, note, required, (meta, version) => {
    const pendingEdit = meta.state === 'published' && meta.pendingRevisionId !== null;
    if (meta.state !== 'in_review' && !pendingEdit) throw new Conflict('Only a claim in review or a pending edit can be sent back.');
    writeClaimRevision(db, id, {
      version,
      event: 'changes_requested',
      snapshot: { record: editableRecord(db, id).record, state: pendingEdit ? 'published' : 'draft' },
      authorId: actor.id,
      comment: note,
    });
    // A pending edit sent back is turned down: it leaves the queue and readers keep the published
    // version. The proposal stays in the history (this revision holds it), to compare and restore.
    db.update(t.claims)
      .set({ state: pendingEdit ? 'published' : 'draft', version, reviewNote: note, updatedAt: now(), ...(pendingEdit ? { pendingRevisionId: null } : {}) })
      .where(eq(t.claims.id, id))
      .run();
    recordEvent(db, { action: 'claim_changes_requested', actorId: actor.id, targetType: 'claim', targetId: id, detail: { comment: note } });
  });
}

/** Withdraw a published claim, with a note readers see at its address and at /corrections. */
export function retractClaim(db: Db, actor: Actor, id: number, expectedVersion: number, publicNote: string): ReviewOutcome {
  const note = publicNote.trim();
  const required = { permission: 'retract:claim', field: 'retraction_note', message: 'Write the public note that explains the retraction.' } as const;
  return actWithNote(db, actor, id, expectedVersion, note, required, (meta, version) => {
    if (meta.state !== 'published') throw new Conflict('Only a published claim can be retracted.');
    writeClaimRevision(db, id, {
      version,
      event: 'retracted',
      snapshot: { record: readClaimRecord(db, id), state: 'retracted' },
      authorId: actor.id,
      comment: note,
    });
    db.update(t.claims)
      .set({ state: 'retracted', version, pendingRevisionId: null, retractionNote: note, retractedAt: now(), updatedAt: now() })
      .where(eq(t.claims.id, id))
      .run();
    recordEvent(db, { action: 'claim_retracted', actorId: actor.id, targetType: 'claim', targetId: id, detail: { note } });
    bumpPublicationGeneration(db, claimChangeKeys(db, id));
  });
}

/** What a review action just did to a claim, read from its newest revision. */
export type ReviewAction = 'published' | 'approved' | 'sent-back' | 'edit-turned-down' | 'retracted';

export function lastReviewAction(db: Db, id: number): ReviewAction | 'saved' {
  const last = listRevisions(db, 'claim', id).at(-1);
  switch (last?.event) {
    case 'published':
      return 'published';
    case 'edit_approved':
      return 'approved';
    case 'retracted':
      return 'retracted';
    case 'changes_requested':
      return (JSON.parse(last.snapshot) as { state?: string }).state === 'published' ? 'edit-turned-down' : 'sent-back';
    default:
      return 'saved';
  }
}
