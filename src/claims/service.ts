/**
 * Changing claims: creating, saving, submitting for review, restoring an old version. Every
 * change is one IMMEDIATE transaction that also writes its revision, so a change and its record
 * in the history cannot part. Saving over a newer version than the form started from is refused
 * (a stale SaveOutcome, ADR 012) with the other person's change attached, so nothing typed is
 * lost; submitting or restoring from a stale page is a Conflict (there is no input to keep).
 *
 * A published claim is never changed in place by an edit: the edit is kept as a pending revision
 * until an editor approves it (src/review/service.ts); readers keep seeing the approved version.
 */
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { recordEvent } from '../audit/log.js';
import { now } from '../lib/dates.js';
import { can, type Actor } from '../auth/permissions.js';
import { writeTransaction, type Db } from '../db.js';
import { Conflict, Forbidden, Invalid } from '../errors.js';
import { saveTransaction, type SaveOutcome } from '../revisions/conflict.js';
import { diffFields, type FieldDiff } from '../revisions/diff.js';
import { getRevision, getRevisionById, writeRevision } from '../revisions/store.js';
import { slugify } from '../lib/fields.js';
import { describeClaimRecord } from './describe.js';
import { completeLanguageFields } from './renderings.js';
import type { NewParty, NewSource, ValidClaimForm } from './form.js';
import {
  claimColumns,
  parseSnapshot,
  readClaimMeta,
  readClaimRecord,
  writeClaimRecord,
  writeClaimRevision,
  type ClaimMeta,
  type ClaimRecord,
  type ClaimSnapshot,
} from './record.js';

/**
 * What the claim form shows when someone saved the claim after it was opened: who, when, and
 * their change — from the version the form started at to the one saved since.
 */
/** Someone saved first: who and what they changed, with the two records a three-way merge needs. */
export type ClaimConflict = {
  version: number;
  by: string | null;
  at: string;
  comment: string;
  diff: FieldDiff[];
  /** The version the person's form was opened at (null when its revision is not on record). */
  base: ClaimRecord | null;
  /** What is saved now (the pending edit, if any). */
  theirs: ClaimRecord;
};

/** What an edit form should start from: the pending edit if there is one, else the claim as it is. */
export function editableRecord(db: Db, id: number): { record: ClaimRecord; meta: ClaimMeta } {
  const meta = readClaimMeta(db, id);
  if (meta.pendingRevisionId !== null) {
    const pending = getRevisionById(db, meta.pendingRevisionId);
    // A pending edit proposed before renderings existed takes them from the rows.
    if (pending) return { record: { ...readClaimRecord(db, id), ...parseSnapshot(pending.snapshot).record }, meta };
  }
  return { record: readClaimRecord(db, id), meta };
}

/** Whether this person may change the claim (their own, or any for an editor; never a retracted one). */
export function mayEditClaim(actor: Actor | null | undefined, meta: Pick<ClaimMeta, 'authorId' | 'state'>): boolean {
  return !!actor && can(actor, 'edit:claim:own', { authorId: meta.authorId }) && meta.state !== 'retracted';
}

function assertMayEdit(actor: Actor, meta: Pick<ClaimMeta, 'authorId' | 'state'>): void {
  if (!can(actor, 'edit:claim:own', { authorId: meta.authorId })) {
    throw new Forbidden('You can edit only the claims you created; an editor can edit any claim.');
  }
  if (meta.state === 'retracted') throw new Conflict('This claim has been retracted. A retracted claim is not edited.');
}

function snapshotOf(record: ClaimRecord, state: ClaimMeta['state']): ClaimSnapshot {
  return { record, state };
}


/** Create the party and source typed into the claim form, if any. Inside the caller's transaction. */
function createInlineRecords(db: Db, actor: Actor, valid: ValidClaimForm): ClaimRecord {
  let record = valid.record;
  if (valid.newParty || valid.newSource) {
    if (!can(actor, 'create:record')) throw new Forbidden('You cannot create parties or sources.');
  }
  if (valid.newParty) record = { ...record, partyId: insertParty(db, valid.newParty, actor.id) };
  if (valid.newSource) {
    const sourceId = insertSource(db, valid.newSource, actor.id);
    record = { ...record, citations: record.citations.map((c) => (c.sourceId === 0 ? { ...c, sourceId } : c)) };
  }
  return record;
}

function insertParty(db: Db, party: NewParty, authorId: number): number {
  const base = slugify(party.name).slice(0, 70).replace(/-+$/, '') || 'party';
  let slug = base;
  for (let n = 2; db.select({ id: t.parties.id }).from(t.parties).where(eq(t.parties.slug, slug)).get(); n++) slug = `${base}-${n}`;
  const row = db.insert(t.parties).values({ slug, name: party.name, kind: party.kind }).returning().get();
  writeRevision(db, {
    entityType: 'party',
    entityId: row.id,
    version: 1,
    event: 'created',
    snapshot: { party: row, roles: [], aliases: [] },
    authorId,
    comment: 'Created from the claim form',
  });
  return row.id;
}

function insertSource(db: Db, source: NewSource, authorId: number): number {
  const row = db.insert(t.sources).values(source).returning().get();
  writeRevision(db, {
    entityType: 'source',
    entityId: row.id,
    version: 1,
    event: 'created',
    snapshot: { source: row },
    authorId,
    comment: 'Created from the claim form',
  });
  return row.id;
}

export function createClaim(db: Db, actor: Actor, valid: ValidClaimForm): number {
  return writeTransaction(db, () => {
    if (!can(actor, 'create:claim')) throw new Forbidden();
    const inline = createInlineRecords(db, actor, valid);
    const completed = completeLanguageFields(db, inline, null);
    // The claim form cannot send a rendering citing a source the claim does not cite; a direct caller can.
    if (!completed.ok) throw new Invalid(Object.values(completed.errors).join(' '));
    const record: ClaimRecord = { ...inline, ...completed.fields };
    const { id } = db
      .insert(t.claims)
      .values({
        ...claimColumns(record),
        state: 'draft',
        version: 1,
        authorId: actor.id,
      })
      .returning({ id: t.claims.id })
      .get();
    writeClaimRecord(db, id, record);
    writeClaimRevision(db, id, {
      version: 1,
      event: 'created',
      snapshot: snapshotOf(record, 'draft'),
      authorId: actor.id,
      comment: valid.comment,
    });
    return id;
  });
}

function claimConflict(db: Db, meta: ClaimMeta, expectedVersion: number): ClaimConflict {
  const latest = getRevision(db, 'claim', meta.id, meta.version);
  const startedFrom = getRevision(db, 'claim', meta.id, expectedVersion);
  const base = startedFrom ? parseSnapshot(startedFrom.snapshot).record : null;
  const theirs = editableRecord(db, meta.id).record;
  return {
    version: meta.version,
    by: latest?.authorName ?? null,
    at: latest?.createdAt ?? meta.updatedAt,
    comment: latest?.comment ?? '',
    diff: diffFields(base ? describeClaimRecord(db, base) : [], describeClaimRecord(db, theirs)),
    base,
    theirs,
  };
}

const STALE_ACTION = 'Someone else saved this claim after you opened it. Reload the page to see their change, then try again.';

/** Refuse an action with no form to re-render (submitting) taken from an older version than the claim's current one. */
function assertCurrent(meta: ClaimMeta, expectedVersion: number): void {
  if (meta.version !== expectedVersion) throw new Conflict(STALE_ACTION);
}

type SaveResult = { version: number; pending: boolean };

/**
 * Save an edit. A draft or a claim in review changes in place; a published claim gets a pending
 * edit that readers do not see until an editor approves it.
 */
export function saveClaim(
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion: number,
  valid: ValidClaimForm,
  event: 'edited' | 'restored' = 'edited',
): SaveOutcome<SaveResult, ClaimConflict> {
  return saveTransaction(db, (): SaveOutcome<SaveResult, ClaimConflict> => {
    const meta = readClaimMeta(db, id);
    assertMayEdit(actor, meta);
    if (meta.version !== expectedVersion) return { kind: 'stale', stale: claimConflict(db, meta, expectedVersion) };
    const inline = createInlineRecords(db, actor, valid);
    // A form that leaves out the language fields keeps the claim's; the lead rendering follows the statement.
    const completed = completeLanguageFields(db, inline, editableRecord(db, id).record);
    if (!completed.ok) return { kind: 'invalid', errors: completed.errors };
    const record: ClaimRecord = { ...inline, ...completed.fields };
    const version = meta.version + 1;
    const published = meta.state === 'published';
    const revisionId = writeClaimRevision(db, id, {
      version,
      event: published ? 'edit_proposed' : event,
      snapshot: snapshotOf(record, meta.state),
      authorId: actor.id,
      comment: valid.comment || (event === 'restored' ? 'Restored an earlier version' : ''),
    });
    if (published) {
      db.update(t.claims).set({ version, pendingRevisionId: revisionId, updatedAt: now() }).where(eq(t.claims.id, id)).run();
    } else {
      writeClaimRecord(db, id, record);
      db.update(t.claims).set({ version, updatedAt: now() }).where(eq(t.claims.id, id)).run();
    }
    if (event === 'restored') {
      recordEvent(db, { action: 'claim_restored', actorId: actor.id, targetType: 'claim', targetId: id, detail: { version } });
    }
    return { kind: 'saved', version, pending: published };
  });
}

/** A journalist hands a draft to the editors. */
export function submitForReview(db: Db, actor: Actor, id: number, expectedVersion: number): number {
  return writeTransaction(db, () => {
    const meta = readClaimMeta(db, id);
    if (!can(actor, 'submit:claim:own', { authorId: meta.authorId })) throw new Forbidden('You can submit only your own claims.');
    assertCurrent(meta, expectedVersion);
    if (meta.state !== 'draft') throw new Conflict('Only a draft can be submitted for review.');
    const version = meta.version + 1;
    writeClaimRevision(db, id, {
      version,
      event: 'submitted',
      snapshot: snapshotOf(readClaimRecord(db, id), 'in_review'),
      authorId: actor.id,
    });
    db.update(t.claims).set({ state: 'in_review', version, updatedAt: now() }).where(eq(t.claims.id, id)).run();
    recordEvent(db, { action: 'claim_submitted', actorId: actor.id, targetType: 'claim', targetId: id });
    return version;
  });
}

/** Restoring an old version saves it again as a new version (through the same rules as an edit). */
export function restoreVersion(db: Db, actor: Actor, id: number, expectedVersion: number, version: number): SaveResult {
  // One transaction around the check and the save (saveClaim's joins it), as every change here.
  return writeTransaction(db, () => restoreInTransaction(db, actor, id, expectedVersion, version));
}

function restoreInTransaction(db: Db, actor: Actor, id: number, expectedVersion: number, version: number): SaveResult {
  if (!can(actor, 'restore:claim')) throw new Forbidden('Only an editor can restore an earlier version.');
  const old = getRevision(db, 'claim', id, version);
  if (!old) throw new Conflict(`There is no version ${version} of this claim.`);
  const { record } = parseSnapshot(old.snapshot);
  const outcome = saveClaim(
    db,
    actor,
    id,
    expectedVersion,
    { record, newParty: null, newSource: null, comment: `Restored version ${version}` },
    'restored',
  );
  // The history page has no input to keep: a refusal here is a plain Conflict.
  if (outcome.kind === 'stale') throw new Conflict(STALE_ACTION);
  if (outcome.kind === 'invalid') throw new Conflict(Object.values(outcome.errors).join(' '));
  return { version: outcome.version, pending: outcome.pending };
}
