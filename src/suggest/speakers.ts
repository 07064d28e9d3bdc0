/**
 * Who the speakers of one article are, as they are met in order. A phrase names a known party
 * (unless it names someone else in full: "Alun Davies, an officer of the Acme union"), or an
 * unknown person or body by the text's words, where:
 * - "Mr Grant" or "Grant" is the "Peter Grant" met before (as a speaker or anywhere in the text);
 * - "a spokeswoman for the ministry" / "a ministry spokesman" speaks for the ministry, the one
 *   last named ("the Ministry of Agriculture") when the text named one;
 * - "the minister", "the aide", "the spokesperson" is the person or body last met with that
 *   description ("The transport minister, Jane Doe, …");
 * - a pronoun is the most recent compatible person met: a speaker, or a person named as the
 *   subject of a sentence since ("Her landlord, Jo Bloggs, has offered …" then "…," he said);
 *   "he" and "she" skip people already known as the other; "they" prefers a body or a group.
 * A bare quotation carries the last speaker.
 */
import { TITLES, namesParty, resolveParty, type KnownParty } from './party-match.js';
import { NAME_LIKE, type SpeakerRef } from './speaker-phrases.js';
import { findVerbs } from './speech-verbs.js';
import { memoize } from '../lib/memo.js';

export interface Speaker {
  partySlug: string | null;
  name: string;
}

type Gender = 'm' | 'f' | null;

/** Someone met in the article: a speaker, or a person named as a sentence's subject. */
interface Entity {
  speaker: Speaker;
  /** the party's slug, or the name in lower case */
  key: string;
  /** the words it was described by, lower case, synonyms folded ("the transport minister, Jo Doe") */
  words: Set<string>;
  gender: Gender;
  person: boolean;
}

export interface ArticleSpeakers {
  /**
   * The speaker a reference names, given the last speaker; null when there is no one to carry.
   * `statement`, when given, lets "X will cut jobs, the company said" name X.
   */
  resolve(ref: SpeakerRef, last: Speaker | null, statement?: string): Speaker | null;
  /** Read a sentence (quotations masked) for the names and subjects it introduces. */
  meet(masked: string): void;
  /** The person the last sentence met opened with as its subject, if it did ("Her landlord, Jo Bloggs, has …"). */
  introduced(): Speaker | null;
}

const LEADING_TITLES = new RegExp(`^(?:(?:${TITLES}|sen|rep|dr|prof)\\.?\\s+)+`, 'i');
const PARTICLES = '(?:van|von|de|der|den|du|da|di|del|della|dos|das|le|la|al|el|bin|ibn|ter|ten|zu)';
const CAP_WORD = "\\p{Lu}[\\p{L}’'-]*\\.?";
/** Two or more capitalised words (particles and initials between): a person's or a body's name. */
const NAME_RUN = new RegExp(`${CAP_WORD}(?:\\s+(?:${PARTICLES}\\s+|(?:of|for|and|on)\\s+(?:the\\s+)?)*${CAP_WORD})+`, 'gu');
/** Capitalised words that open sentences or name days and months, never a person. */
const NOT_NAME_WORD =
  /^(?:The|A|An|In|On|At|For|But|And|As|If|When|While|After|Before|Since|This|That|These|Those|Its|His|Her|Their|Our|It|He|She|They|We|I|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Speaking|According|Asked|Meanwhile|However|Last|Next|Earlier|Later)$/;
/** Words that make a name a body's, not a person's. */
const BODY_WORDS =
  /^(?:manufacturer|maker|producer|supplier|developer|publisher|broadcaster|chain|firm|business|organisation|organization|operator|insurer|retailer|lender|carrier|regulator|watchdog|charity|ministry|department|office|council|board|agency|union|association|federation|chamber|institute|foundation|group|company|corporation|bank|commission|authority|court|police|hospital|university|college|school|trust|party|government|administration|committee|parliament|assembly|embassy|army|navy|force|forces|club|rovers|united|city|energy|capital|holdings|partners|securities|ltd|inc|plc|airline|airways|rail|news|times|post|radio|television|tv|press|agency|service|services|council's|kremlin|palace|house|street|watch|now|network)$/i;
const GROUP_WORDS = /^(?:authorities|police|officials|residents|people|sources|critics|campaigners|analysts|experts|investors|traders|villagers|passengers|workers|protesters|teachers|families|unions|researchers|scientists|economists|lawmakers|investigators|prosecutors|groups)$/i;
const MALE = /^(?:mr|sir|lord|father|son|grandson|brother|husband|uncle|spokesman|chairman|king|prince|boy|man|baron)$/i;
const FEMALE = /^(?:mrs|ms|miss|dame|lady|baroness|mother|daughter|granddaughter|sister|wife|aunt|spokeswoman|chairwoman|queen|princess|girl|woman)$/i;
const SYNONYMS: Record<string, string> = {
  spokesman: 'spokesperson',
  spokeswoman: 'spokesperson',
  spokespeople: 'spokesperson',
  defense: 'defence',
  chairman: 'chair',
  chairwoman: 'chair',
  chairperson: 'chair',
  'editor-in-chief': 'editor',
  minister: 'minister',
  organization: 'organisation',
};

const foldWord = memoize(foldUncached, 10_000);

function foldUncached(w: string): string {
  const lower = w.toLowerCase().replace(/[’]/g, "'").replace(/'s$/, '').replace(/[.,;:]+$/, '');
  return SYNONYMS[lower] ?? lower;
}

const wordsOf = memoize((s: string): string[] => s.split(/[\s,()]+/).filter(Boolean).map(foldWord), 5000);

function genderOf(words: string[]): Gender {
  if (words.some((w) => MALE.test(w))) return 'm';
  if (words.some((w) => FEMALE.test(w))) return 'f';
  return null;
}

/** "Sen. Jo Doe, D-Ore." / "Jo Doe (R-Texas)" → without the party and state. */
function withoutPartyState(name: string): string {
  return name.replace(/\s*\((?:[DRI]|Dem|Rep|Ind)-[^)]*\)/g, '').replace(/,\s*[DRI]-\p{Lu}[\p{L}.]*(?:\s?\p{Lu}[\p{L}.]*)?,?\s*$/u, '').trim();
}

const POSSESSIVE_LEAD = new RegExp(`^(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur)\\s+(?:[\\p{Ll}’'-]+\\s+)+(${CAP_WORD}(?:\\s+(?:${PARTICLES}\\s+)*${CAP_WORD})*)$`, 'u');

/** "Her neighbour Jo Bloggs" → "Jo Bloggs": a possessive description before a name is not the name. */
function withoutPossessiveLead(name: string): string {
  const m = POSSESSIVE_LEAD.exec(name);
  return m?.[1] ?? name;
}

/** "a spokeswoman for the ministry" / "A ministry spokesman" → the body spoken for. */
/** What "the company" can stand for in "X will cut jobs, the company said". */
const COMPANY_WORDS = /^(?:company|firm|group|bank|carrier|airline|retailer|insurer|lender|business|club|manufacturer|maker|chain|operator)$/;
/** A statement opening with a name and its verb: "Brightline Rail will cut …", "Torvane has agreed …". */
const STATEMENT_SUBJECT = new RegExp(`^(${CAP_WORD}(?:\\s+(?:&\\s+|(?:of|for|and)\\s+)?${CAP_WORD}){0,4})\\s+(?:will|would|has|have|had|is|are|was|were|plans|expects|intends|aims|wants|cut|cuts|announced|reported|said)\\b`, 'u');
const PERSON_SPOKES = /^(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*)['’]s\s+spokes(?:person|man|woman)$/u;
const SPOKES_FOR = /^(?:an?|the)\s+(?:[\p{L}-]+\s+)?spokes(?:person|man|woman)\s+(?:for|of|at)\s+(.+)$/iu;
const BODY_SPOKES = /^(?:an?|the)\s+(.+?)\s+spokes(?:person|man|woman)$/iu;
/** "the council's monthly report" → the council: a body's document speaks for it. */
const OWNED_DOCUMENT =
  /^((?:the\s+)?[\p{L}\s-]+?)['’]s\s+(?:[\p{Ll}-]+\s+)*(?:report|study|survey|findings|statement|letter|filing|analysis|data|figures|review|website|accounts|assessment|memo|note)$/u;
/** "the minister", "the Dutch minister", "the aide": a description of someone met before. */
const DEFINITE = /^[Tt]he\s+((?:[\p{L}’'-]+\s+){0,3}[\p{Ll}’'-]+)$/u;

export function articleSpeakers(parties: KnownParty[]): ArticleSpeakers {
  const unknownNames: string[] = [];
  /** full names met anywhere in the text, latest last */
  const namesMet: string[] = [];
  const namesSeen = new Set<string>();
  /** sentences met but not yet read for names: read only when a name is looked up (most never are) */
  const unread: string[] = [];
  const readNames = (): string[] => {
    for (const masked of unread) {
      for (const m of masked.matchAll(NAME_RUN)) {
        const words = m[0].split(/\s+/);
        while (words.length > 0 && NOT_NAME_WORD.test(words[0] ?? '')) words.shift();
        if (words.length < 2 || words.some((w) => NOT_NAME_WORD.test(w))) continue;
        const name = words.join(' ').replace(/[.,]$/, '');
        if (!namesSeen.has(name)) {
          namesSeen.add(name);
          namesMet.push(name);
        }
      }
    }
    unread.length = 0;
    return namesMet;
  };
  /** The latest name met that has this word ("ministry" → "Ministry of Fisheries"). */
  const latestNameWith = (head: string): string | undefined => {
    readNames();
    for (let i = namesMet.length - 1; i >= 0; i--) {
      const n = namesMet[i] ?? '';
      if (wordsOf(n).includes(head)) return n;
    }
    return undefined;
  };
  /** entities, most recent first */
  const entities: Entity[] = [];
  let lastIntroduced: Speaker | null = null;

  const remember = (speaker: Speaker, described: string, gender: Gender = null): Entity => {
    const key = speaker.partySlug ?? speaker.name.toLowerCase();
    const at = entities.findIndex((e) => e.key === key);
    const words = wordsOf(`${described} ${speaker.name}`);
    const raw = `${described} ${speaker.name}`.toLowerCase().split(/[\s,()]+/);
    const found = at >= 0 ? entities.splice(at, 1)[0] : undefined;
    const entity: Entity = found ?? { speaker, key, words: new Set(), gender: null, person: true };
    let added = false;
    for (const w of words) {
      if (entity.words.has(w)) continue;
      entity.words.add(w);
      added = true;
    }
    entity.gender = entity.gender ?? gender ?? genderOf(raw);
    if (!found || added) entity.person = isPerson(speaker.name, [...entity.words]);
    entities.unshift(entity);
    return entity;
  };

  /** The entity last met whose description has all these words. */
  const described = (words: string[]): Entity | null =>
    entities.find((e) => words.length > 0 && words.every((w) => e.words.has(w))) ?? null;

  /** The name of a body spoken for: the one last named if the text says only "the ministry". */
  const bodyName = (body: string): string => {
    const core = body.replace(/^(?:the|a|an)\s+/i, '');
    if (/^[\p{Ll}\s’'-]+$/u.test(core)) {
      const words = wordsOf(core);
      const named = described(words);
      if (named) return named.speaker.name;
      const head = words[words.length - 1] ?? '';
      const run = latestNameWith(head);
      if (run) return run;
      return `the ${core}`;
    }
    return body;
  };

  const resolvePhrase = (ref: { phrase: string; display: string }, statement = ''): Speaker => {
    const party = resolveParty(ref.phrase, parties);
    if (party && !namedSomeoneElse(ref, party, parties)) return { partySlug: party.slug, name: party.name };
    let display = withoutPossessiveLead(withoutPartyState(ref.display));
    // "Jo Doe's spokesman": the spokesman speaks for Jo Doe.
    const owner = PERSON_SPOKES.exec(display);
    if (owner?.[1]) return resolvePhrase({ phrase: owner[1], display: owner[1] });
    const spokes = SPOKES_FOR.exec(display) ?? (NAME_LIKE.test(display) ? null : BODY_SPOKES.exec(display));
    if (spokes?.[1] && !/^(?:a|an|the)\s+\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(display)) {
      const body = bodyName(spokes[1]);
      const bodyParty = resolveParty(body, parties);
      return bodyParty ? { partySlug: bodyParty.slug, name: bodyParty.name } : { partySlug: null, name: body };
    }
    const document = OWNED_DOCUMENT.exec(display);
    if (document?.[1]) {
      const owner = bodyName(document[1]);
      const ownerParty = resolveParty(owner, parties);
      return ownerParty ? { partySlug: ownerParty.slug, name: ownerParty.name } : { partySlug: null, name: owner };
    }
    const definite = DEFINITE.exec(display);
    if (definite?.[1]) {
      const words = wordsOf(definite[1]);
      // "Brightline Rail will cut jobs, the company said": the statement's own subject.
      const subject = words.length === 1 && COMPANY_WORDS.test(words[0] ?? '') ? STATEMENT_SUBJECT.exec(statement) : null;
      if (subject?.[1] && subject[1].includes(' ') && !NOT_NAME_WORD.test(subject[1].split(/\s+/)[0] ?? '')) return { partySlug: null, name: subject[1] };
      const met = described(words);
      if (met) return met.speaker;
      const head = words[words.length - 1] ?? '';
      if (BODY_WORDS.test(head)) {
        const run = latestNameWith(head);
        if (run) return { partySlug: null, name: run };
      }
    }
    display = display.replace(/^(?:The|A|An) /, (m) => m.toLowerCase());
    const name = earlierName(display, unknownNames) ?? (SURNAME.test(display.replace(LEADING_TITLES, '')) ? earlierName(display, readNames()) : null) ?? display;
    if (NAME_LIKE.test(name) && !unknownNames.includes(name)) unknownNames.push(name);
    return { partySlug: null, name };
  };

  return {
    resolve(ref, last, statement) {
      if (ref.kind === 'previous') return last;
      if (ref.kind === 'pronoun') {
        const word = ref.word ?? '';
        if (word === 'it') {
          // A body met before (the last one); never a person.
          const body = entities.find((e) => !e.person);
          if (!body) return null;
          remember(body.speaker, '');
          return body.speaker;
        }
        const gender: Gender = word === 'he' ? 'm' : word === 'she' ? 'f' : null;
        const pick =
          word === 'they'
            ? (entities.find((e) => !e.person) ?? null)
            : (entities.find((e) => e.person && (e.gender === null || gender === null || e.gender === gender)) ?? null);
        const lastEntity = last ? entities.find((e) => sameSpeaker(e.speaker, last)) : undefined;
        // Nobody compatible met since the last speaker: the last speaker goes on.
        const chosen = pick && (!lastEntity || entities.indexOf(pick) <= entities.indexOf(lastEntity)) ? pick : lastEntity;
        if (!chosen) return last;
        if (gender && chosen.person && chosen.gender === null) chosen.gender = gender;
        remember(chosen.speaker, '');
        return chosen.speaker;
      }
      const speaker = resolvePhrase(ref, statement);
      remember(speaker, ref.phrase);
      return speaker;
    },

    meet(masked) {
      unread.push(masked);
      lastIntroduced = null;
      const subject = subjectMention(masked);
      if (!subject) return;
      const party = resolveParty(subject.name, parties);
      if (party) lastIntroduced = remember({ partySlug: party.slug, name: party.name }, subject.described).speaker;
      else {
        const name = earlierName(subject.name, unknownNames) ?? subject.name;
        if (isPerson(name, wordsOf(subject.described))) lastIntroduced = remember({ partySlug: null, name }, subject.described).speaker;
      }
    },

    introduced() {
      return lastIntroduced;
    },
  };
}

function sameSpeaker(a: Speaker, b: Speaker): boolean {
  return a.partySlug !== null ? a.partySlug === b.partySlug : b.partySlug === null && a.name === b.name;
}

/** A person, not a body or a group: no body word, and a name or a person's description. */
function isPerson(name: string, words: string[]): boolean {
  const nameWords = name.split(/\s+/).map(foldWord);
  if (nameWords.some((w) => BODY_WORDS.test(w) || GROUP_WORDS.test(w))) return false;
  // "The manufacturer, Agrovex": a one-word name described as a body is a body.
  if (nameWords.length === 1 && words.some((w) => BODY_WORDS.test(w))) return false;
  if (NAME_LIKE.test(name.replace(LEADING_TITLES, ''))) return true;
  return !words.some((w) => BODY_WORDS.test(w) || GROUP_WORDS.test(w));
}

const LEAD = /^(?:\d{1,2}[:.]\d{2}\s+|(?:and|but|meanwhile|however|later|earlier|then|now|separately),?\s+)*/i;

/**
 * The person a sentence opens with as its subject, if any: "Her landlord, Jo Bloggs, has …",
 * "Jo Bloggs, a lawyer, was …", "Environmental campaigner Jo Bloggs welcomed …".
 */
function subjectMention(masked: string): { name: string; described: string } | null {
  const text = masked.replace(LEAD, '');
  const found = mentionAt(text);
  if (found) return found;
  // "For twenty years, Jo Bloggs has run …": past a short opening adverbial.
  const adverbial = /^[^,]{1,40},\s+/.exec(text);
  return adverbial ? mentionAt(text.slice(adverbial[0].length)) : null;
}

const APPOSITION_OPENING = /^([^,]{2,80}),\s+([^,]{2,80}),\s+\p{Ll}/u;
const NAME_OPENING = new RegExp(`^((?:[\\p{L}’'-]+\\s+){0,4}?)(${CAP_WORD}(?:\\s+(?:${PARTICLES}\\s+)*${CAP_WORD})+)\\s+\\p{Ll}`, 'u');

function mentionAt(text: string): { name: string; described: string } | null {
  const apposition = APPOSITION_OPENING.exec(text);
  if (apposition) {
    const [a = '', b = ''] = [apposition[1]?.trim(), apposition[2]?.trim()];
    if (NAME_LIKE.test(withoutTitles(b)) && !NAME_LIKE.test(a)) return { name: b, described: a };
    if (NAME_LIKE.test(withoutTitles(a)) && !NAME_LIKE.test(b)) return { name: a, described: b };
  }
  const leading = NAME_OPENING.exec(text);
  if (leading?.[2] && !/^(?:he|she|they|it|we|i|you)\b/i.test(leading[1] ?? '') && findVerbs(leading[1] ?? '').length === 0 && !/[’']s$/.test(leading[2])) {
    const words = leading[2].split(/\s+/);
    while (words.length > 0 && NOT_NAME_WORD.test(words[0] ?? '')) words.shift();
    if (words.length >= 2) return { name: words.join(' '), described: leading[1] ?? '' };
  }
  return null;
}

function withoutTitles(s: string): string {
  return s.replace(LEADING_TITLES, '');
}

const SURNAME = new RegExp(`^(?:${PARTICLES}\\s+)*\\p{Lu}[\\p{L}’'-]+$`, 'u');

/** "Mr Grant", "Grant" or "van Aalst" → the full name of someone already met, if any. */
function earlierName(display: string, known: string[]): string | null {
  const surname = display.replace(LEADING_TITLES, '');
  if (!SURNAME.test(surname)) return null;
  for (let i = known.length - 1; i >= 0; i--) {
    const name = known[i] ?? '';
    if (name !== display && name.endsWith(` ${surname}`) && name.split(/\s+/).length > surname.split(/\s+/).length) return name;
  }
  return null;
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
