/**
 * Who may do what, in one readable matrix. Permissions are strings `action:subject[:scope]`;
 * `:own` applies to records the user created, `:any` to all. Routes ask `can(user, permission,
 * record)`, and each service asks again inside its write's transaction; nothing else decides access.
 */
import type { ROLES } from '../../db/schema/desk.js';

export type Role = (typeof ROLES)[number];

const PERMISSIONS = [
  'view:desk',
  'create:claim',
  'edit:claim:own',
  'edit:claim:any',
  'submit:claim:own',
  'submit:claim:any',
  'review:claim',
  'publish:claim',
  'retract:claim',
  'restore:claim',
  'create:record',
  'edit:record:unpublished',
  'edit:record:published',
  'edit:story',
  'view:audit',
  'manage:users',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const JOURNALIST: Permission[] = [
  'view:desk',
  'create:claim',
  'edit:claim:own',
  'submit:claim:own',
  // Parties and sources a journalist creates; once a published claim uses them, editors only.
  'create:record',
  'edit:record:unpublished',
];

const EDITOR: Permission[] = [
  ...JOURNALIST,
  'edit:claim:any',
  'submit:claim:any',
  'review:claim',
  'publish:claim',
  'retract:claim',
  'restore:claim',
  'edit:record:published',
  'edit:story',
  'view:audit',
];

/** Admins run the newsroom's accounts; they also hold every editor's rights. */
const ADMIN: Permission[] = [...EDITOR, 'manage:users'];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  journalist: new Set(JOURNALIST),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

export type Actor = { id: number; role: Role };

/**
 * May `actor` do `permission`? For `:own` permissions pass the record's author; an `:any`
 * permission covers every record, an `:own` one only the actor's own.
 */
export function can(actor: Actor | null | undefined, permission: Permission, record?: { authorId: number | null }): boolean {
  if (!actor) return false;
  const granted = ROLE_PERMISSIONS[actor.role];
  if (!permission.endsWith(':own')) return granted.has(permission);
  // Asking for `edit:claim:own` is satisfied by `edit:claim:any`, or by `:own` on one's own record.
  if (granted.has(permission.replace(/:own$/, ':any') as Permission)) return true;
  return granted.has(permission) && record !== undefined && record.authorId === actor.id;
}
