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
  return parties.map((p) => ({
    slug: p.slug,
    name: p.name,
    aliases: aliases.filter((a) => a.partyId === p.id).map((a) => a.alias),
    roles: roles.filter((r) => r.partyId === p.id).map((r) => r.title),
  }));
}
