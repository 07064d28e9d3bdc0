/**
 * The party form: its values exactly as typed (so a refused save shows them again), and their
 * validation into a PartyInput with a message per field. Roles are repeated rows — `role_title`,
 * `role_status`, `role_from`, `role_until` sent once per row — zipped by index; a row with no
 * title and no dates is blank and ignored. Aliases are one per line. Only these fields are read:
 * id, version, timestamps and authorship never come from the body.
 */
import { Invalid } from '../errors.js';
import * as t from '../../db/schema/index.js';
import { many, one, type FormData } from '../http/form.js';
import { checkChoice, checkDay, checkSlug, checkText, type FieldErrors } from '../lib/fields.js';

type PartyKind = (typeof t.PARTY_KINDS)[number];
type RoleStatus = (typeof t.ROLE_STATUSES)[number];

export type RoleRow = { title: string; status: string; from: string; until: string };

export type PartyFormValues = {
  name: string;
  slug: string;
  kind: string;
  description: string;
  aliases: string;
  roles: RoleRow[];
  comment: string;
};

export type PartyRoleInput = { title: string; status: RoleStatus; heldFrom: string | null; heldUntil: string | null };

export type PartyInput = {
  name: string;
  slug: string;
  kind: PartyKind;
  description: string;
  roles: PartyRoleInput[];
  aliases: string[];
};

const PARTY_LIMITS = { name: 200, description: 5000, roleTitle: 200, roles: 50, alias: 200, aliases: 50 };

export function emptyPartyForm(): PartyFormValues {
  return { name: '', slug: '', kind: 'person', description: '', aliases: '', roles: [], comment: '' };
}

export function blankRole(): RoleRow {
  return { title: '', status: 'current', from: '', until: '' };
}

function isBlankRole(row: RoleRow): boolean {
  return row.title.trim() === '' && row.from.trim() === '' && row.until.trim() === '';
}

export function readPartyForm(form: FormData): PartyFormValues {
  const titles = many(form, 'role_title');
  const statuses = many(form, 'role_status');
  const froms = many(form, 'role_from');
  const untils = many(form, 'role_until');
  const count = Math.max(titles.length, statuses.length, froms.length, untils.length);
  // Thousands of rows are no party's roles: refused before they reach a query or a page.
  if (count > PARTY_LIMITS.roles + 10) throw new Invalid(`A party can have at most ${PARTY_LIMITS.roles} roles.`);
  const roles: RoleRow[] = [];
  for (let i = 0; i < count; i++) {
    const row = { title: titles[i] ?? '', status: statuses[i] ?? 'current', from: froms[i] ?? '', until: untils[i] ?? '' };
    if (!isBlankRole(row)) roles.push(row);
  }
  return {
    name: one(form, 'name'),
    slug: one(form, 'slug'),
    kind: one(form, 'kind'),
    description: one(form, 'description'),
    aliases: one(form, 'aliases'),
    roles,
    comment: one(form, 'comment'),
  };
}

/** Errors of role row i are keyed `role_title-i` etc., matching the ids the form gives the fields. */
export function roleField(name: 'role_title' | 'role_status' | 'role_from' | 'role_until', index: number): string {
  return `${name}-${index}`;
}

export function validateParty(values: PartyFormValues): { input: PartyInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = checkText(errors, 'name', values.name, { label: 'name', required: true, max: PARTY_LIMITS.name, singleLine: true });
  const slug = checkSlug(errors, 'slug', values.slug, name, 'name');
  const kind = checkChoice(errors, 'kind', values.kind, t.PARTY_KINDS, 'Choose what kind of party this is.');
  const description = checkText(errors, 'description', values.description, {
    label: 'description',
    max: PARTY_LIMITS.description,
  });

  if (values.roles.length > PARTY_LIMITS.roles) {
    errors[roleField('role_title', PARTY_LIMITS.roles)] = `A party can have at most ${PARTY_LIMITS.roles} roles.`;
  }
  const roles = values.roles.slice(0, PARTY_LIMITS.roles).map((row, i): PartyRoleInput => {
    const n = i + 1;
    const title = checkText(errors, roleField('role_title', i), row.title, {
      label: `title of role ${n}`,
      required: true,
      max: PARTY_LIMITS.roleTitle,
      singleLine: true,
    });
    const status = checkChoice(errors, roleField('role_status', i), row.status, t.ROLE_STATUSES, `Say whether role ${n} is current or former.`);
    const heldFrom = checkDay(errors, roleField('role_from', i), row.from, { label: `start of role ${n}` });
    const heldUntil = checkDay(errors, roleField('role_until', i), row.until, { label: `end of role ${n}` });
    if (heldFrom && heldUntil && heldUntil < heldFrom) {
      errors[roleField('role_until', i)] = `Role ${n} cannot end (${heldUntil}) before it starts (${heldFrom}).`;
    }
    return { title, status, heldFrom, heldUntil };
  });

  const aliases: string[] = [];
  const seen = new Set<string>();
  for (const line of values.aliases.split(/\r\n?|\n/)) {
    const alias = line.replace(/\s+/g, ' ').trim();
    if (alias === '' || seen.has(alias)) continue;
    seen.add(alias);
    if (alias.length > PARTY_LIMITS.alias) {
      errors.aliases = `Each alias must be ${PARTY_LIMITS.alias} characters or fewer.`;
      continue;
    }
    aliases.push(alias);
  }
  if (aliases.length > PARTY_LIMITS.aliases) errors.aliases = `A party can have at most ${PARTY_LIMITS.aliases} aliases.`;

  return { input: { name, slug, kind, description, roles, aliases }, errors };
}
