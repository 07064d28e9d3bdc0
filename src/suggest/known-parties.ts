/**
 * The parties a suggestion can be attributed to, as the suggester wants them: each party's name,
 * the aliases used for it in copy, and the titles of its roles ("Kremlin spokesperson").
 */
import { asc } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';
import type { KnownParty } from './suggest.js';

export function knownParties(db: Db): KnownParty[] {
  const parties = db.select({ id: t.parties.id, slug: t.parties.slug, name: t.parties.name }).from(t.parties).orderBy(asc(t.parties.id)).all();
  const aliases = db.select({ partyId: t.partyAliases.partyId, alias: t.partyAliases.alias }).from(t.partyAliases).all();
  const roles = db.select({ partyId: t.partyRoles.partyId, title: t.partyRoles.title }).from(t.partyRoles).all();
  // Grouped once: filtering every alias and role list per party grows with parties × aliases.
  const aliasesOf = groupBy(aliases, (a) => a.partyId, (a) => a.alias);
  const rolesOf = groupBy(roles, (r) => r.partyId, (r) => r.title);
  return parties.map((p) => ({ slug: p.slug, name: p.name, aliases: aliasesOf.get(p.id) ?? [], roles: rolesOf.get(p.id) ?? [] }));
}

function groupBy<T, V>(rows: T[], key: (row: T) => number, value: (row: T) => V): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}
