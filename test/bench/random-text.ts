/**
 * Deterministic pseudo-random material for the synthetic newsroom: a seeded generator (sfc32) and
 * made-up words, names, sentences and paragraphs built from syllables. The same seed gives the
 * same newsroom on every machine; no text of any real article is used.
 */

export type Random = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** An item with the weight given beside it. */
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  chance: (p: number) => boolean;
  /** An index in [0, length) skewed towards 0: the first items come up far more often. */
  skewed: (length: number, power?: number) => number;
};

export function seededRandom(seed: string): Random {
  // xmur3 turns the seed string into the four words of sfc32's state.
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const word = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = word();
  let b = word();
  let c = word();
  let d = word();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    chance: (p) => next() < p,
    skewed: (length, power = 2) => Math.min(length - 1, Math.floor(length * next() ** power)),
  };
  return random;
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const SYLLABLE_COUNTS = [[1, 4], [2, 5], [3, 1.5], [4, 0.3]] as const;
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'nd', 'st', 'm', 'k', 'th'];

/** Made-up words and the sentences, names and paragraphs made of them. */
export type TextMaker = {
  word: () => string;
  /** A capitalised made-up name. */
  name: () => string;
  /** `count` words, the first capitalised, without final punctuation. */
  words: (count: number) => string;
  /** A sentence of `min`–`max` words ending with a full stop. */
  sentence: (min?: number, max?: number) => string;
  /** A paragraph of a few sentences. */
  paragraph: () => string;
};

export function textMaker(random: Random, vocabularySize = 4000): TextMaker {
  const syllable = () => random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
  const seen = new Set<string>();
  const vocabulary: string[] = [];
  const common = ['the', 'a', 'of', 'to', 'and', 'in', 'that', 'was', 'it', 'on', 'for', 'not', 'with', 'as', 'by', 'at', 'from', 'had', 'said', 'would', 'they', 'this', 'we', 'be', 'is', 'have', 'after', 'its', 'their', 'were'];
  for (const w of common) seen.add(w);
  while (vocabulary.length < vocabularySize) {
    const length = random.weighted(SYLLABLE_COUNTS);
    let w = '';
    for (let i = 0; i < length; i++) w += syllable();
    if (w.length < 2 || seen.has(w)) continue;
    seen.add(w);
    vocabulary.push(w);
  }
  // About a third of the words of prose are the common short ones. A table of 64 Ki entries
  // holds the skewed choice, so a word costs one random number (texts run to 100 MB).
  const table: string[] = [];
  for (let i = 0; i < 65536; i++) {
    const u = (i + 0.5) / 65536;
    table.push(u < 0.35 ? common[Math.floor(common.length * (u / 0.35) ** 1.5)]! : vocabulary[Math.floor(vocabulary.length * ((u - 0.35) / 0.65) ** 1.8)]!);
  }
  // Shuffled, so that neighbouring random numbers do not pick neighbouring words.
  for (let i = table.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [table[i], table[j]] = [table[j]!, table[i]!];
  }
  const word = () => table[(random.next() * 65536) | 0]!;
  const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  // Names come from the rarer end of the vocabulary, so they read as names, not as "The".
  const name = () => capitalise(vocabulary[random.int(100, vocabulary.length - 1)]!);
  const words = (count: number) => {
    let out = capitalise(word());
    for (let i = 1; i < count; i++) out += ` ${word()}`;
    return out;
  };
  const sentence = (min = 8, max = 22) => {
    const count = random.int(min, max);
    // A comma now and then, as in prose.
    const comma = count > 10 && random.chance(0.5) ? random.int(3, count - 4) : -1;
    let out = capitalise(word());
    for (let i = 1; i < count; i++) out += i === comma ? `, ${word()}` : ` ${word()}`;
    return `${out}.`;
  };
  const paragraph = () => {
    let out = sentence();
    const count = random.int(2, 6);
    for (let i = 1; i < count; i++) out += ` ${sentence()}`;
    return out;
  };
  return { word, name, words, sentence, paragraph };
}

/** Lower-case letters, digits and hyphens: the slugs the schema accepts. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A slug not used yet within `taken` (which it joins). */
export function uniqueSlug(base: string, taken: Set<string>): string {
  const stem = slugOf(base) || 'item';
  let slug = stem;
  for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`;
  taken.add(slug);
  return slug;
}

/** The ISO day `days` after `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  return new Date(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10)) + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (ISO days). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
