/**
 * Where something was said, from its attribution: a statement, a press conference, an interview
 * (with whom, if named), a programme ("BBC Radio 4's Today programme"), a post on a platform, a
 * speech, or the outlet a speaker told ("told Germany's Bild newspaper" → "Bild"). An audience
 * ("told reporters") or a person ("told Mr Smith") is not a venue, nor is a known party.
 */
import { TITLES, resolveParty, type KnownParty } from './party-match.js';

const CAPITAL_RUN = "\\p{Lu}[\\p{L}\\p{N}’'&.-]*(?:\\s+(?:of\\s+|the\\s+|and\\s+|&\\s+|for\\s+)?[\\p{Lu}\\p{N}][\\p{L}\\p{N}’'&.-]*)*";
const MEDIA_NOUNS = 'newspaper|paper|daily|magazine|broadcaster|channel|website|network|tabloid';
/** Words for an outlet put before its name. */
const OUTLET_KINDS = 'daily|weekly|newspaper|paper|magazine|broadcaster|channel|station|website|tabloid|news agency|agency|radio station|public broadcaster|state broadcaster';
/** "told the paper": the outlet named before. */
export const SAME_OUTLET = new RegExp(`\\b(?:told|tells|telling) (?:the|this) (?:${OUTLET_KINDS})\\b(?!\\s+\\p{Lu})`, 'u');
const VENUE_RULES: { pattern: RegExp; venue: (m: RegExpExecArray) => string }[] = [
  { pattern: /\bin an? (?:written |joint |brief |short )?statement\b/i, venue: () => 'statement' },
  { pattern: /\bat an? (press|news) conference\b/i, venue: (m) => `${(m[1] ?? 'press').toLowerCase()} conference` },
  {
    pattern: new RegExp(`\\b[Ii]n an? (?:\\p{L}+ )?interview with (?:the )?(${CAPITAL_RUN})`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  { pattern: /\bin an? (?:\p{L}+ )?interview\b/iu, venue: () => 'interview' },
  {
    pattern: new RegExp(`\\b(?:on|to) (?:the )?(${CAPITAL_RUN}(?:’s|'s)?(?:\\s+${CAPITAL_RUN})?\\s+(?:programme|program|show|podcast))`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  {
    pattern: new RegExp(`\\b(?:in a (?:post|message|video|tweet) on|wrote on|posted on) (${CAPITAL_RUN})`, 'u'),
    venue: (m) => m[1] ?? '',
  },
  { pattern: /\bin a speech\b/i, venue: () => 'speech' },
  {
    // "told the daily De Volkskrant", "told broadcaster NRK"
    pattern: new RegExp(`\\b(?:told|tells|telling) (?:the )?(?:${OUTLET_KINDS}) (${CAPITAL_RUN})`, 'u'),
    venue: (m) => cleanOutlet(m[1] ?? ''),
  },
  {
    pattern: new RegExp(`\\b(?:told|tells|telling) (?:the )?(${CAPITAL_RUN}(?:\\s+(?:${MEDIA_NOUNS}|radio|television|programme))?)`, 'u'),
    venue: (m) => cleanOutlet(m[1] ?? ''),
  },
];

const PERSON_TITLE = new RegExp(`^(?:${TITLES})\\.?\\s`, 'i');

/** "Germany’s Bild newspaper" → "Bild"; a person ("Mr Smith") is not a venue. */
function cleanOutlet(run: string): string {
  if (PERSON_TITLE.test(run)) return '';
  let outlet = run.replace(new RegExp(`\\s+(?:${MEDIA_NOUNS})$`), '');
  const possessive = /^\p{Lu}[\p{L}-]*[’']s\s+(.+)$/u.exec(outlet);
  if (possessive?.[1] && run !== outlet) outlet = possessive[1];
  return outlet.trim();
}

/** The earliest venue named in an attribution, or ''. */
export function findVenue(attribution: string, parties: KnownParty[]): string {
  let best: { at: number; venue: string } | null = null;
  for (const rule of VENUE_RULES) {
    const m = rule.pattern.exec(attribution);
    if (!m || (best && best.at <= m.index)) continue;
    const venue = rule.venue(m).trim().replace(/[.,;:]+$/, '');
    if (venue !== '' && !resolveParty(venue, parties)) best = { at: m.index, venue };
  }
  return best?.venue ?? '';
}
