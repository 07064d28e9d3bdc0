/**
 * Page furniture in an archived article: donation appeals, comment prompts, agency credits,
 * newsletter sign-ups and promotions, found sentence by sentence. Archiving stores the spans
 * beside each snapshot, and the claim suggester reads nothing inside them.
 */
import { splitIntoSentences, type Sentence } from '../lib/sentences.js';

type FurnitureReason = 'donation_appeal' | 'comments' | 'credit' | 'newsletter' | 'promotion';

interface Furniture {
  start: number;
  end: number;
  text: string;
  reason: FurnitureReason;
}

interface FurnitureRule {
  reason: FurnitureReason;
  pattern: RegExp;
}

const FURNITURE_RULES: FurnitureRule[] = [
  { reason: 'donation_appeal', pattern: /\byour (?:support|donation|contribution|generosity)\b/i },
  {
    reason: 'donation_appeal',
    pattern:
      /\b(?:donate (?:now|today)|make a donation|support us\b|support (?:our|independent|quality) journalism|become a (?:member|supporter|subscriber)|paywalls?\b)/i,
  },
  { reason: 'donation_appeal', pattern: /\bhelp us (?:to )?(?:keep|continue|tell|fund|report)\b/i },
  {
    reason: 'comments',
    pattern: /^(?:join|read|view|show|see|load|post|add)\b.{0,30}\b(?:comment(?:s|ing)?|conversations?|discussion)\b/i,
  },
  { reason: 'comments', pattern: /^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$/i },
  { reason: 'credit', pattern: /\bcontributed (?:reporting )?to this (?:report|story|article)\b/i },
  { reason: 'credit', pattern: /^(?:additional )?(?:reporting|writing|editing) by\b/i },
  { reason: 'credit', pattern: /^this (?:article|story) was (?:originally )?(?:published|updated|amended)\b/i },
  { reason: 'newsletter', pattern: /\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|free)\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b/i },
  { reason: 'newsletter', pattern: /^sign up\b/i },
  {
    reason: 'promotion',
    pattern:
      /^(?:read more|related(?: articles?| stories)?|recommended|most read|more from|follow us|share this|advertisement|click here|watch|listen)\b\s*[:|]?/i,
  },
];

/** Sentences in this many sentences of each other belong to one donation appeal block. */
const APPEAL_GAP_SENTENCES = 4;
/** A comments prompt after this fraction of the text ends the article. */
const COMMENTS_TAIL_FROM = 0.6;

/** Spans of page furniture in an archived article: appeals, comment prompts, credits, promos. */
export function detectFurniture(text: string): Furniture[] {
  const sentences = splitIntoSentences(text);
  const reasons = sentences.map(furnitureReason);
  fillAppealBlocks(reasons);
  const tailFrom = reasons.findIndex((r, i) => r === 'comments' && (sentences[i]?.start ?? 0) >= text.length * COMMENTS_TAIL_FROM);
  if (tailFrom >= 0) for (let i = tailFrom; i < reasons.length; i++) reasons[i] = 'comments';

  const spans: Furniture[] = [];
  sentences.forEach((s, i) => {
    const reason = reasons[i];
    if (!reason) return;
    const last = spans[spans.length - 1];
    if (last && last.reason === reason && text.slice(last.end, s.start).trim() === '') {
      last.end = s.end;
      last.text = text.slice(last.start, last.end);
    } else {
      spans.push({ start: s.start, end: s.end, text: s.text, reason });
    }
  });
  return spans;
}

function furnitureReason(sentence: Sentence): FurnitureReason | null {
  const t = sentence.text;
  for (const rule of FURNITURE_RULES) {
    if (!rule.pattern.test(t)) continue;
    // Promotion and comments prompts are short page labels, never sentences of reporting.
    if ((rule.reason === 'promotion' || rule.reason === 'comments') && t.length > 120) continue;
    // A quoted appeal ("thank you for your support," she said) is reporting, not furniture.
    if (rule.reason === 'donation_appeal' && sentence.quotes.length > 0) continue;
    return rule.reason;
  }
  return null;
}

/** Sentences between two appeal sentences close together are part of the appeal. */
function fillAppealBlocks(reasons: (FurnitureReason | null)[]): void {
  let previous = -1;
  reasons.forEach((reason, i) => {
    if (reason !== 'donation_appeal') return;
    if (previous >= 0 && i - previous - 1 <= APPEAL_GAP_SENTENCES) {
      for (let k = previous + 1; k < i; k++) reasons[k] = 'donation_appeal';
    }
    previous = i;
  });
}
