/**
 * Reporting verbs and what follows them. `findVerbs` finds the speech verbs of a masked sentence
 * ("said", "told", "described … as", "declined to comment") and tells apart those whose clause is
 * the claim, those whose meaning belongs to it, and refusals; `readComplement` reads past a verb's
 * object ("told reporters") and adverbials ("on Tuesday", "in a statement") to where the reported
 * clause starts.
 */
import { memoize } from '../lib/memo.js';
import { MASK } from './masked.js';

/**
 * The reporting verbs, by lemma with their inflections. Regular verbs take -s and -ed (doubling
 * or dropping a final e as English does); the irregular ones list their forms.
 */
const IRREGULAR: Record<string, string[]> = {
  find: ['found', 'finds'],
  say: ['said', 'says', 'say'],
  tell: ['told', 'tells'],
  write: ['wrote', 'writes', 'written'],
  'hit back': ['hit back', 'hits back'],
  'point out': ['pointed out', 'points out'],
  'go on to say': ['went on to say', 'goes on to say', 'went on to add', 'went on to argue', 'went on to warn', 'went on to insist', 'went on to explain'],
  'hit out': ['hit out', 'hits out'],
};

function regularForms(lemma: string): string[] {
  const [verb = lemma, ...particle] = lemma.split(' ');
  const tail = particle.length > 0 ? ` ${particle.join(' ')}` : '';
  const third = /(?:s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`;
  const past = verb.endsWith('e')
    ? `${verb}d`
    : /[^aeiou]y$/.test(verb)
      ? `${verb.slice(0, -1)}ied`
      : /^(?:admit|regret|commit|omit|submit|slam|quip|ban|plan|stop)$/.test(verb)
        ? `${verb}${verb.slice(-1)}ed`
        : `${verb}ed`;
  return [past, third, verb].map((f) => f + tail);
}

function forms(lemmas: string[]): string[] {
  return lemmas.flatMap((l) => IRREGULAR[l] ?? regularForms(l));
}

/** Reporting verbs whose complement is the claim ("said (that) X"). */
const SAY_LEMMAS = [
  'say', 'tell', 'add', 'claim', 'warn', 'note', 'insist', 'argue', 'state', 'explain', 'announce', 'write', 'suggest',
  'acknowledge', 'admit', 'confirm', 'stress', 'emphasise', 'emphasize', 'assert', 'allege', 'declare', 'reply',
  'respond', 'predict', 'caution', 'concede', 'complain', 'report', 'maintain', 'recall', 'observe', 'point out',
  'go on to say', 'repeat', 'reiterate', 'continue', 'underline', 'underscore', 'highlight', 'tweet',
  'contend', 'reveal', 'disclose', 'conclude', 'remark', 'testify', 'hit back', 'fume', 'quip', 'joke', 'boast',
  'agree', 'estimate', 'counter', 'retort', 'laugh', 'sigh', 'smile', 'shrug', 'grin', 'chuckle', 'exclaim', 'shout',
  'whisper', 'muse', 'scoff', 'find',
];
/** Verbs whose meaning belongs to the claim ("described X as Y", "denied X"): kept in the statement. */
const KEEP_LEMMAS = [
  'describe', 'question', 'accuse', 'criticise', 'criticize', 'deny', 'dismiss', 'urge', 'reject', 'call for', 'praise',
  'blame', 'defend', 'welcome', 'condemn', 'denounce', 'apologise', 'apologize', 'call', 'slam', 'hit out', 'vow',
  'pledge', 'promise', 'threaten', 'accept', 'demand', 'dispute', 'challenge', 'contest', 'refute',
];
const SAY_VERBS = forms(SAY_LEMMAS);
const KEEP_VERBS = forms(KEEP_LEMMAS);
/**
 * Verbs so often used outside reporting that they count only before "that", a colon or a
 * quotation, or with nothing after them (", she continued."): "continued to rise", "maintained
 * the roads", "accepted the award".
 */
const NEEDS_CLAUSE = new Set(
  forms(['laugh', 'sigh', 'smile', 'shrug', 'grin', 'chuckle', 'exclaim', 'shout', 'whisper', 'muse', 'scoff', 'challenge', 'contest', 'maintain', 'recall', 'observe', 'report', 'complain', 'predict', 'continue', 'fume', 'quip', 'joke', 'boast', 'agree', 'estimate', 'counter', 'retort', 'accept', 'reveal', 'conclude', 'remark']),
);
const CLAUSE_AFTER = new RegExp(`^\\s*(?:that\\b|:|,|${MASK}|[.;]?\\s*$)`);
/** Verbs whose other senses take a number or a particle: "added 0.3 per cent", "called off", "wrote off". */
const AMOUNT_AFTER =
  /^\s*(?:[-+]?[\d£$€¥]|(?:a|another|a further|some|nearly|almost|about|around|over|more than|just|only)\s+[\d£$€]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|hundreds|thousands|millions)\b(?!\s+(?:of\s+)?(?:people|officials|workers|members)\b))/i;
const PARTICLE_AFTER = /^\s*(?:off|up|down|away)\b/i;

/** A refusal to comment, in any of the usual wordings. */
export const DECLINE_PATTERN =
  /\b(?:(?:declined|refused|was unable|were unable|has declined|have declined)\s+to\s+(?:comment|discuss|say|answer|respond|elaborate|be drawn|be interviewed|give|provide|disclose|reveal|specify|name|confirm or deny|confirm|speculate)|(?:would|could|did|will|cannot|can not)\s+not\s+(?:comment|discuss|say|elaborate|be drawn)|(?:wouldn[’']t|couldn[’']t|didn[’']t|won[’']t|can[’']t)\s+(?:comment|discuss|say)|did not (?:immediately )?(?:respond|reply) to (?:a |an |multiple |repeated )?(?:requests?|emails?|calls?|messages?) (?:for|seeking) comment|(?:did|has|have) not (?:immediately )?(?:respond(?:ed)?|repl(?:y|ied)) to (?:questions|inquiries|enquiries)|(?:declined|refused) to answer questions|(?:could|can) not (?:immediately )?be reached for comment|did not (?:immediately )?return (?:calls|messages|a request for comment))\b/i;

const VERB_PATTERN = new RegExp(
  `\\b(${[...new Set([...SAY_VERBS, ...KEEP_VERBS])].sort((a, b) => b.length - a.length).map((v) => v.replace(/ /g, '\\s+')).join('|')})\\b|${DECLINE_PATTERN.source}`,
  'gi',
);

/**
 * A second reporting verb coordinated with the first: "… and said (that) …", "denounced X and
 * demanded Y". Group 1 is the verb: a `keep` verb stays in the second claim.
 */
export const COORDINATED_VERB = new RegExp(
  `,?\\s+and\\s+(?:also\\s+|then\\s+|later\\s+)?(${[...SAY_VERBS, ...KEEP_VERBS]
    .filter((v) => /(?:ed|id|ld|te|ote)$/.test(v) && !NEEDS_CLAUSE.has(v) && !/^(?:called|accepted|promised|vowed|pledged|threatened)$/.test(v))
    .sort((a, b) => b.length - a.length)
    .map((v) => v.replace(/ /g, '\\s+'))
    .join('|')})\\b\\s*(?:that\\s+)?`,
  'i',
);

/** "found": a reporting verb only for a document's findings ("a study has found"), never "police found". */
export function isFindingVerb(verb: string): boolean {
  return /^(?:found|finds)$/i.test(verb);
}

/** Whether a verb's meaning belongs to its claim ("denied", "described"). */
export function keepsVerb(verb: string): boolean {
  return KEEP_VERBS.includes(verb.toLowerCase().replace(/\s+/g, ' '));
}

type VerbKind = 'say' | 'keep' | 'decline';

export interface VerbHit {
  at: number;
  end: number;
  text: string;
  kind: VerbKind;
}

function verbKind(verb: string): VerbKind {
  const v = verb.toLowerCase().replace(/\s+/g, ' ');
  if (SAY_VERBS.includes(v)) return 'say';
  if (KEEP_VERBS.includes(v)) return 'keep';
  return 'decline';
}

/** "called the plan “…”", "called for", "called on X to": the other senses of "call" are not speech. */
function callIsSpeech(after: string): boolean {
  if (/^\s+(?:for|on)\b/i.test(after)) return true;
  const clause = after.split(/[,.;:]/)[0] ?? '';
  return clause.split(/\s+/).length <= 10 && clause.includes(MASK);
}

/** The first word of every verb form and refusal: only where one stands is the full pattern tried. */
const FIRST_WORDS = new Set(
  [...SAY_VERBS, ...KEEP_VERBS, 'declined', 'refused', 'was', 'were', 'has', 'have', 'would', 'could', 'did', 'will', 'cannot', 'can']
    .map((v) => v.split(' ')[0] ?? '')
    .concat(['wouldn', 'couldn', 'didn', 'won', 'can']),
);
const VERB_AT = new RegExp(VERB_PATTERN.source, 'iy');

/** Matches of VERB_PATTERN, found by looking words up before running the long alternation. */
function verbMatches(masked: string): { 0: string; index: number }[] {
  const found: { 0: string; index: number }[] = [];
  const words = /\p{L}+/gu;
  let end = 0;
  for (let w = words.exec(masked); w; w = words.exec(masked)) {
    if (w.index < end || !FIRST_WORDS.has(w[0].toLowerCase())) continue;
    VERB_AT.lastIndex = w.index;
    const m = VERB_AT.exec(masked);
    if (m) {
      found.push({ 0: m[0], index: w.index });
      end = w.index + m[0].length;
    }
  }
  return found;
}

/**
 * Speech verbs outside quotations, leftmost first, skipping passives, infinitives and other senses.
 * The same clause is read for verbs several times (subject, attribution, mentions): remembered.
 */
export const findVerbs = memoize(findVerbsUncached, 2000);

/** Forget the clauses read so far: the cache serves one article. */
export function clearVerbCache(): void {
  findVerbs.clear();
}

function findVerbsUncached(masked: string): VerbHit[] {
  const hits: VerbHit[] = [];
  for (const m of verbMatches(masked)) {
    // The tests below look only at the words just before the verb.
    const before = masked.slice(Math.max(0, m.index - 60), m.index);
    // A capitalised word is a verb only where a sentence starts: "the United States" is not "states".
    if (/^\p{Lu}/u.test(m[0]) && masked.slice(0, m.index).trim() !== '' && !/[.!?:]\s*$/.test(before)) continue;
    const announcing = /\b(?:pleased|delighted|proud|happy|glad)\s+to\s+$/i.test(before); // "is pleased to announce"
    if (!announcing && /\b(?:was|were|is|are|be|been|being|to|having|had been|this|which|that|who)\s+$/i.test(before) && !/^(?:declined|refused|was|were)/i.test(m[0])) {
      continue;
    }
    // "the company's stated aims", "its continued support": an adjective, not a verb.
    if (/(?:['’]s|\b(?:its|their|his|her|our|my|your|the|a|an))\s+$/i.test(before) && !/^(?:declined|refused)/i.test(m[0])) continue;
    const word = m[0].toLowerCase().replace(/\s+/g, ' ');
    const kind = verbKind(word);
    const after = masked.slice(m.index + m[0].length);
    if (kind !== 'decline') {
      if (NEEDS_CLAUSE.has(word) && !CLAUSE_AFTER.test(after)) continue;
      if (/^\s+by\b/i.test(after)) continue; // "the controls announced by X": a passive participle
      if (/^(?:call|wr[io]t|add|post|note)/.test(word) && PARTICLE_AFTER.test(after)) continue;
      if (/^add/.test(word) && /^\s+(?:to|up)\b/i.test(after)) continue; // "added to the pressure"
      if (/^(?:add|post|continu|report|estimat)/.test(word) && AMOUNT_AFTER.test(after)) continue;
      if (/^call(?:ed|s)?$/.test(word) && !callIsSpeech(after)) continue;
    }
    hits.push({ at: m.index, end: m.index + m[0].length, text: m[0], kind });
  }
  return hits;
}

/** Leading adverbials between a verb and its clause: "said on Tuesday that", "said in a statement". */
const COMPLEMENT_LEAD =
  /^(?:\s*,?\s*(?:on (?:\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:st|nd|rd|th)?)(?:,? \d{4})?|(?:(?:late|early|earlier|later) )?(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|only|simply|merely|just|on (?:the )?\p{Lu}[\p{L}\p{N}]*(?: \p{Lu}[\p{L}\p{N}]*)*|yesterday|today|tonight|last (?:week|night|month)|earlier|later|also|again|publicly|privately|in an? (?:written |joint |brief |short |separate )?(?:statement|letter|note|post|email|memo|filing|blog post|op-ed|column|message|tweet|video|speech|submission|report)(?: to (?:clients|investors|members|staff|shareholders|parliament|the \p{Lu}\p{L}*))?|in an? (?:\w+ )?interview(?: with (?:the )?(?:\p{Lu}[\p{L}’'&.-]*\s?)+)?|at an? (?:press|news) conference|at an? (?:[\p{L}-]+ )?(?:meeting|briefing|summit|rally|hearing|event|forum|ceremony|session|conference)(?: (?:of|with|in|on) (?:the )?[\p{L}-]+(?: [\p{L}-]+){0,3})?|in a speech|on social media|in a post on \p{Lu}\p{L}*))+/u;
const AUDIENCE =
  /^\s*(?:reporters|journalists|lawmakers|MPs|peers|members|senators|delegates|listeners|viewers|readers|supporters|parliament|the (?:committee|court|inquiry|house|audience|conference|hearing|press)|an audience|(?:a|the) (?:news|press) conference|me|us|him|her|them)\b/iu;
const PROPER_RUN = /^\s*(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}’'&.-]*(?:\s+(?:of|the|and|&|for)?\s*)?)+(?:\s+(?:newspaper|paper|daily|magazine|broadcaster|channel|radio|television|network|website|programme|program|show|podcast))?/u;

interface Complement {
  /** offset (in the sentence) where the reported clause starts, or -1 */
  clauseAt: number;
  /** the verb introduces a quotation with a colon */
  colon: boolean;
  /** nothing but punctuation follows the verb: the clause is before the subject */
  empty: boolean;
  /** ", adding …" after an empty complement */
  continuationAt: number;
}

/** What follows a reporting verb: its object (told X), adverbials, then the clause. */
export function readComplement(masked: string, verb: VerbHit): Complement {
  let at = verb.end;
  const rest = (): string => masked.slice(at);
  if (/^tel|^told/i.test(verb.text)) {
    const object = objectLength(rest());
    at += object;
    // "…, she told a parliamentary committee.": an audience to the end, nothing reported after it.
    if (object === 0 && /^\s*(?:(?:the|a|an|his|her|their|its)\s+)?[\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,5}\s*[.!?]?\s*$/u.test(rest()) && !/\bthat\b/.test(rest())) {
      return { clauseAt: -1, colon: false, empty: true, continuationAt: -1 };
    }
  }
  at += COMPLEMENT_LEAD.exec(rest())?.[0].length ?? 0;
  if (/^\s*:/.test(rest())) return { clauseAt: at + rest().indexOf(':') + 1, colon: true, empty: false, continuationAt: -1 };
  if (/^\s*(?:[,.;]\s*)?$/.test(rest()) || /^\s*[.;]/.test(rest())) {
    return { clauseAt: -1, colon: false, empty: true, continuationAt: -1 };
  }
  if (/^\s*,/.test(rest())) {
    return { clauseAt: -1, colon: false, empty: true, continuationAt: at + rest().indexOf(',') };
  }
  const that = /^\s*(?:that\s+)?/i.exec(rest())?.[0].length ?? 0;
  return { clauseAt: at + that, colon: false, empty: false, continuationAt: -1 };
}

/** Length of the object of "told": up to ":" or "that", else a proper name or an audience. */
function objectLength(after: string): number {
  const head = after.split(/\s+/).slice(0, 10).join(' ');
  const colon = head.indexOf(':');
  const that = / that\b/.exec(head);
  if (colon >= 0 && (!that || colon < that.index) && !head.slice(0, colon).includes(MASK)) return after.indexOf(':');
  if (that) return after.search(/ that\b/);
  const audience = AUDIENCE.exec(after);
  if (audience) return audience[0].length;
  const proper = PROPER_RUN.exec(after);
  return proper ? proper[0].length : 0;
}
