/**
 * Who may create and edit a party or a source: anyone with `create:record` creates one; once
 * it is on the public site (a published or retracted claim shows it) only an editor changes it.
 * Services call these inside their transactions as well as routes before they render a form.
 */
import { can, type Actor } from '../auth/permissions.js';
import type { Db } from '../db.js';
import { Forbidden } from '../errors.js';

type Who = Actor | null | undefined;

export function recordPermissions(isPublic: (db: Db, id: number) => boolean, words: { plural: string; whenPublic: string }) {
  const mayEdit = (db: Db, actor: Who, id: number): boolean => can(actor, isPublic(db, id) ? 'edit:record:published' : 'edit:record:unpublished');
  return {
    mayEdit,
    assertMayCreate(actor: Who): void {
      if (!can(actor, 'create:record')) throw new Forbidden(`You cannot create ${words.plural}.`);
    },
    assertMayEdit(db: Db, actor: Who, id: number): void {
      if (mayEdit(db, actor, id)) return;
      throw new Forbidden(isPublic(db, id) ? words.whenPublic : `You cannot edit ${words.plural}.`);
    },
  };
}
