/**
 * Language tags (BCP 47) for sources, claims and renderings: checked and canonicalised with the
 * runtime's own Intl (ICU) rather than a pattern of ours. A tag must be well-formed
 * (Intl.getCanonicalLocales accepts it) and its primary language known to ICU (Intl.DisplayNames
 * names it), so a typo such as "xx" is refused instead of stored.
 */

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export type LanguageParse = { ok: true; tag: string } | { ok: false; message: string };

/** Check and canonicalise a language tag typed by a person ("DE-at" → "de-AT"). */
export function parseLanguageTag(input: string, field = 'language'): LanguageParse {
  const raw = input.trim();
  if (raw === '') return { ok: false, message: `The ${field} is missing: give a language tag such as “de”, “ru” or “en”.` };
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(raw)[0]!;
  } catch {
    return { ok: false, message: `The ${field} “${raw.slice(0, 40)}” is not a well-formed language tag (BCP 47, such as “de”, “ru” or “en-GB”).` };
  }
  if (tag.length > 35 || !names.of(primaryOf(tag))) {
    return { ok: false, message: `The ${field} “${raw.slice(0, 40)}” is not a language we know (use a tag such as “de”, “ru” or “en”).` };
  }
  return { ok: true, tag };
}

/** The tag, canonical, or throw: for our own data (fixtures), where a bad tag is a bug. */
export function languageTag(input: string): string {
  const parsed = parseLanguageTag(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.tag;
}

function primaryOf(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** "German" for "de"; the primary language's name, which is what a reader needs ("de-AT" → "German"). */
export function languageName(tag: string): string {
  return names.of(primaryOf(tag)) ?? tag;
}

/** Whether two tags are the same language for comparing and checking ("de" and "de-AT" are). */
export function sameLanguage(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && primaryOf(a) === primaryOf(b);
}

/** The `lang` attribute a text needs inside a page in `pageLanguage`, or undefined when it is the same. */
export function langAttribute(tag: string | null | undefined, pageLanguage = 'en'): string | undefined {
  if (!tag || sameLanguage(tag, pageLanguage)) return undefined;
  return tag;
}
