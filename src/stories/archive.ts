/**
 * A whole story as one JSON file, to move it to another Claimdesk (decision 021): the story, its
 * cast (parties with roles and aliases), questions, every claim with its stances, citations,
 * renderings (ADR 027), quote checks and corrections, the sources with all their archived captures
 * (and hashes), the revisions of all of these, and their former slugs. Rows are copied column for column, so the
 * file is also a faithful archive. Users are not exported (no emails, no password hashes): on
 * import the person importing becomes the author of what needed one.
 *
 * Version 2 added `claim_renderings` (claims' `language` and `original_statement` and sources'
 * `language` travel as columns). A version 1 archive, which has no renderings, is still read: each
 * claim gets its lead rendering as migration 0012 made them.
 *
 * Unlike /stories/:slug/claims.json (published claims only, for readers) this holds drafts and
 * history: it is for the desk's administrators and the command line.
 */
import { z } from 'zod';
import type { Db } from '../db.js';
import { bumpPublicationGeneration, writeTransaction } from '../db.js';
import { Conflict, Invalid, NotFound } from '../errors.js';

export const ARCHIVE_FORMAT = 'claimdesk-story';
export const ARCHIVE_VERSION = 2;
/** Versions this Claimdesk reads: 1 (before renderings) and the current one. */
export const ARCHIVE_VERSIONS = [1, ARCHIVE_VERSION] as const;

/** Tables in the order they are written (each refers only to those before it, or is patched after). */
const TABLES = [
  'stories',
  'parties',
  'party_roles',
  'party_aliases',
  'story_parties',
  'questions',
  'sources',
  'source_snapshots',
  'claims',
  'stances',
  'citations',
  'claim_renderings',
  'quote_checks',
  'revisions',
  'corrections',
  'former_slugs',
] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown> & { id: number };

/** The tables a version 1 archive holds: all but the renderings. */
const V1_TABLES = TABLES.filter((table) => table !== 'claim_renderings');

const tablesOf = (names: readonly Table[]) =>
  z.object(Object.fromEntries(names.map((name) => [name, z.array(z.looseObject({ id: z.number().int().positive() }))])) as Record<Table, z.ZodArray<z.ZodObject<{ id: z.ZodNumber }>>>);
const header = { format: z.literal(ARCHIVE_FORMAT), exportedAt: z.string(), story: z.string() };
const Archive = z.discriminatedUnion('version', [
  z.object({ ...header, version: z.literal(1), tables: tablesOf(V1_TABLES) }),
  z.object({ ...header, version: z.literal(ARCHIVE_VERSION), tables: tablesOf(TABLES) }),
]);
export type StoryArchive = { format: typeof ARCHIVE_FORMAT; version: typeof ARCHIVE_VERSION; exportedAt: string; story: string; tables: Record<Table, Row[]> };
/** An archive as read: a version 1 archive has no claim_renderings. */
type ReadArchive = Omit<StoryArchive, 'version' | 'tables'> & { version: (typeof ARCHIVE_VERSIONS)[number]; tables: Record<Exclude<Table, 'claim_renderings'>, Row[]> & { claim_renderings?: Row[] } };

function rows(db: Db, sql: string, ids: readonly (number | string)[] = []): Row[] {
  return db.$client.prepare(sql).all(...ids) as Row[];
}
const list = (ids: Iterable<number>) => JSON.stringify([...new Set(ids)]);

export function exportStoryArchive(db: Db, slug: string, now = new Date()): StoryArchive {
  const [story] = rows(db, 'SELECT * FROM stories WHERE slug = ?', [slug]);
  if (!story) throw new NotFound(`There is no story “${slug}”.`);
  const claims = rows(db, 'SELECT * FROM claims WHERE story_id = ? ORDER BY id', [story.id]);
  const claimIds = list(claims.map((c) => c.id));
  const cast = rows(db, 'SELECT * FROM story_parties WHERE story_id = ? ORDER BY id', [story.id]);
  const partyIds = list([...cast.map((c) => c.party_id as number), ...claims.map((c) => c.party_id as number)]);
  const citations = rows(db, 'SELECT * FROM citations WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY id', [claimIds]);
  const renderings = rows(db, 'SELECT * FROM claim_renderings WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, position', [claimIds]);
  // A rendering's source is one the claim cites (ADR 027); its own ids are added all the same, so the archive can never name a source it lacks.
  const sourceIds = list([...citations.map((c) => c.source_id as number), ...renderings.flatMap((r) => (r.source_id === null ? [] : [r.source_id as number]))]);
  const questions = rows(db, 'SELECT * FROM questions WHERE story_id = ? ORDER BY id', [story.id]);
  const questionIds = list(questions.map((q) => q.id));
  const corrections = rows(db, 'SELECT * FROM corrections WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY id', [claimIds]);
  const revisions = rows(
    db,
    `SELECT * FROM revisions WHERE
       (entity_type = 'story' AND entity_id = ?)
       OR (entity_type = 'claim' AND entity_id IN (SELECT value FROM json_each(?)))
       OR (entity_type = 'party' AND entity_id IN (SELECT value FROM json_each(?)))
       OR (entity_type = 'source' AND entity_id IN (SELECT value FROM json_each(?)))
       OR (entity_type = 'question' AND entity_id IN (SELECT value FROM json_each(?)))
     ORDER BY id`,
    [story.id, claimIds, partyIds, sourceIds, questionIds],
  );
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    story: slug,
    tables: {
      stories: [story],
      parties: rows(db, 'SELECT * FROM parties WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id', [partyIds]),
      party_roles: rows(db, 'SELECT * FROM party_roles WHERE party_id IN (SELECT value FROM json_each(?)) ORDER BY id', [partyIds]),
      party_aliases: rows(db, 'SELECT * FROM party_aliases WHERE party_id IN (SELECT value FROM json_each(?)) ORDER BY id', [partyIds]),
      story_parties: cast,
      questions,
      sources: rows(db, 'SELECT * FROM sources WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id', [sourceIds]),
      source_snapshots: rows(db, 'SELECT * FROM source_snapshots WHERE source_id IN (SELECT value FROM json_each(?)) ORDER BY id', [sourceIds]),
      claims,
      stances: rows(db, 'SELECT * FROM stances WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY id', [claimIds]),
      citations,
      claim_renderings: renderings,
      quote_checks: rows(db, 'SELECT * FROM quote_checks WHERE citation_id IN (SELECT value FROM json_each(?)) ORDER BY id', [list(citations.map((c) => c.id))]),
      revisions,
      corrections,
      former_slugs: rows(
        db,
        `SELECT * FROM former_slugs WHERE (kind = 'story' AND record_id = ?) OR (kind = 'party' AND record_id IN (SELECT value FROM json_each(?)))
           OR (kind = 'question' AND scope_id = ?) ORDER BY id`,
        [story.id, partyIds, story.id],
      ),
    },
  };
}

/** Foreign keys per table: column → the table whose new id replaces it. User columns map to the importer. */
const REFERENCES: Partial<Record<Table, Record<string, Table | 'user'>>> = {
  party_roles: { party_id: 'parties' },
  party_aliases: { party_id: 'parties' },
  story_parties: { story_id: 'stories', party_id: 'parties' },
  questions: { story_id: 'stories' },
  source_snapshots: { source_id: 'sources', captured_by_id: 'user' },
  claims: { story_id: 'stories', party_id: 'parties', author_id: 'user' },
  stances: { claim_id: 'claims', question_id: 'questions' },
  citations: { claim_id: 'claims', source_id: 'sources' },
  claim_renderings: { claim_id: 'claims', source_id: 'sources' },
  quote_checks: { citation_id: 'citations', snapshot_id: 'source_snapshots' },
  revisions: { author_id: 'user' },
  corrections: { claim_id: 'claims', revision_id: 'revisions', editor_id: 'user' },
};

const ENTITY_TABLE: Record<string, Table> = { story: 'stories', claim: 'claims', party: 'parties', source: 'sources', question: 'questions' };

export type ImportResult = { story: string; storyId: number; claims: number; partiesCreated: number; partiesReused: number; sources: number; idsKept: boolean };

/**
 * Rebuild a story from its archive, in one transaction. A party whose slug already exists here is
 * reused as it is (the same person in two stories); everything else is created. Ids are kept where
 * they are free (into an empty database: every page keeps its address), else new ones are given and
 * every reference, revisions' snapshots included, follows. A story whose slug exists is refused.
 */
export function importStoryArchive(db: Db, input: unknown, importerId: number): ImportResult {
  const parsed = Archive.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Invalid(`This is not a Claimdesk story archive (version ${ARCHIVE_VERSIONS.join(' or ')}): ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}.`);
  }
  const archive = parsed.data as unknown as ReadArchive;
  const storyRow = archive.tables.stories[0];
  if (archive.tables.stories.length !== 1 || !storyRow) throw new Invalid('The archive must hold exactly one story.');
  return writeTransaction(db, () => {
    if (db.$client.prepare('SELECT 1 FROM stories WHERE slug = ?').get(storyRow.slug)) {
      throw new Conflict(`A story “${String(storyRow.slug)}” already exists here: rename or remove it first.`);
    }
    const ids = new Map<Table, Map<number, number>>(TABLES.map((table) => [table, new Map()]));
    const columns = new Map<Table, Set<string>>();
    const columnsOf = (table: Table) => {
      let known = columns.get(table);
      if (!known) columns.set(table, (known = new Set((db.$client.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]))));
      return known;
    };
    let idsKept = true;
    let partiesReused = 0;
    const reused = new Set<number>();
    const mapped = (table: Table | 'user', id: unknown): unknown => {
      if (id === null || id === undefined) return null;
      if (table === 'user') return importerId;
      const to = ids.get(table)!.get(id as number);
      if (to === undefined) throw new Invalid(`The archive refers to ${table} ${String(id)}, which it does not contain.`);
      return to;
    };
    const insert = (table: Table, row: Row, patch: Record<string, unknown> = {}) => {
      const known = columnsOf(table);
      const values: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (!known.has(column)) throw new Invalid(`The archive’s ${table} have a column “${column}” this Claimdesk does not know.`);
        const target = REFERENCES[table]?.[column];
        values[column] = target ? mapped(target, value) : value;
      }
      Object.assign(values, patch);
      const free = !db.$client.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row.id);
      if (!free) {
        idsKept = false;
        delete values.id;
      }
      const names = Object.keys(values);
      const newId = db.$client
        .prepare(`INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')}) RETURNING id`)
        .pluck()
        .get(Object.fromEntries(names.map((n) => [n, values[n]]))) as number;
      ids.get(table)!.set(row.id, newId);
      return newId;
    };

    for (const table of TABLES) {
      for (const row of archive.tables[table] ?? []) {
        if (table === 'parties') {
          const existing = db.$client.prepare('SELECT id FROM parties WHERE slug = ?').pluck().get(row.slug) as number | undefined;
          if (existing !== undefined) {
            ids.get('parties')!.set(row.id, existing);
            reused.add(row.id);
            partiesReused++;
            if (existing !== row.id) idsKept = false;
            continue;
          }
        }
        // Rows of a reused party (its roles and aliases) stay as this Claimdesk has them.
        if ((table === 'party_roles' || table === 'party_aliases') && reused.has(row.party_id as number)) continue;
        if (table === 'claims') insert(table, row, { pending_revision_id: null });
        else if (table === 'revisions') insert(table, row, { entity_id: mapped(ENTITY_TABLE[row.entity_type as string]!, row.entity_id), snapshot: remapSnapshot(row.entity_type as string, row.snapshot as string, mapped) });
        else if (table === 'former_slugs') {
          const kind = row.kind as string;
          insert(table, row, { record_id: mapped(ENTITY_TABLE[kind]!, row.record_id), scope_id: kind === 'question' ? mapped('stories', row.scope_id) : row.scope_id });
        } else insert(table, row);
      }
    }
    // A version 1 archive has no renderings: each claim's lead rendering is made as migration 0012 made them,
    // in the language of the source it is cited to (English in any archive from before languages existed).
    if (archive.tables.claim_renderings === undefined && archive.tables.claims.length) {
      db.$client
        .prepare(
          `INSERT INTO claim_renderings (claim_id, position, text, language, source_id)
           SELECT lead.id, 0, lead.statement, coalesce((SELECT s.language FROM sources s WHERE s.id = lead.source_id), 'en'), lead.source_id
           FROM (SELECT c.id, c.statement, (
               SELECT ci.source_id FROM citations ci WHERE ci.claim_id = c.id
               ORDER BY CASE ci.role WHEN 'reports' THEN 0 WHEN 'original_venue' THEN 1 ELSE 2 END, ci.id LIMIT 1
             ) AS source_id
             FROM claims c WHERE c.id IN (SELECT value FROM json_each(?))) AS lead`,
        )
        .run(list(archive.tables.claims.map((claim) => mapped('claims', claim.id) as number)));
    }
    for (const claim of archive.tables.claims) {
      if (claim.pending_revision_id !== null && claim.pending_revision_id !== undefined) {
        db.$client.prepare('UPDATE claims SET pending_revision_id = ? WHERE id = ?').run(mapped('revisions', claim.pending_revision_id), mapped('claims', claim.id));
      }
    }
    bumpPublicationGeneration(db);
    return {
      story: String(storyRow.slug),
      storyId: mapped('stories', storyRow.id) as number,
      claims: archive.tables.claims.length,
      partiesCreated: archive.tables.parties.length - partiesReused,
      partiesReused,
      sources: archive.tables.sources.length,
      idsKept,
    };

  });
}

/** The ids inside a revision's JSON snapshot follow the rows they name. */
function remapSnapshot(entityType: string, snapshot: string, mapped: (table: Table, id: unknown) => unknown): string {
  const data = JSON.parse(snapshot) as Record<string, any>;
  // An old version may name a row the story no longer uses (a source cited once): that id stays as it was.
  const map = (table: Table, id: unknown) => {
    if (typeof id !== 'number') return id;
    try {
      return mapped(table, id);
    } catch {
      return id;
    }
  };
  if (entityType === 'claim' && data.record) {
    const r = data.record;
    r.storyId = map('stories', r.storyId);
    r.partyId = map('parties', r.partyId);
    r.stances = (r.stances ?? []).map((s: any) => ({ ...s, questionId: map('questions', s.questionId) }));
    r.citations = (r.citations ?? []).map((c: any) => ({ ...c, sourceId: map('sources', c.sourceId) }));
    // Renderings are part of the reviewed record (ADR 027); a record from before them has none, and keeps none.
    if (Array.isArray(r.renderings)) r.renderings = r.renderings.map((x: any) => ({ ...x, sourceId: map('sources', x.sourceId) }));
  }
  const row = data[entityType];
  if (row && typeof row === 'object') {
    row.id = map(ENTITY_TABLE[entityType]!, row.id);
    if (entityType === 'question' && 'storyId' in row) row.storyId = map('stories', row.storyId);
  }
  return JSON.stringify(data);
}
