/**
 * Field checks shared by the record forms (parties, sources, stories, questions). Each check
 * takes the raw text a form sent, writes a plain-language message into an errors map keyed by
 * the field's name when something is wrong, and returns the normalised value. The rules mirror
 * the CHECK constraints in db/schema/story.ts, so a value that passes here never makes the
 * database refuse the write.
 */
import transliterate from '@sindresorhus/transliterate';

export type FieldErrors = Record<string, string>;

/** The slug rule of the schema's CHECK: a-z, 0-9 and dashes, starting with a letter or digit, ≤ 80. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
const SLUG_MAX = 80;

/**
 * "Boris Pistorius" → "boris-pistorius"; "Sénat français" → "senat-francais"; "Дмитрий Песков" →
 * "dmitriy-peskov"; '' when nothing is left. Accents are dropped first (as always, so existing
 * addresses do not change); what is still not Latin (Cyrillic, Greek, "Ł") is transliterated by
 * @sindresorhus/transliterate (issue 14: a Cyrillic name's slug was empty).
 */
export function slugify(text: string): string {
  // Only a Latin letter's accents are dropped: "й" keeps its breve for the transliteration ("y", not "i").
  const latin = text
    .normalize('NFKD')
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .replace(/ß/g, 'ss');
  return (/[^\x00-\x7f]/.test(latin) ? transliterate(latin) : latin)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/**
 * The slug to save: the one typed, or one derived from `source` (a name or title) when left
 * empty. Records an error and returns '' when neither gives a valid slug.
 */
export function checkSlug(errors: FieldErrors, field: string, raw: string, source: string, sourceLabel: string): string {
  const typed = raw.trim();
  if (typed === '') {
    const derived = slugify(source);
    if (derived === '' && !errors[field]) {
      errors[field] = `Enter a slug: the ${sourceLabel} has no letters a–z or digits to make one from.`;
    }
    return derived;
  }
  if (typed.length > SLUG_MAX) {
    errors[field] = `The slug is ${typed.length} characters long; keep it to ${SLUG_MAX} or fewer.`;
  } else if (!SLUG_PATTERN.test(typed)) {
    const suggestion = slugify(typed);
    errors[field] =
      'Use only lowercase letters a–z, digits and dashes, starting with a letter or digit' +
      (suggestion ? ` (for example “${suggestion}”).` : '.');
  }
  return typed;
}

/** Trimmed text; required and length rules. Line breaks are kept (descriptions, propositions). */
export function checkText(
  errors: FieldErrors,
  field: string,
  raw: string,
  rule: { label: string; required?: boolean; max: number; singleLine?: boolean },
): string {
  const value = rule.singleLine ? raw.replace(/\s+/g, ' ').trim() : raw.replace(/\r\n?/g, '\n').trim();
  if (rule.required && value === '') errors[field] = `Enter the ${rule.label}.`;
  else if (value.length > rule.max) {
    errors[field] = `The ${rule.label} is ${value.length} characters long; keep it to ${rule.max} or fewer.`;
  }
  return value;
}

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused). */
export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** An optional (or required) day: null when left empty. */
export function checkDay(
  errors: FieldErrors,
  field: string,
  raw: string,
  rule: { label: string; required?: boolean },
): string | null {
  const value = raw.trim();
  if (value === '') {
    if (rule.required) errors[field] = `Enter the ${rule.label} as YYYY-MM-DD.`;
    return null;
  }
  if (!isIsoDay(value)) {
    errors[field] = `Write the ${rule.label} as a real date, YYYY-MM-DD (for example 2024-03-05).`;
    return null;
  }
  return value;
}

/** One of the allowed values of a select. */
export function checkChoice<T extends string>(
  errors: FieldErrors,
  field: string,
  raw: string,
  allowed: readonly T[],
  message: string,
): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  errors[field] = message;
  return allowed[0]!;
}

/** The optional link of a source: an absolute http(s) URL, or null. */
export function checkUrl(errors: FieldErrors, field: string, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\//i.test(value)) {
    errors[field] = 'Enter a web address starting with https:// or http://, or leave it empty.';
    return null;
  }
  if (value.length > 2000) {
    errors[field] = 'The web address is longer than 2,000 characters.';
    return null;
  }
  // Stored as typed (minus surrounding space) apart from the scheme, which the CHECK wants lowercase.
  return value.replace(/^https?:/i, (scheme) => scheme.toLowerCase());
}

/** A whole number in a range, e.g. a question's position. */
export function checkInteger(
  errors: FieldErrors,
  field: string,
  raw: string,
  rule: { label: string; min: number; max: number },
): number {
  const value = raw.trim();
  if (!/^-?\d{1,9}$/.test(value) || Number(value) < rule.min || Number(value) > rule.max) {
    errors[field] = `Enter the ${rule.label} as a whole number from ${rule.min} to ${rule.max}.`;
    return rule.min;
  }
  return Number(value);
}

/** A positive safe integer written in plain digits ("abc", "-1", "1e3", "007" are not), or null. */
export function positiveInt(raw: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

/** The `version` a form was opened at; null when missing or not a positive integer. */
export function parseVersion(raw: string): number | null {
  const value = positiveInt(raw.trim());
  return value !== null && value < 1_000_000_000 ? value : null;
}

/** A search term for SQL LIKE with `ESCAPE '\'`: the user's % and _ match themselves. */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The optional note saved with the revision ("what changed and why"). */
export function checkComment(errors: FieldErrors, raw: string): string {
  return checkText(errors, 'comment', raw, { label: 'note on this change', max: 500, singleLine: true });
}

export function nowIso(): string {
  return new Date().toISOString();
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Alphabetical order as a reader expects it: accents and case do not push a name to the end. */
export function byLabel(a: string, b: string): number {
  return collator.compare(a, b);
}
