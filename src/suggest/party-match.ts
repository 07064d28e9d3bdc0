/**
 * Which known party a phrase names: the party whose name, alias or role the phrase contains
 * (with or without "the" or a possessive: "Germany's defence minister"), or whose surname it
 * has after a title ("Lt Gen. Smith"); the longest match wins. A qualified role ("shadow
 * business secretary") is someone else's. Parties are looked up by word, so thousands of them
 * cost little.
 */
import transliterate from '@sindresorhus/transliterate';
import { containsWords, matchKey } from './match-key.js';

/** Names and aliases written in another script, as a Latin report spells them ("Мария Захарова" → "Mariya Zakharova"; issue 14). */
function inLatin(party: KnownParty): string[] {
  return [party.name, ...party.aliases].filter((s) => /[^\x00-\x7f]/.test(s)).map((s) => transliterate(s));
}

export interface KnownParty {
  slug: string;
  name: string;
  aliases: string[];
  roles: string[];
}

/** Personal titles, as they precede a name (lower case, as keys are). */
export const TITLES =
  "mr|mrs|ms|miss|mx|dr|prof|professor|lord|lady|baroness|baron|sir|dame|gen|general|lt|lieutenant|col|colonel|maj|major|capt|captain|adm|admiral|cdr|commander|brig|brigadier|president|chancellor|senator|sen|rep|governor|gov|judge|justice|rev|reverend|father|sheikh|king|queen|prince|princess|minister|secretary|ambassador|mayor|marshal";

/** The known party a phrase names, preferring the longest match (the first listed, on a tie). */
export function resolveParty(phrase: string, parties: KnownParty[]): KnownParty | null {
  if (parties.length === 0) return null;
  const p = matchKey(phrase);
  const core = withoutArticle(p);
  const index = partyIndex(parties);
  const candidates = new Set<KnownParty>();
  for (const word of p.split(' ')) for (const party of index.byWord.get(word) ?? []) candidates.add(party);
  let best: KnownParty | null = null;
  let strength = 0;
  for (const party of [...candidates].sort((a, b) => index.order.get(a)! - index.order.get(b)!)) {
    const s = matchStrength(p, core, party);
    if (s > strength) {
      best = party;
      strength = s;
    }
  }
  return best;
}

/** Whether a phrase names this party at all (by name, alias, role or titled surname). */
export function namesParty(phrase: string, party: KnownParty): boolean {
  const p = matchKey(phrase);
  return matchStrength(p, withoutArticle(p), party) > 0;
}

function withoutArticle(key: string): string {
  return key.replace(/^(?:the|a|an) /, '');
}

/** A name or role with and without a leading "the" / single-word possessive ("Germany's"). */
function keyVariants(s: string): string[] {
  const full = matchKey(s);
  const noThe = withoutArticle(full);
  const variants = new Set([full, noThe]);
  const possessive = /^[\p{L}]+'s (.+)$/u.exec(noThe);
  if (possessive?.[1] && possessive[1].split(' ').length >= 2) variants.add(possessive[1]);
  return [...variants].filter((v) => v.length > 1);
}

interface PartyKeys {
  /** normalised names, aliases and roles, with and without "the" / a possessive */
  variants: string[];
  surname: string;
  /** "<title> [one or two names] <surname>": compiled on first use (see titledPattern). */
  titled?: RegExp | null;
}

/** The party's "<title> … <surname>" pattern, compiled once and only for a party that needs it. */
function titledPattern(keys: PartyKeys): RegExp | null {
  if (keys.titled === undefined) {
    keys.titled = keys.surname.length > 1 ? new RegExp(`(?:^| )(?:${TITLES})(?: [\\p{L}']+){0,2} ${keys.surname}(?: |$)`, 'u') : null;
  }
  return keys.titled;
}

const partyKeysCache = new WeakMap<KnownParty, PartyKeys>();

function partyKeys(party: KnownParty): PartyKeys {
  const cached = partyKeysCache.get(party);
  if (cached) return cached;
  const variants = [party.name, ...party.aliases, ...party.roles, ...inLatin(party)].flatMap(keyVariants);
  const words = matchKey(party.name).split(' ');
  const surname = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  const keys: PartyKeys = { variants, surname };
  partyKeysCache.set(party, keys);
  return keys;
}

/** Words that make a role someone else's: the shadow minister is not the minister. */
const ROLE_QUALIFIERS = /(?:^| )(?:shadow|former|ex|deputy|vice|acting|junior|assistant|under|opposition|previous|future|incoming|outgoing) $/;

/** Whether `needle` occurs in `haystack` only after a qualifier ("shadow business secretary"). */
function qualified(haystack: string, needle: string): boolean {
  const padded = ` ${haystack} `;
  for (let at = padded.indexOf(` ${needle} `); at >= 0; at = padded.indexOf(` ${needle} `, at + 1)) {
    if (!ROLE_QUALIFIERS.test(padded.slice(0, at + 1))) return false;
  }
  return true;
}

/**
 * How strongly a phrase names a party: the length of the longest name, alias or role it contains.
 * `p` is the phrase's key, `core` the same without a leading article.
 */
function matchStrength(p: string, core: string, party: KnownParty): number {
  const keys = partyKeys(party);
  const { variants, surname } = keys;
  let best = 0;
  for (const v of variants) {
    if (core === v || (containsWords(p, v) && !qualified(p, v))) best = Math.max(best, v.length);
  }
  const title = surname !== '' && containsWords(p, surname) ? titledPattern(keys)?.exec(p) : null;
  if (title) best = Math.max(best, title[0].trim().length);
  if (surname !== '' && core === surname) best = Math.max(best, surname.length);
  return best;
}

/**
 * The parties that can match a phrase, by word: every way of matching (a name, alias or role the
 * phrase contains, a title with the surname) needs the variant's first word or the surname among
 * the phrase's words. With thousands of parties, only the few sharing a word are measured.
 */
type PartyIndex = { byWord: Map<string, KnownParty[]>; order: Map<KnownParty, number> };
const partyIndexCache = new WeakMap<KnownParty[], PartyIndex>();

function partyIndex(parties: KnownParty[]): PartyIndex {
  const cached = partyIndexCache.get(parties);
  if (cached) return cached;
  const byWord = new Map<string, KnownParty[]>();
  const order = new Map<KnownParty, number>();
  parties.forEach((party, position) => {
    order.set(party, position);
    const { variants, surname } = partyKeys(party);
    const words = new Set([...variants.map((v) => v.split(' ')[0] ?? ''), surname].filter((w) => w !== ''));
    for (const word of words) {
      const list = byWord.get(word);
      if (list) list.push(party);
      else byWord.set(word, [party]);
    }
  });
  const index = { byWord, order };
  partyIndexCache.set(parties, index);
  return index;
}
