/**
 * Parties on the desk: reading one with its dated roles and aliases, listing and searching them,
 * and saving them. A save is one IMMEDIATE transaction that checks the permission (an editor's
 * right once the party is public), refuses a stale version, writes the row, its roles and
 * aliases, an immutable revision with the full record, and — when readers can see the party —
 * bumps the publication generation so public pages refresh.
 */
import { and, eq, ne, or, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { bumpPublicationGeneration, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { found } from '../errors.js';
import { formatDay } from '../lib/dates.js';
import { PARTY_KIND_LABELS } from '../lib/labels.js';
import { saveTransaction, type Described, type SaveOutcome } from '../revisions/conflict.js';
import { saveNewRecord, saveRecordEdit, type RecordKind } from '../revisions/record-save.js';
import { byLabel, likePattern, nowIso } from '../lib/fields.js';
import type { PartyFormValues, PartyInput, PartyRoleInput } from './form.js';
import { isPartyPublic, publicPartyIds } from '../publication/visibility.js';
import { retireSlug, takeSlug } from '../publication/former-slugs.js';
import { partyChangeKeys } from '../publication/page-keys.js';
import { recordPermissions } from '../publication/record-permissions.js';
import { aliasesOf } from './queries.js';
import { rolesOfParty } from './roles.js';

type PartyRow = typeof t.parties.$inferSelect;
/** The full record, as kept in each revision's snapshot. */
export type PartyRecord = { party: PartyRow; roles: PartyRoleInput[]; aliases: string[] };

export function requireParty(db: Db, id: number): PartyRecord {
  const party = found(db.select().from(t.parties).where(eq(t.parties.id, id)).get(), 'There is no party with this number.');
  return { party, roles: rolesOfParty(db, id), aliases: aliasesOf(db, id) };
}

export type PartyListRow = Pick<PartyRow, 'id' | 'name' | 'slug' | 'kind' | 'updatedAt'> & { isPublic: boolean };

/** Parties in alphabetical order; `query` matches the name, the slug or an alias. */
export function listParties(db: Db, query = ''): PartyListRow[] {
  const q = query.trim().slice(0, 200);
  const pattern = likePattern(q);
  const rows = db
    .select(columnsOf(t.parties, ['id', 'name', 'slug', 'kind', 'updatedAt']))
    .from(t.parties)
    .where(
      q
        ? or(
            sql`${t.parties.name} LIKE ${pattern} ESCAPE '\\'`,
            sql`${t.parties.slug} LIKE ${pattern} ESCAPE '\\'`,
            sql`EXISTS (SELECT 1 FROM ${t.partyAliases} WHERE ${t.partyAliases.partyId} = ${t.parties.id} AND ${t.partyAliases.alias} LIKE ${pattern} ESCAPE '\\')`,
          )
        : undefined,
    )
    .limit(1000)
    .all();
  const visible = publicPartyIds(db);
  return rows
    .sort((a, b) => byLabel(a.name, b.name) || a.id - b.id)
    .map((row) => ({ ...row, isPublic: visible.has(row.id) }));
}

export function partyFormValues(record: PartyRecord): PartyFormValues {
  return {
    name: record.party.name,
    slug: record.party.slug,
    kind: record.party.kind,
    description: record.party.description,
    aliases: record.aliases.join('\n'),
    roles: record.roles.map((r) => ({ title: r.title, status: r.status, from: r.heldFrom ?? '', until: r.heldUntil ?? '' })),
    comment: '',
  };
}

function roleSummary(role: PartyRoleInput): string {
  const span =
    role.heldFrom || role.heldUntil
      ? `, ${role.heldFrom ? formatDay(role.heldFrom) : '…'} – ${role.heldUntil ? formatDay(role.heldUntil) : '…'}`
      : '';
  return `${role.title} (${role.status}${span})`;
}

/** The party for people, field by field, to compare versions. */
function describeParty(input: PartyInput): Described {
  return [
    ['Name', input.name],
    ['Slug', input.slug],
    ['Kind', PARTY_KIND_LABELS[input.kind] ?? input.kind],
    ['Description', input.description],
    ['Roles', input.roles.map(roleSummary).join('\n')],
    ['Aliases', input.aliases.join('\n')],
  ];
}

function inputOf(record: PartyRecord): PartyInput {
  const { party, roles, aliases } = record;
  return { name: party.name, slug: party.slug, kind: party.kind, description: party.description, roles, aliases };
}

/** A stored snapshot back to its description (snapshots are `{ party, roles, aliases }`). */
function describeSnapshot(snapshot: unknown): Described | undefined {
  const s = snapshot as Partial<PartyRecord> | null;
  if (!s?.party || typeof s.party.name !== 'string') return undefined;
  return describeParty(inputOf({ party: s.party, roles: Array.isArray(s.roles) ? s.roles : [], aliases: Array.isArray(s.aliases) ? s.aliases : [] }));
}

/** A party, for the shared record saves (revisions/record-save.ts). */
const PARTY: RecordKind<PartyInput, PartyRecord> = {
  type: 'party',
  read: requireParty,
  version: (record) => record.party.version,
  describe: { record: (record) => describeParty(inputOf(record)), input: describeParty, snapshot: describeSnapshot },
};

const rules = recordPermissions(isPartyPublic, { plural: 'parties', whenPublic: 'This party is on the public site (a published claim uses it): only an editor can change it.' });
export const mayEditParty: (db: Db, actor: Actor | null | undefined, partyId: number) => boolean = rules.mayEdit;
export const assertMayCreateParty: (actor: Actor | null | undefined) => void = rules.assertMayCreate;
export const assertMayEditParty: (db: Db, actor: Actor | null | undefined, partyId: number) => void = rules.assertMayEdit;

function slugTaken(db: Db, slug: string, exceptId?: number): boolean {
  const where = exceptId === undefined ? eq(t.parties.slug, slug) : and(eq(t.parties.slug, slug), ne(t.parties.id, exceptId));
  return db.select({ id: t.parties.id }).from(t.parties).where(where).get() !== undefined;
}

function slugError(slug: string) {
  return { slug: `Another party already uses the slug “${slug}”. Choose a different one.` };
}

function writeChildren(db: Db, partyId: number, input: PartyInput): void {
  db.delete(t.partyRoles).where(eq(t.partyRoles.partyId, partyId)).run();
  db.delete(t.partyAliases).where(eq(t.partyAliases.partyId, partyId)).run();
  input.roles.forEach((role, position) => {
    db.insert(t.partyRoles).values({ partyId, position, ...role }).run();
  });
  for (const alias of input.aliases) db.insert(t.partyAliases).values({ partyId, alias }).run();
}

export function createParty(db: Db, actor: Actor, input: PartyInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    assertMayCreateParty(actor);
    if (slugTaken(db, input.slug)) return { kind: 'invalid', errors: slugError(input.slug) };
    // A new party is in no story's cast and has no claim yet: readers cannot see it.
    return saveNewRecord(db, PARTY, { actorId: actor.id, comment }, () => {
      const { id } = db
        .insert(t.parties)
        .values({ name: input.name, slug: input.slug, kind: input.kind, description: input.description })
        .returning({ id: t.parties.id })
        .get();
      takeSlug(db, 'party', 0, input.slug);
      writeChildren(db, id, input);
      return id;
    });
  });
}

/**
 * Save an edit made on a form opened at `expectedVersion`. Refused (stale) when the party has
 * been saved since; the user's input is compared with what is saved now.
 */
export function updateParty(db: Db, actor: Actor, id: number, expectedVersion: number | null, input: PartyInput, comment = ''): SaveOutcome {
  return saveTransaction(db, (): SaveOutcome => {
    const current = requireParty(db, id);
    assertMayEditParty(db, actor, id);
    const visible = isPartyPublic(db, id);
    const outcome = saveRecordEdit(db, PARTY, current, { id, expectedVersion, input, actorId: actor.id, comment }, (version, nextVersion) => {
      if (slugTaken(db, input.slug, id)) return { kind: 'invalid', errors: slugError(input.slug) };
      retireSlug(db, 'party', 0, current.party.slug, input.slug, id);
      db.update(t.parties)
        .set({ name: input.name, slug: input.slug, kind: input.kind, description: input.description, version: nextVersion, updatedAt: nowIso() })
        .where(and(eq(t.parties.id, id), eq(t.parties.version, version)))
        .run();
      writeChildren(db, id, input);
    });
    if (outcome.kind === 'saved' && visible) bumpPublicationGeneration(db, partyChangeKeys(db, id));
    return outcome;
  });
}
