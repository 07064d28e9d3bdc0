/** Helpers shared by the claim suggester's tests: a one-line summary of a suggestion, and a party. */
import type { KnownParty, Suggestion } from '../../src/suggest/suggest.js';

/** The fields a test usually compares, in one line per suggestion. */
export function brief(s: Suggestion): string {
  const who = s.speaker.partySlug ?? `?${s.speaker.name}`;
  const venue = s.venue ? ` @${s.venue}` : '';
  return `${who} | ${s.form} | ${s.saidOn} ${s.datePrecision}${venue} | ${s.statement}`;
}

export function party(slug: string, name: string, aliases: string[] = [], roles: string[] = []): KnownParty {
  return { slug, name, aliases, roles };
}
