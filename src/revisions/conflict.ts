/**
 * A refused save, the one way every desk form hears of it (ADR 012): a save whose refusal
 * re-renders its form returns a SaveOutcome — saved, invalid (messages by field) or stale
 * (someone else saved first) — and the route renders each case. What no form can fix (a missing
 * record, a forbidden action, a retracted claim) stays a thrown DomainError.
 *
 * For the record forms, the stale case carries the saved version beside the user's input, field
 * by field, with who saved it and when, and which fields the other person changed since the
 * version the user's form was opened at (when that version's revision is on record).
 */
import { writeTransaction, type Db } from '../db.js';
import { getRevision, type EntityType } from './store.js';
import type { FieldErrors } from '../lib/fields.js';

/** A record described for people: ordered [label, text] pairs, the same labels for every version. */
export type Described = [label: string, text: string][];

type FieldComparison = { label: string; saved: string; yours: string; changedByThem: boolean; changedByYou: boolean };

export type StaleInfo = {
  /** The version now saved; the re-rendered form carries it so a deliberate second save goes through. */
  version: number;
  savedBy: string | null;
  savedAt: string | null;
  comment: string;
  /** Fields that differ between the saved version and the user's input, or that the other person changed. */
  fields: FieldComparison[];
  /**
   * The snapshot of the version the user's form was opened at, when it is on record: with it the
   * route merges the form three ways (revisions/merge.ts) and asks only about fields both changed.
   */
  baseSnapshot?: unknown;
  /** Set by the route when it merged the form: only fields both changed are then left to ask about. */
  merged?: boolean;
};

/** The form's fields to correct, each with its message, and optionally one message for the whole form. */
export type Refused = { kind: 'invalid'; errors: FieldErrors; message?: string };

/**
 * What a save returns. `Saved` is what a saved record reports (by default its id and version);
 * `Stale` is what the form shows when someone else saved first (by default a StaleInfo).
 */
export type SaveOutcome<Saved = { id: number; version: number }, Stale = StaleInfo> =
  | ({ kind: 'saved' } & Saved)
  | Refused
  | { kind: 'stale'; stale: Stale };

/**
 * Run a save as one IMMEDIATE transaction. A refusal is returned before anything is written; a
 * UNIQUE or CHECK failure that slipped past the form's checks rolls the save back and comes out
 * as a refusal too (see constraintFailure), not as a 500.
 */
export function saveTransaction<Saved, Stale>(db: Db, work: () => SaveOutcome<Saved, Stale>): SaveOutcome<Saved, Stale> {
  try {
    return writeTransaction(db, work);
  } catch (error) {
    const errors = constraintFailure(error);
    if (errors) return { kind: 'invalid', errors };
    throw error;
  }
}

function compareVersions(saved: Described, yours: Described, base: Described | undefined): FieldComparison[] {
  const yoursMap = new Map(yours);
  const baseMap = base ? new Map(base) : undefined;
  const rows: FieldComparison[] = [];
  for (const [label, savedText] of saved) {
    const yoursText = yoursMap.get(label) ?? '';
    const changedByThem = baseMap !== undefined && baseMap.has(label) && baseMap.get(label) !== savedText;
    const changedByYou = baseMap === undefined || !baseMap.has(label) || baseMap.get(label) !== yoursText;
    if (savedText !== yoursText || changedByThem) rows.push({ label, saved: savedText, yours: yoursText, changedByThem, changedByYou });
  }
  return rows;
}

/**
 * Build the stale notice. `fromSnapshot` turns a stored revision snapshot back into the described
 * form (or undefined when the snapshot is not in a shape it knows).
 */
export function staleInfo(
  db: Db,
  entity: { type: EntityType; id: number; version: number },
  expectedVersion: number | null,
  saved: Described,
  yours: Described,
  fromSnapshot: (snapshot: unknown) => Described | undefined,
): StaleInfo {
  const latest = getRevision(db, entity.type, entity.id, entity.version);
  const baseRevision = expectedVersion !== null ? getRevision(db, entity.type, entity.id, expectedVersion) : undefined;
  let base: Described | undefined;
  let baseSnapshot: unknown;
  if (baseRevision) {
    try {
      baseSnapshot = JSON.parse(baseRevision.snapshot);
      base = fromSnapshot(baseSnapshot);
    } catch {
      base = undefined;
    }
  }
  return {
    version: entity.version,
    savedBy: latest?.authorName ?? null,
    savedAt: latest?.createdAt ?? null,
    comment: latest?.comment ?? '',
    fields: compareVersions(saved, yours, base),
    ...(base ? { baseSnapshot } : {}),
  };
}

/**
 * A UNIQUE or CHECK constraint failure that slipped past the form checks (they mirror the
 * schema, so this is a safety net), as a message instead of a 500. Other failures — a foreign
 * key, say — cannot come from these forms' input: they are bugs, and stay errors.
 */
function constraintFailure(error: unknown): FieldErrors | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_CHECK') return undefined;
  const message = String((error as Error).message);
  if (/slug/i.test(message)) return { slug: 'This slug is already used or not allowed. Choose another.' };
  return { record: 'The database refused this record as it stands. Check the fields and try again.' };
}
