/**
 * Who the speakers of one article are, as they are met in order: a phrase names a known party
 * (unless it names someone else in full: "Alun Davies, an officer of the Acme union"), or an
 * unknown person or body by the text's words, where "Mr Grant" is the "Peter Grant" met before;
 * a pronoun or a bare quotation carries the last speaker.
 */
import { TITLES, namesParty, resolveParty, type KnownParty } from './party-match.js';
import { NAME_LIKE, type SpeakerRef } from './speaker-phrases.js';

export interface Speaker {
  partySlug: string | null;
  name: string;
}

/** Resolves the speakers of one article; it remembers the unknown names met so far. */
export function speakerResolver(parties: KnownParty[]): (ref: SpeakerRef, last: Speaker | null) => Speaker | null {
  const unknownNames: string[] = [];
  return (ref, last) => {
    if (ref.kind !== 'phrase') return last;
    const party = resolveParty(ref.phrase, parties);
    if (party && !namedSomeoneElse(ref, party, parties)) return { partySlug: party.slug, name: party.name };
    const display = ref.display.replace(/^(?:The|A|An) /, (m) => m.toLowerCase());
    const name = earlierName(display, unknownNames) ?? display;
    if (NAME_LIKE.test(name) && !unknownNames.includes(name)) unknownNames.push(name);
    return { partySlug: null, name };
  };
}

const LEADING_TITLES = new RegExp(`^(?:(?:${TITLES})\\.?\\s+)+`, 'i');

/** "Mr Grant" or "Grant" → the full name of an unknown speaker already met, if any. */
function earlierName(display: string, known: string[]): string | null {
  const surname = display.replace(LEADING_TITLES, '');
  if (!/^\p{Lu}[\p{L}’'-]+$/u.test(surname)) return null;
  return known.find((name) => name !== display && name.split(/\s+/).pop() === surname) ?? null;
}

/**
 * "Alun Davies, an officer of the Acme union": the party matched only the description, while the
 * speaker is a person named in full who is not a known party. That person is the speaker.
 */
function namedSomeoneElse(ref: { phrase: string; display: string }, party: KnownParty, parties: KnownParty[]): boolean {
  if (ref.display === ref.phrase || !NAME_LIKE.test(ref.display) || ref.display.split(/\s+/).length < 2) return false;
  if (resolveParty(ref.display, parties)) return false;
  return !namesParty(ref.display, party);
}
