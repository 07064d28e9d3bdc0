/**
 * Sources on the desk: reading, listing and searching them, and saving them. A save is one
 * IMMEDIATE transaction that checks the permission (an editor's right once a published claim
 * cites the source), refuses a stale version, writes the row and an immutable revision with the
 * full record, and bumps the publication generation when readers can see the source.
 */
import { and, desc, eq, or, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { bumpPublicationGeneration, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { found } from '../errors.js';
import { SOURCE_KIND_LABELS } from '../lib/labels.js';
import { saveTransaction, type Described, type SaveOutcome } from '../revisions/conflict.js';
import { saveNewRecord, saveRecordEdit, type RecordKind } from '../revisions/record-save.js';
import { likePattern, nowIso } from '../lib/fields.js';
import type { SourceFormValues, SourceInput } from './form.js';
import { isSourcePublic, publicSourceIds } from '../publication/visibility.js';
import { sourceChangeKeys } from '../publication/page-keys.js';
import { recordPermissions } from '../publication/record-permissions.js';

type SourceRow = typeof t.sources.$inferSelect;
/** The full record, as kept in each revision's snapshot. */
export type SourceRecord = { source: SourceRow };

export function requireSource(db: Db, id: number): SourceRecord {
  const source = db.select().from(t.sources).where(eq(t.sources.id, id)).get();
  return { source: found(source, 'There is no source with this number.') };
}

export type SourceListRow = Pick<SourceRow, 'id' | 'title' | 'publisher' | 'kind' | 'publishedOn' | 'updatedAt'> & { isPublic: boolean };

/** Sources, newest first; `query` matches the title, publisher, author or link. */
export function listSources(db: Db, query = ''): SourceListRow[] {
  const q = query.trim().slice(0, 200);
  const pattern = likePattern(q);
  const rows = db
    .select(columnsOf(t.sources, ['id', 'title', 'publisher', 'kind', 'publishedOn', 'updatedAt']))
    .from(t.sources)
    .where(
      q
        ? or(
            sql`${t.sources.title} LIKE ${pattern} ESCAPE '\\'`,
            sql`${t.sources.publisher} LIKE ${pattern} ESCAPE '\\'`,
            sql`${t.sources.author} LIKE ${pattern} ESCAPE '\\'`,
            sql`${t.sources.url} LIKE ${pattern} ESCAPE '\\'`,
          )
        : undefined,
    )
    .orderBy(desc(t.sources.id))
    .limit(500)
    .all();
  const visible = publicSourceIds(db);
  return rows.map((row) => ({ ...row, isPublic: visible.has(row.id) }));
}

export function sourceLabel(source: Pick<SourceRow, 'title' | 'publisher' | 'publishedOn'>): string {
  return `${source.title} — ${source.publisher}${source.publishedOn ? `, ${source.publishedOn}` : ''}`;
}

export function sourceFormValues(record: SourceRecord): SourceFormValues {
  const s = record.source;
  return {
    title: s.title,
    publisher: s.publisher,
    author: s.author ?? '',
    url: s.url ?? '',
    publishedOn: s.publishedOn ?? '',
    accessedOn: s.accessedOn ?? '',
    kind: s.kind,
    description: s.description,
    comment: '',
    language: s.language,
  };
}

function describeSource(input: SourceInput): Described {
  return [
    ['Title', input.title],
    ['Publisher', input.publisher],
    ['Author', input.author ?? ''],
    ['Web address', input.url ?? ''],
    ['Published', input.publishedOn ?? ''],
    ['Accessed', input.accessedOn ?? ''],
    ['Kind', SOURCE_KIND_LABELS[input.kind] ?? input.kind],
    ['Description', input.description],
    ['Language', input.language ?? ''],
  ];
}

function inputOf(s: SourceRow): SourceInput {
  return {
    title: s.title,
    publisher: s.publisher,
    author: s.author,
    url: s.url,
    publishedOn: s.publishedOn,
    accessedOn: s.accessedOn,
    kind: s.kind,
    description: s.description,
    language: s.language,
  };
}

function describeSnapshot(snapshot: unknown): Described | undefined {
  const s = (snapshot as Partial<SourceRecord> | null)?.source;
  if (!s || typeof s.title !== 'string') return undefined;
  return describeSource(inputOf({ ...s, description: s.description ?? '' }));
}

/** A source, for the shared record saves (revisions/record-save.ts). */
const SOURCE: RecordKind<SourceInput, SourceRecord> = {
  type: 'source',
  read: requireSource,
  version: (record) => record.source.version,
  describe: { record: (record) => describeSource(inputOf(record.source)), input: describeSource, snapshot: describeSnapshot },
};

const rules = recordPermissions(isSourcePublic, { plural: 'sources', whenPublic: 'A published claim cites this source, so it is on the public site: only an editor can change it.' });
export const mayEditSource: (db: Db, actor: Actor | null | undefined, sourceId: number) => boolean = rules.mayEdit;
export const assertMayCreateSource: (actor: Actor | null | undefined) => void = rules.assertMayCreate;
export const assertMayEditSource: (db: Db, actor: Actor | null | undefined, sourceId: number) => void = rules.assertMayEdit;

export function createSource(db: Db, actor: Actor, input: SourceInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayCreateSource(actor);
    // No claim cites a new source yet: readers cannot see it.
    return saveNewRecord(db, SOURCE, { actorId: actor.id, comment }, () => db.insert(t.sources).values(input).returning({ id: t.sources.id }).get().id);
  });
}

export function updateSource(db: Db, actor: Actor, id: number, expectedVersion: number | null, input: SourceInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    const current = requireSource(db, id);
    assertMayEditSource(db, actor, id);
    const outcome = saveRecordEdit(db, SOURCE, current, { id, expectedVersion, input, actorId: actor.id, comment }, (version, nextVersion) => {
      db.update(t.sources)
        .set({ ...input, version: nextVersion, updatedAt: nowIso() })
        .where(and(eq(t.sources.id, id), eq(t.sources.version, version)))
        .run();
    });
    if (outcome.kind === 'saved' && isSourcePublic(db, id)) bumpPublicationGeneration(db, sourceChangeKeys(db, id));
    return outcome;
  });
}
