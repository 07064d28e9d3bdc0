/**
 * Which of a party's roles applied on a given day, worded as a reader expects ("former head of
 * the British Army" when the role had ended by then).
 */
import { asc } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { inList, listParam, preparedOnce, type Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { groupRowsBy } from '../lib/group-rows.js';

type PartyRole = {
  title: string;
  status: 'current' | 'former';
  heldFrom: string | null;
  heldUntil: string | null;
};

/** Roles that may have been held on `isoDay`: the dates, where known, must allow it. */
function couldApplyOn(role: PartyRole, isoDay: string): boolean {
  return role.heldFrom === null || role.heldFrom <= isoDay;
}

function hadEndedBy(role: PartyRole, isoDay: string): boolean {
  if (role.heldUntil !== null) return role.heldUntil < isoDay;
  // No end date: "former" is all we know, and it describes the party as of our records.
  return role.status === 'former';
}

export function roleLabel(role: PartyRole, isoDay?: string): string {
  const ended = isoDay === undefined ? role.status === 'former' : hadEndedBy(role, isoDay);
  if (!ended) return role.title;
  return `Former ${lowerFirstIfCommonNoun(role.title)}`;
}

const COMMON_ROLE_WORDS = new Set([
  'head', 'chair', 'chief', 'member', 'editor', 'spokesperson', 'minister', 'director',
  'president', 'secretary', 'leader', 'commander', 'deputy', 'adviser', 'ambassador',
]);

/** "Head of the BND" → "head of the BND"; "Germany’s defence minister" stays as it is. */
function lowerFirstIfCommonNoun(title: string): string {
  const firstWord = title.split(/\s/, 1)[0] ?? '';
  if (!COMMON_ROLE_WORDS.has(firstWord.toLowerCase())) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** The roles to show beside a claim said on `isoDay`, most relevant first. */
export function rolesAt(roles: PartyRole[], isoDay: string): string[] {
  return roles.filter((role) => couldApplyOn(role, isoDay)).map((role) => roleLabel(role, isoDay));
}

/** A party's roles in the order the newsroom listed them (the form's order; ties in the order added). */
export function rolesOfParty(db: Db, partyId: number): PartyRole[] {
  return rolesOfParties(db, [partyId]).get(partyId) ?? [];
}

/** The roles of several parties in one statement (a page of the API's claims), each in its order. */
const rolesOfPartiesQuery = preparedOnce((db) =>
  db
    .select({ partyId: t.partyRoles.partyId, ...columnsOf(t.partyRoles, ['title', 'status', 'heldFrom', 'heldUntil']) })
    .from(t.partyRoles)
    .where(inList(t.partyRoles.partyId, 'partyIds'))
    .orderBy(asc(t.partyRoles.partyId), asc(t.partyRoles.position), asc(t.partyRoles.id))
    .prepare(),
);

export function rolesOfParties(db: Db, partyIds: number[]): Map<number, PartyRole[]> {
  if (partyIds.length === 0) return new Map();
  return groupRowsBy(rolesOfPartiesQuery(db).all({ partyIds: listParam(partyIds) }), 'partyId');
}
