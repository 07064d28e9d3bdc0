/**
 * What the saves of the desk's records (parties, sources, stories, questions) share, run inside
 * the caller's saveTransaction after its permission check: a new record is written with its first
 * revision; an edit is refused as stale when the record was saved since the user's form was
 * opened, and is otherwise written at the next version with its revision.
 */
import type { Db } from '../db.js';
import { staleInfo, type Described, type Refused, type SaveOutcome } from './conflict.js';
import { writeRevision, type EntityType } from './store.js';

/** One kind of record, for its saves: how it is read and described. */
export type RecordKind<Input, Saved> = {
  type: EntityType;
  /** The full record as saved: what each revision's snapshot holds. */
  read: (db: Db, id: number) => Saved;
  version: (record: Saved) => number;
  /** For the stale notice, field by field: the record as saved, the user's input, a stored snapshot. */
  describe: { record: (record: Saved) => Described; input: (input: Input) => Described; snapshot: (snapshot: unknown) => Described | undefined };
};

/** Who saves, and what they said of the change (kept with the revision). */
type Author = { actorId: number; comment: string };

/** `insert` writes the new record and answers its id; its first revision follows. */
export function saveNewRecord<Input, Saved>(db: Db, kind: RecordKind<Input, Saved>, author: Author, insert: () => number): SaveOutcome {
  const id = insert();
  writeRevision(db, { entityType: kind.type, entityId: id, version: 1, event: 'created', snapshot: kind.read(db, id), authorId: author.actorId, comment: author.comment });
  return { kind: 'saved', id, version: 1 };
}

/**
 * An edit of `current` with `input`, made on a form opened at `expectedVersion`: refused as stale
 * when the record has been saved since (the input is compared with what is saved now). Otherwise
 * `write` writes it at `nextVersion`, over the row still at `version`, or refuses it first.
 */
export function saveRecordEdit<Input, Saved>(
  db: Db,
  kind: RecordKind<Input, Saved>,
  current: Saved,
  edit: Author & { id: number; expectedVersion: number | null; input: Input },
  write: (version: number, nextVersion: number) => Refused | void,
): SaveOutcome {
  const { id } = edit;
  const version = kind.version(current);
  if (edit.expectedVersion !== version) {
    const stale = staleInfo(db, { type: kind.type, id, version }, edit.expectedVersion, kind.describe.record(current), kind.describe.input(edit.input), kind.describe.snapshot);
    return { kind: 'stale', stale };
  }
  const refused = write(version, version + 1);
  if (refused) return refused;
  writeRevision(db, { entityType: kind.type, entityId: id, version: version + 1, event: 'edited', snapshot: kind.read(db, id), authorId: edit.actorId, comment: edit.comment });
  return { kind: 'saved', id, version: version + 1 };
}
