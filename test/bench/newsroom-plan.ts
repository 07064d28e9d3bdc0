/**
 * The synthetic newsroom as plain data, before anything is written: stories with their questions
 * and casts, parties with roles and aliases, sources, and claims with their stances, citations and
 * the sentences each cited source must contain (so that quotes are found where a journalist would
 * have found them). Sizes follow the number of published claims: 100,000 claims give 300 stories,
 * 3,000 parties and 20,000 sources, one story with over 2,000 claims and one party with over 500.
 */
import * as t from '../../db/schema/index.js';
import { addDays, daysBetween, seededRandom, textMaker, uniqueSlug, type Random, type TextMaker } from './random-text.js';

type Of<T extends readonly string[]> = T[number];

export type NewsroomSize = {
  published: number;
  stories: number;
  parties: number;
  sources: number;
  /** Published claims with a correction (part of `published`). */
  corrections: number;
  /** Retracted claims, besides the published ones. */
  retractions: number;
  /** Claims waiting for an editor, besides the published ones: what the benchmark publishes. */
  inReview: number;
  /** Published claims of the largest story and of the most prolific party. */
  largestStory: number;
  prolificParty: number;
};

/** The counts for `published` claims: 100,000 is the newsroom the benchmark is sized for. */
export function newsroomSize(published: number): NewsroomSize {
  if (!Number.isInteger(published) || published < 20) throw new Error('A newsroom needs at least 20 published claims.');
  const scale = published / 100_000;
  const stories = Math.max(2, Math.round(300 * scale));
  const parties = Math.max(12, Math.round(3000 * scale));
  // One story far larger than the rest and one party far busier: 2.2 % and 0.6 % at full size,
  // a larger share in a small newsroom so that they still stand out.
  const largestStory = Math.ceil(published * Math.min(0.6, Math.max(0.022, 2.5 / stories)));
  const prolificParty = Math.ceil(published * Math.min(0.2, Math.max(0.006, 15 / parties)));
  return {
    published,
    stories,
    parties,
    sources: Math.max(10, Math.round(20_000 * scale)),
    corrections: Math.max(3, Math.round(300 * scale)),
    retractions: Math.max(2, Math.round(60 * scale)),
    inReview: Math.max(12, Math.round(300 * scale)),
    largestStory,
    prolificParty,
  };
}

export type PlannedParty = {
  slug: string;
  name: string;
  kind: Of<typeof t.PARTY_KINDS>;
  description: string;
  roles: { title: string; status: Of<typeof t.ROLE_STATUSES>; heldFrom: string | null; heldUntil: string | null }[];
  aliases: string[];
};

export type PlannedStory = {
  slug: string;
  title: string;
  summaryMd: string;
  startsOn: string;
  endsOn: string | null;
  questions: { slug: string; proposition: string; shortLabel: string }[];
  /** Party indexes with what they did in the story. */
  cast: { party: number; involvement: string }[];
  /** Source indexes the story's claims cite. */
  sources: number[];
};

export type PlannedSource = {
  title: string;
  publisher: string;
  author: string | null;
  url: string | null;
  publishedOn: string;
  kind: Of<typeof t.SOURCE_KINDS>;
  description: string;
  /** Sentences the archived text must contain: the passages its citations point at. */
  passages: string[];
};

export type ClaimFate = 'published' | 'corrected' | 'retracted' | 'in_review';

export type PlannedClaim = {
  story: number;
  party: number;
  fate: ClaimFate;
  statement: string;
  form: Of<typeof t.CLAIM_FORMS>;
  type: Of<typeof t.CLAIM_TYPES>;
  saidOn: string;
  datePrecision: Of<typeof t.DATE_PRECISIONS>;
  venue: string;
  rating: Of<typeof t.RATINGS>;
  /** The rating before the correction, for a corrected claim. */
  ratingBefore: Of<typeof t.RATINGS> | null;
  ratingExplanationMd: string;
  /** Question indexes within the story. */
  stances: { question: number; position: Of<typeof t.STANCE_POSITIONS>; note: string }[];
  citations: { source: number; role: Of<typeof t.CITATION_ROLES>; passage: string }[];
};

export type NewsroomPlan = {
  size: NewsroomSize;
  parties: PlannedParty[];
  stories: PlannedStory[];
  sources: PlannedSource[];
  claims: PlannedClaim[];
  /** Index of the party with the most published claims, and of the story with the most. */
  prolificParty: number;
  largestStory: number;
};

const RATING_WEIGHTS = [
  ['confirmed', 15],
  ['partly_supported', 15],
  ['unverified', 35],
  ['disputed', 15],
  ['false', 10],
  ['not_applicable', 5],
] as const;
const VENUES = ['Press conference in', 'Interview with', 'Statement to', 'Remarks at the summit in', 'Post on the account of', 'Briefing in'];
const ROLE_TITLES = ['Minister of', 'Spokesperson for', 'Head of', 'Director of', 'Chair of the committee on', 'Ambassador to', 'Deputy leader of', 'Editor of'];
const INVOLVEMENTS = ['Made the first statement', 'Denied the report', 'Commissioned the inquiry', 'Published the recording', 'Was named in the documents', 'Responded for the government', 'Called for an investigation'];

/**
 * Split `total` into `count` parts in proportion to `weights` (largest remainder), each at least `min`.
 */
function apportion(total: number, weights: number[], min = 1): number[] {
  const free = total - min * weights.length;
  if (free < 0) throw new Error(`cannot give ${weights.length} parts at least ${min} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (free * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = free - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts.map((p) => p + min);
}

function planParties(random: Random, text: TextMaker, count: number): PlannedParty[] {
  const slugs = new Set<string>();
  const parties: PlannedParty[] = [];
  for (let i = 0; i < count; i++) {
    // The prolific party (index 0) is a person, like most speakers.
    const kind = i === 0 ? 'person' : random.weighted([['person', 70], ['office', 12], ['organisation', 12], ['outlet', 6]] as const);
    const first = text.name();
    const last = text.name();
    const name =
      kind === 'person' ? `${first} ${last}` : kind === 'office' ? `Ministry of ${last}` : kind === 'outlet' ? `The ${last} ${random.pick(['Herald', 'Courier', 'Post'])}` : `${last} ${random.pick(['Institute', 'Group', 'Council', 'Foundation'])}`;
    const roles: PlannedParty['roles'] = [];
    if (kind === 'person') {
      const roleCount = random.int(1, 3);
      let from = addDays('2004-01-01', random.int(0, 3000));
      for (let r = 0; r < roleCount; r++) {
        const last = r === roleCount - 1;
        const until = last ? null : addDays(from, random.int(200, 1500));
        const knownDates = random.chance(0.7);
        roles.push({
          title: `${random.pick(ROLE_TITLES)} ${text.name()}`,
          status: last && random.chance(0.75) ? 'current' : 'former',
          heldFrom: knownDates ? from : null,
          heldUntil: knownDates ? until : null,
        });
        if (until) from = addDays(until, random.int(1, 200));
      }
    }
    const aliases: string[] = [];
    if (kind === 'person' && random.chance(0.35)) {
      aliases.push(`${random.pick(['Mr', 'Ms', 'Dr'])} ${last}`);
      if (random.chance(0.3)) aliases.push(`${first.charAt(0)}. ${last}`);
    }
    parties.push({ slug: uniqueSlug(name, slugs), name, kind, description: random.chance(0.6) ? text.sentence(8, 18) : '', roles, aliases });
  }
  return parties;
}

function planStories(random: Random, text: TextMaker, size: NewsroomSize): PlannedStory[] {
  const slugs = new Set<string>();
  const stories: PlannedStory[] = [];
  for (let i = 0; i < size.stories; i++) {
    const title = `The ${text.name()} ${random.pick(['affair', 'leak', 'files', 'inquiry', 'dispute', 'recording'])}`;
    const startsOn = addDays('2012-01-01', random.int(0, 4900));
    const questionSlugs = new Set<string>();
    const questions = Array.from({ length: random.int(5, 8) }, () => {
      const shortLabel = text.words(random.int(2, 4));
      return { slug: uniqueSlug(shortLabel, questionSlugs), proposition: text.sentence(7, 16), shortLabel };
    });
    stories.push({
      slug: uniqueSlug(title, slugs),
      title,
      summaryMd: `${text.paragraph()}\n\n${text.sentence()} **${text.words(3)}** ${text.sentence()}`,
      startsOn,
      endsOn: random.chance(0.8) ? addDays(startsOn, random.int(20, 600)) : null,
      questions,
      cast: [],
      sources: [],
    });
  }
  return stories;
}

/** Every party in at least one cast (round robin over a shuffle), the prolific one in several. */
function planCasts(random: Random, stories: PlannedStory[], partyCount: number, largest: number): number[] {
  const order = Array.from({ length: partyCount - 1 }, (_, i) => i + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  const prolificStories = [largest, ...stories.map((_, i) => i).filter((i) => i !== largest).slice(0, 9)];
  stories.forEach((story, s) => {
    const wanted = Math.min(partyCount - 1, s === largest ? 40 : random.int(10, 20));
    const members = new Set<number>();
    if (prolificStories.includes(s)) members.add(0);
    while (members.size < wanted + (members.has(0) ? 1 : 0)) members.add(order[next++ % order.length]!);
    story.cast = [...members].map((party) => ({ party, involvement: random.chance(0.5) ? random.pick(INVOLVEMENTS) : '' }));
  });
  return prolificStories;
}

function planSources(random: Random, text: TextMaker, stories: PlannedStory[], weights: number[], count: number): PlannedSource[] {
  const publishers = Array.from({ length: 40 }, () => `The ${text.name()} ${random.pick(['Times', 'Chronicle', 'Observer', 'Dispatch', 'Gazette', 'Wire'])}`);
  const perStory = apportion(count, weights);
  const sources: PlannedSource[] = [];
  stories.forEach((story, s) => {
    for (let k = 0; k < perStory[s]!; k++) {
      const publisher = random.pick(publishers);
      const title = `${text.words(random.int(5, 10))}`;
      const publishedOn = addDays(story.startsOn, random.int(0, 400));
      const id = sources.length + 1;
      story.sources.push(sources.length);
      sources.push({
        title,
        publisher,
        author: random.chance(0.7) ? `${text.name()} ${text.name()}` : null,
        url: random.chance(0.9) ? `https://${publisher.toLowerCase().replace(/[^a-z]+/g, '')}.example/${publishedOn.slice(0, 4)}/${id}` : null,
        publishedOn,
        kind: random.weighted([['news_report', 50], ['interview', 12], ['official_statement', 15], ['primary_record', 8], ['leaked_material', 7], ['state_media', 8]] as const),
        description: random.chance(0.4) ? text.sentence(6, 14) : '',
        passages: [],
      });
    }
  });
  return sources;
}

/** The statement, and the sentence the cited sources contain, for a claim of the given form. */
function wording(random: Random, text: TextMaker, form: PlannedClaim['form'], speaker: string): { statement: string; passage: string } {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  switch (form) {
    case 'verbatim': {
      const quote = text.sentence(8, 20);
      return { statement: quote, passage: `“${quote}” ${speaker} said.` };
    }
    case 'partial_quote': {
      const fragment = lower(text.words(random.int(5, 9)));
      return {
        statement: `${text.words(random.int(3, 6))} “${fragment}” ${lower(text.words(random.int(2, 5)))}.`,
        passage: `${speaker} said ${lower(text.words(random.int(2, 4)))} ${fragment} ${lower(text.words(random.int(2, 4)))}.`,
      };
    }
    case 'paraphrase':
      return { statement: text.sentence(10, 24), passage: text.sentence(12, 26) };
    case 'declined':
      return { statement: `Declined to say whether ${lower(text.words(random.int(5, 10)))}.`, passage: `${speaker} declined to comment on ${lower(text.words(random.int(4, 9)))}.` };
  }
}

/** One word of the quote changed: what the source says when a quote was altered. */
function altered(random: Random, text: TextMaker, passage: string, quote: string): string {
  const words = quote.split(' ');
  const at = random.int(1, words.length - 2);
  words[at] = text.word() === words[at] ? `${words[at]}s` : text.word();
  return passage.replace(quote, words.join(' '));
}

function planClaim(random: Random, text: TextMaker, plan: { parties: PlannedParty[]; stories: PlannedStory[]; sources: PlannedSource[] }, story: number, party: number, fate: ClaimFate): PlannedClaim {
  const s = plan.stories[story]!;
  const form = random.weighted([['verbatim', 35], ['partial_quote', 25], ['paraphrase', 32], ['declined', 8]] as const);
  const speaker = plan.parties[party]!.name;
  const { statement, passage } = wording(random, text, form, speaker);
  const span = s.endsOn ? daysBetween(s.startsOn, s.endsOn) : 600;
  const questionCount = Math.min(s.questions.length, random.weighted([[1, 5], [2, 3], [3, 2]] as const));
  const questions = new Set<number>();
  while (questions.size < questionCount) questions.add(random.int(0, s.questions.length - 1));
  const citationCount = Math.min(s.sources.length, random.chance(0.5) ? 1 : 2);
  const cited = new Set<number>();
  // Some sources of a story are cited far more than others, as a story's key documents are.
  while (cited.size < citationCount) cited.add(s.sources[random.skewed(s.sources.length, 1.6)]!);
  // One quote in a hundred reads differently in its sources: the app finds it altered.
  const alter = (form === 'verbatim' || form === 'partial_quote') && random.chance(0.01);
  const citations = [...cited].map((source, k) => {
    const sourcePassage = alter ? altered(random, text, passage, form === 'verbatim' ? statement : passage) : passage;
    plan.sources[source]!.passages.push(sourcePassage);
    const role =
      k === 0
        ? random.weighted([['original_venue', 50], ['reports', 40], ['corroborates', 10]] as const)
        : random.weighted([['reports', 50], ['corroborates', 40], ['contradicts', 10]] as const);
    return { source, role, passage: sourcePassage };
  });
  const rating = form === 'declined' ? 'not_applicable' : random.weighted(RATING_WEIGHTS);
  return {
    story,
    party,
    fate,
    statement,
    form,
    type: random.weighted([['factual', 50], ['opinion', 20], ['prediction', 10], ['characterisation', 20]] as const),
    saidOn: addDays(s.startsOn, random.int(0, span)),
    datePrecision: random.weighted([['day', 80], ['approximate', 10], ['reported_by', 10]] as const),
    venue: random.chance(0.9) ? `${random.pick(VENUES)} ${text.name()}` : '',
    rating,
    ratingBefore: fate === 'corrected' ? (rating === 'unverified' ? 'disputed' : 'unverified') : null,
    ratingExplanationMd: random.chance(0.7) ? `${text.sentence(8, 20)} ${random.chance(0.3) ? `**${text.words(2)}**.` : ''}`.trim() : '',
    stances: [...questions].map((question) => ({
      question,
      position: form === 'declined' ? 'declines' : random.weighted([['asserts', 40], ['denies', 35], ['qualifies', 25]] as const),
      note: random.chance(0.3) ? text.sentence(5, 12) : '',
    })),
    citations,
  };
}

export function planNewsroom(published: number, seed = 'claimdesk-bench'): NewsroomPlan {
  const random = seededRandom(`${seed}:${published}`);
  const text = textMaker(random);
  const size = newsroomSize(published);
  const parties = planParties(random, text, size.parties);
  const stories = planStories(random, text, size);
  const largest = 0;
  const prolificStories = planCasts(random, stories, parties.length, largest);

  // Published claims per story: the largest story its share, the others around an even split.
  const rest = apportion(size.published - size.largestStory, stories.slice(1).map(() => 0.6 + random.next() * 0.8));
  const perStory = [size.largestStory, ...rest];
  const sources = planSources(random, text, stories, perStory, size.sources);
  const plan = { parties, stories, sources };

  // The prolific party's claims: 40 % in the largest story, the rest over its other stories, at
  // most half of any story's claims.
  const prolificIn = new Map<number, number>();
  let quota = size.prolificParty;
  const inLargest = Math.min(Math.round(quota * 0.4), Math.floor(perStory[largest]! / 2));
  prolificIn.set(largest, inLargest);
  quota -= inLargest;
  const others = prolificStories.filter((s) => s !== largest);
  for (const [k, s] of others.entries()) {
    const share = Math.min(Math.ceil(quota / (others.length - k)), Math.floor(perStory[s]! / 2));
    prolificIn.set(s, share);
    quota -= share;
  }
  if (quota > 0) prolificIn.set(largest, inLargest + Math.min(quota, perStory[largest]! - 1 - inLargest));

  const claims: PlannedClaim[] = [];
  // Which published claims are later corrected: spread evenly over the whole newsroom.
  const correctionEvery = Math.max(1, Math.floor(size.published / size.corrections));
  let publishedSoFar = 0;
  let corrections = 0;
  stories.forEach((story, s) => {
    const speakers = story.cast.map((m) => m.party).filter((p) => p !== 0);
    const prolific = prolificIn.get(s) ?? 0;
    for (let k = 0; k < perStory[s]!; k++) {
      const party = k < prolific ? 0 : speakers[random.skewed(speakers.length, 1.6)]!;
      const corrected = publishedSoFar % correctionEvery === correctionEvery - 1 && corrections < size.corrections;
      if (corrected) corrections++;
      claims.push(planClaim(random, text, plan, s, party, corrected ? 'corrected' : 'published'));
      publishedSoFar++;
    }
  });
  for (const [fate, count] of [['retracted', size.retractions], ['in_review', size.inReview]] as const) {
    for (let k = 0; k < count; k++) {
      const s = random.int(0, stories.length - 1);
      const speakers = stories[s]!.cast.map((m) => m.party).filter((p) => p !== 0);
      claims.push(planClaim(random, text, plan, s, random.pick(speakers), fate));
    }
  }
  return { size, parties, stories, sources, claims, prolificParty: 0, largestStory: largest };
}
