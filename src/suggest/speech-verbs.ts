/**
 * Reporting verbs and what follows them. `findVerbs` finds the speech verbs of a masked sentence
 * ("said", "told", "described … as", "declined to comment") and tells apart those whose clause is
 * the claim, those whose meaning belongs to it, and refusals; `readComplement` reads past a verb's
 * object ("told reporters") and adverbials ("on Tuesday", "in a statement") to where the reported
 * clause starts.
 */
import { MASK } from './masked.js';

/** Reporting verbs whose complement is the claim ("said (that) X"). */
const SAY_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'claimed', 'claims', 'warned', 'warns', 'warn', 'noted',
  'insisted', 'insists', 'insist', 'argued', 'argues', 'argue', 'stated', 'explained', 'explains', 'announced', 'wrote',
  'writes', 'suggested', 'suggests', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'confirmed',
  'confirms', 'stressed', 'stresses', 'emphasised', 'emphasized', 'emphasises', 'emphasizes', 'asserted',
  'asserts', 'alleged', 'alleges', 'declared', 'replied', 'responded', 'predicted', 'predicts',
  'cautioned', 'conceded', 'concedes', 'complained', 'reported', 'maintained', 'maintains', 'recalled',
  'observed', 'pointed out', 'went on',
];
/** Verbs whose meaning belongs to the claim ("described X as Y", "denied X"): kept in the statement. */
const KEEP_VERBS = [
  'described', 'describes', 'questioned', 'accused', 'accuses', 'criticised', 'criticized', 'criticises',
  'criticizes', 'denied', 'denies', 'dismissed', 'dismisses', 'urged', 'urges', 'rejected', 'rejects',
  'called for', 'calls for', 'praised', 'praises', 'blamed', 'blames', 'defended', 'defends', 'welcomed',
  'welcomes', 'condemned', 'condemns',
];
/** Verbs so often used outside reporting that they only count before "that" or a quotation. */
const NEEDS_THAT = new Set(['maintained', 'maintains', 'recalled', 'observed', 'reported', 'went on', 'complained', 'predicted', 'predicts']);
const THAT_OR_QUOTATION = new RegExp(`^\\s*(?:that\\b|:|,?\\s*${MASK})`);

/** A refusal to comment, in any of the usual wordings. */
export const DECLINE_PATTERN =
  /\b(?:(?:declined|refused|was unable|were unable)\s+to\s+(?:comment|discuss|say|answer|be drawn|confirm or deny)|(?:would|could|did|will|cannot|can not)\s+not\s+(?:comment|discuss|say)|(?:wouldn[’']t|couldn[’']t|didn[’']t|won[’']t|can[’']t)\s+(?:comment|discuss|say)|did not (?:immediately )?respond to (?:a |multiple )?requests? for comment|did not reply to (?:a )?requests? for comment)\b/i;

const VERB_PATTERN = new RegExp(
  `\\b(${[...SAY_VERBS, ...KEEP_VERBS].map((v) => v.replace(' ', '\\s+')).join('|')})\\b|${DECLINE_PATTERN.source}`,
  'gi',
);

type VerbKind = 'say' | 'keep' | 'decline';

export interface VerbHit {
  at: number;
  end: number;
  text: string;
  kind: VerbKind;
}

function verbKind(verb: string): VerbKind {
  const v = verb.toLowerCase().replace(/\s+/g, ' ');
  if (KEEP_VERBS.includes(v)) return 'keep';
  if (SAY_VERBS.includes(v)) return 'say';
  return 'decline';
}

/** Speech verbs outside quotations, leftmost first, skipping passives and infinitives. */
export function findVerbs(masked: string): VerbHit[] {
  const hits: VerbHit[] = [];
  for (const m of masked.matchAll(VERB_PATTERN)) {
    const before = masked.slice(0, m.index);
    if (/\b(?:was|were|is|are|be|been|being|to|having|had been|it|this|which)\s+$/i.test(before) && !/^(?:declined|refused|was|were)/i.test(m[0])) {
      continue;
    }
    const kind = verbKind(m[0]);
    const after = masked.slice(m.index + m[0].length);
    if (kind === 'say' && NEEDS_THAT.has(m[0].toLowerCase()) && !THAT_OR_QUOTATION.test(after)) continue;
    if (/^add/i.test(m[0]) && /^\s+(?:to|up)\b/i.test(after)) continue; // "added to the pressure"
    hits.push({ at: m.index, end: m.index + m[0].length, text: m[0], kind });
  }
  return hits;
}

/** Leading adverbials between a verb and its clause: "said on Tuesday that", "said in a statement". */
const COMPLEMENT_LEAD =
  /^(?:\s*,?\s*(?:on (?:\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:st|nd|rd|th)?)(?:,? \d{4})?|(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|on (?:the )?\p{Lu}[\p{L}\p{N}]*(?: \p{Lu}[\p{L}\p{N}]*)*|yesterday|today|tonight|last (?:week|night|month)|earlier|later|also|again|publicly|privately|in an? (?:written |joint |brief )?statement|in an? (?:\w+ )?interview(?: with (?:the )?(?:\p{Lu}[\p{L}’'&.-]*\s?)+)?|at an? (?:press|news) conference|in a speech|on social media|in a post on \p{Lu}\p{L}*))+/u;
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
  if (/^tel|^told/i.test(verb.text)) at += objectLength(rest());
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
