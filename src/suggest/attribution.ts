/**
 * Who said what in one sentence. The patterns, tried in order: a quotation followed by its
 * attribution (“X,” he said / “A,” Y says, “B.” / a bare quotation continuing the last speaker's
 * words), "according to X", a reporting verb with its subject (before it, with appositions and
 * "who said" clauses, or after it: "…, said X"), and finally a reporting verb dropped by sloppy
 * copy ("a spokesperson for X that …"). Each claim found is a draft: its speaker is still only
 * a phrase or a pronoun, and its attribution (the words around it) is kept for its date and venue.
 */
import type { QuoteSpan, Sentence } from '../lib/sentences.js';
import { blank, maskQuotes } from './masked.js';
import { resolveParty, type KnownParty } from './party-match.js';
import { findSubject, isPronoun, looksLikeSpeaker, parseTrailingAttribution, skipConnectives, speakerAfterVerb, type SpeakerRef } from './speaker-phrases.js';
import { findVerbs, isFindingVerb, readComplement, type VerbHit } from './speech-verbs.js';
import { formOf, innerQuote, splitClaims, splitDecline, tidyQuote, tidyStatement, withoutFrame, type ClaimForm } from './statements.js';

export interface Draft {
  speaker: SpeakerRef;
  statement: string;
  form: ClaimForm;
  /** text outside the statement and outside quotations: where dates and venues are looked for */
  attribution: string;
  /** a bare quotation continuing the previous speaker's words */
  continuation: boolean;
}

/** All the claims one sentence yields (speakers still unresolved). */
export function analyseSentence(sentence: Sentence, parties: KnownParty[]): Draft[] {
  const text = sentence.text;
  const masked = maskQuotes(text, sentence.quotes);
  const dashed = dashAttribution(sentence, masked, parties);
  if (dashed) return dashed;
  const first = sentence.quotes[0];
  if (first && first.open === 0) {
    const drafts = quoteFirst(sentence, masked, parties);
    if (drafts) return drafts;
  }
  return (
    inTheWordsOf(sentence, masked, parties) ??
    accordingTo(sentence, masked, parties) ??
    reportedSpeech(sentence, masked, parties) ??
    elidedVerb(sentence, masked, parties) ??
    []
  );
}

/** A reporting clause set off by dashes: "“The talks - said Jo Doe - will go on”", "The talks – Doe said – will go on." */
const DASH_ATTRIBUTION = /\s[-–—]\s+([^-–—“”"«»„]{2,80}?)\s+[-–—]\s/gu;

function dashAttribution(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const text = sentence.text;
  for (const m of text.matchAll(DASH_ATTRIBUTION)) {
    const inner = m[1] ?? '';
    const verb = findVerbs(inner).find((v) => v.kind === 'say');
    if (!verb) continue;
    const speaker = parseTrailingAttribution(inner, parties);
    if (!speaker) continue;
    const joined = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
    const quote = sentence.quotes.length === 1 ? sentence.quotes[0] : undefined;
    const inQuote = quote !== undefined && quote.open < m.index && m.index < quote.close;
    const cut = inQuote && quote ? innerQuote(joined, { ...quote, close: quote.close - m[0].length + 1 }) : joined;
    const statement = tidyQuote(cut.replace(/^[“"«„‹]|[”"»“›]$/g, ''));
    if (statement === '') continue;
    return [{ speaker, statement, form: inQuote ? 'verbatim' : formOf(statement), attribution: blank(masked, 0, m.index), continuation: false }];
  }
  return null;
}

/** "In her words, “…”" / "In the words of one trader, “…”". */
const IN_THE_WORDS = /^\s*in\s+(?:(his|her|their)\s+(?:own\s+)?words|the\s+words\s+of\s+([^,\u2063]{2,80}))\s*,?\s*(?=\u2063)/i;

function inTheWordsOf(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const m = IN_THE_WORDS.exec(masked);
  const quote = m ? sentence.quotes.find((q) => q.open >= m[0].length - 1) : undefined;
  if (!m || !quote) return null;
  let speaker: SpeakerRef;
  if (m[1]) speaker = { kind: 'pronoun', word: m[1].toLowerCase() === 'her' ? 'she' : m[1].toLowerCase() === 'his' ? 'he' : 'they' };
  else {
    const phrase = (m[2] ?? '').trim();
    if (!looksLikeSpeaker(phrase, parties, true)) return null;
    speaker = { kind: 'phrase', phrase, display: phrase };
  }
  const statement = tidyQuote(innerQuote(sentence.text, quote));
  return statement === '' ? null : [{ speaker, statement, form: 'verbatim', attribution: masked, continuation: false }];
}

/** The quotation(s) starting at or after `from`, as a verbatim statement. */
function quotationFrom(sentence: Sentence, from: number): { statement: string; start: number; end: number } | null {
  const q = sentence.quotes.find((s) => s.open >= from);
  if (!q || sentence.text.slice(from, q.open).trim() !== '') return null;
  return { statement: innerQuote(sentence.text, q), start: q.open, end: q.close };
}

/** “X,” he said. / “X,” said Y. / “A,” Y says, “B.” / a bare quotation continuing the last speaker. */
function quoteFirst(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const text = sentence.text;
  const [q1, q2] = sentence.quotes;
  if (!q1) return null;
  const attributionEnd = q2 ? q2.open : text.length;
  const attribution = text.slice(q1.close, attributionEnd);
  if (attribution.replace(/[\s,.;:!?—–-]/g, '') === '') {
    if (q2 && text.slice(q2.close).trim() !== '') return null;
    const statement = [q1, q2].filter((q): q is QuoteSpan => q !== undefined).map((q) => innerQuote(text, q)).join(' ');
    return [{ speaker: { kind: 'previous' }, statement: tidyQuote(statement), form: 'verbatim', attribution: '', continuation: true }];
  }
  const speaker = parseTrailingAttribution(attribution, parties);
  if (!speaker) return null;
  let statement = innerQuote(text, q1);
  const split = q2 && /,\s*$/.test(attribution) && text.slice(q2.close).replace(/[\s.,;:!?]/g, '') === '';
  if (q2 && split) statement = `${statement} ${innerQuote(text, q2)}`;
  const drafts: Draft[] = [{ speaker, statement: tidyQuote(statement), form: 'verbatim', attribution: masked, continuation: false }];
  if (!split) drafts.push(...trailingParticiple(sentence, masked, q1.close, speaker));
  return drafts;
}

const PARTICIPLE_AFTER_QUOTE = /,\s*(?:and\s+)?(?:adding|noting|saying|stressing|explaining|insisting|arguing|warning)\s+(?:that\s+)?/i;

/** “X,” he said, adding that Y. → Y is a claim too. */
function trailingParticiple(sentence: Sentence, masked: string, from: number, speaker: SpeakerRef): Draft[] {
  const m = PARTICIPLE_AFTER_QUOTE.exec(masked.slice(from));
  if (!m) return [];
  const at = from + m.index + m[0].length;
  const statement = tidyStatement(sentence.text.slice(at));
  if (statement === '') return [];
  return [{ speaker, statement, form: formOf(statement), attribution: blank(masked, at, masked.length), continuation: false }];
}

const DATA_FROM =
  /^(?:the\s+)?(?:(?:latest|new|official|provisional|published)\s+)?(?:figures|data|statistics|estimates|numbers|records|documents)\s+(?:from|by|published by|released by|compiled by|of)\s+/i;

/** "According to X, Y." / "Y, according to X." / "According to X, who described it as Z, Y." */
function accordingTo(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const m = /\baccording to\s+/i.exec(masked);
  if (!m) return null;
  const text = sentence.text;
  if (m.index > 0 && /,\s*$/.test(masked.slice(0, m.index))) {
    // "X said Y, according to <a channel>": the sentence has its own speaker; the channel only reports it.
    const head = { ...sentence, text: text.slice(0, m.index).replace(/,\s*$/, ''), quotes: sentence.quotes.filter((q) => q.close <= m.index) };
    const own = reportedSpeech(head, maskQuotes(head.text, head.quotes), parties);
    if (own && own.length > 0) return own;
  }
  const speakerStart = m.index + m[0].length;
  const speakerEnd = [masked.indexOf(',', speakerStart), masked.search(/[.;!?]\s*$/)]
    .filter((i) => i > speakerStart)
    .reduce((a, b) => Math.min(a, b), masked.length);
  // "according to figures from the agency": the agency.
  const phrase = text.slice(speakerStart, speakerEnd).trim().replace(DATA_FROM, '');
  const pronoun = /^(?:him|her|them)$/i.exec(phrase);
  if (!pronoun && (!looksLikeSpeaker(phrase, parties) || isPronoun(phrase))) return null;
  const lead = skipConnectives({ start: 0, text: masked.slice(0, m.index) });
  // "According to him, …": the person last met.
  const speaker: SpeakerRef = pronoun
    ? { kind: 'pronoun', word: { him: 'he', her: 'she', them: 'they' }[pronoun[0].toLowerCase()] ?? 'they' }
    : { kind: 'phrase', phrase, display: phrase };
  // ", who described it as …": the relative clause is a second claim of the same speaker.
  const who = /^,\s*who\s+/i.exec(masked.slice(speakerEnd));
  const relativeEnd = who ? clauseEnd(masked, speakerEnd + who[0].length) : speakerEnd;
  const relative = who ? relativeClaims(sentence, masked, { start: speakerEnd + who[0].length, end: relativeEnd }, speaker) : [];
  const after = text.slice(relativeEnd);
  const statement = lead.text === '' ? after : `${text.slice(lead.start, m.index)} ${after}`;
  const tidy = tidyStatement(statement.replace(/\s*,\s*$/, ''));
  if (tidy === '') return relative.length > 0 ? relative : null;
  return [
    {
      speaker,
      statement: tidy,
      form: formOf(tidy),
      attribution: blank(masked, speakerEnd, masked.length),
      continuation: false,
    },
    ...relative,
  ];
}

/** Where a relative clause starting at `from` ends: the next comma outside quotations, else the sentence end. */
function clauseEnd(masked: string, from: number): number {
  const comma = masked.indexOf(',', from);
  return comma >= 0 ? comma : masked.replace(/[\s.;!?]+$/, '').length;
}

/** "X said (that) Y", "Y, X said", "Y, said X", "X told Z: “…”", "X declined to comment on Y". */
function reportedSpeech(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  for (const verb of findVerbs(masked)) {
    if (insideRelativeClause(masked, verb.at)) continue;
    if (isFindingVerb(verb.text) && !findsThings(masked, verb.at)) continue;
    const drafts = inverted(sentence, masked, verb, parties) ?? withSubject(sentence, masked, verb, parties);
    if (drafts) return drafts;
  }
  return null;
}

/** Who can "find" in a report's sense: a study, a report, a survey, an inquiry, researchers. */
const FINDERS = /\b(?:study|studies|report|reports|survey|poll|inquiry|review|investigation|audit|analysis|research|researchers|scientists|trial|census|watchdog|regulator|committee|panel|findings)\b/i;

function findsThings(masked: string, at: number): boolean {
  return FINDERS.test(masked.slice(Math.max(0, at - 80), at));
}

function insideRelativeClause(masked: string, at: number): boolean {
  const chunkStart = masked.lastIndexOf(',', at) + 1;
  return /^\s*(?:who|which)\b/i.test(masked.slice(chunkStart, at));
}

/** "Y, said X." — the speaker follows the verb and the clause precedes it. */
function inverted(sentence: Sentence, masked: string, verb: VerbHit, parties: KnownParty[]): Draft[] | null {
  if (verb.kind !== 'say' || !/,\s*$/.test(masked.slice(0, verb.at))) return null;
  if (/^tel|^told/i.test(verb.text)) return null; // "…, told a committee": the audience, not the speaker
  const lead = skipConnectives({ start: 0, text: masked.slice(0, verb.at) });
  // "Jo Doe, the board's chair, said she …": everything before the verb is its subject.
  const subject = findSubject(masked, verb.at, parties);
  if (subject && subject.start <= lead.start) return null;
  const after = masked.slice(verb.end);
  if (/^\s*(?:he|she|they|it|we|i)\b/i.test(after)) return null;
  const speaker = speakerAfterVerb(after, parties);
  if (!speaker) return null;
  const statement = tidyStatement(sentence.text.slice(lead.start, verb.at));
  if (statement === '') return null;
  const whole = sentence.quotes.length === 1 && statement === tidyStatement(sentence.text.slice(sentence.quotes[0]?.open ?? 0, verb.at));
  return [
    {
      speaker,
      statement: whole && sentence.quotes[0] ? tidyQuote(innerQuote(sentence.text, sentence.quotes[0])) : statement,
      form: whole ? 'verbatim' : formOf(statement),
      attribution: blank(masked, lead.start, verb.at),
      continuation: false,
    },
  ];
}

/** The ordinary order: subject, verb, complement (or the clause before the subject). */
function withSubject(sentence: Sentence, masked: string, verb: VerbHit, parties: KnownParty[]): Draft[] | null {
  const subject = findSubject(masked, verb.at, parties, verb.kind !== 'keep');
  if (!subject) return null;
  const text = sentence.text;
  const speaker: SpeakerRef = isPronoun(subject.phrase)
    ? { kind: 'pronoun', word: subject.phrase.toLowerCase() }
    : { kind: 'phrase', phrase: subject.phrase, display: subject.display };
  const complement = readComplement(masked, verb);
  const drafts: Draft[] = [];

  if (subject.relative) drafts.push(...relativeClaims(sentence, masked, subject.relative, speaker));

  if (complement.colon) {
    const quotation = quotationFrom(sentence, complement.clauseAt);
    if (quotation) {
      drafts.push({
        speaker,
        statement: tidyQuote(quotation.statement),
        form: 'verbatim',
        attribution: masked,
        continuation: false,
      });
      return drafts;
    }
  }

  let statement: string;
  let attribution: string;
  if (complement.empty) {
    // "Y, he said." / "Y, he said, adding Z." / "Y, he said, Z."
    const lead = skipConnectives({ start: 0, text: masked.slice(0, subject.start) });
    const leadText = tidyStatement(text.slice(lead.start, subject.start));
    if (leadText === '' && verb.kind === 'decline') {
      // "The firm declined to comment.": the refusal is the claim.
      const refusal = tidyStatement(text.slice(verb.at));
      if (refusal !== '') drafts.push({ speaker, statement: refusal, form: 'declined', attribution: masked, continuation: false });
      return drafts.length > 0 ? drafts : null;
    }
    if (leadText === '') return drafts.length > 0 ? drafts : null;
    const more = complement.continuationAt >= 0 ? text.slice(complement.continuationAt) : '';
    const participle = /^,\s*(?:adding|noting|saying|stressing|explaining|insisting|arguing|warning)\s+(?:that\s+)?/i.exec(more);
    const rest = tidyStatement(participle ? more.slice(participle[0].length) : more);
    // "Y, he said, blaming Z": another participle is the speaker's too, kept after a semicolon.
    const joiner = participle || /^\p{Ll}+ing\b/u.test(rest) ? '; ' : ' ';
    statement = rest === '' ? leadText : `${leadText}${joiner}${rest}`;
    attribution = blank(blank(masked, complement.continuationAt >= 0 ? complement.continuationAt : masked.length, masked.length), lead.start, subject.start);
  } else {
    const clauseAt = verb.kind === 'say' ? complement.clauseAt : verb.at;
    statement = tidyStatement(text.slice(clauseAt));
    attribution = blank(masked, clauseAt, masked.length);
    const onlyQuote = quotationFrom(sentence, clauseAt);
    if (onlyQuote && tidyStatement(text.slice(onlyQuote.end)) === '' && /^\p{Lu}/u.test(onlyQuote.statement)) {
      drafts.push({ speaker, statement: tidyQuote(onlyQuote.statement), form: 'verbatim', attribution, continuation: false });
      return drafts;
    }
  }
  if (statement === '') return drafts.length > 0 ? drafts : null;
  const parts = verb.kind === 'decline' ? splitDecline(statement) : splitClaims(verb.kind === 'say' ? withoutFrame(statement) : statement);
  parts.forEach((part, i) => {
    const form: ClaimForm = verb.kind === 'decline' && i === 0 ? 'declined' : formOf(part);
    drafts.push({ speaker, statement: part, form, attribution, continuation: false });
  });
  return drafts;
}

/** "X, who also said Y, told Z …": Y is a claim of X too. */
function relativeClaims(sentence: Sentence, masked: string, relative: { start: number; end: number }, speaker: SpeakerRef): Draft[] {
  const inner = masked.slice(relative.start, relative.end);
  const verb = findVerbs(inner)[0];
  if (!verb) return [];
  const complement = readComplement(inner, verb);
  if (complement.clauseAt < 0) return [];
  const from = verb.kind === 'say' ? complement.clauseAt : verb.at;
  const statement = tidyStatement(sentence.text.slice(relative.start + from, relative.end));
  if (statement === '') return [];
  const form: ClaimForm = verb.kind === 'decline' ? 'declined' : formOf(statement);
  // Only the relative clause's own words date or place it, not the main clause's ("told Z").
  const attribution = masked.slice(relative.start, relative.start + from);
  return [{ speaker, statement, form, attribution, continuation: false }];
}

/** Sloppy copy drops the verb: "a spokesperson for X that the leak was …". */
function elidedVerb(sentence: Sentence, masked: string, parties: KnownParty[]): Draft[] | null {
  const that = /\s+that\s+/i.exec(masked);
  if (!that) return null;
  const chunkStart = masked.lastIndexOf(',', that.index) + 1;
  const subject = skipConnectives({ start: chunkStart, text: masked.slice(chunkStart, that.index) });
  const isSpokesperson = /\bspokes(?:person|man|woman)\b/i.test(subject.text);
  if (!isSpokesperson && !resolveParty(subject.text, parties)) return null;
  if (!looksLikeSpeaker(subject.text, parties)) return null;
  const clauseAt = that.index + that[0].length;
  const statement = tidyStatement(sentence.text.slice(clauseAt));
  if (statement === '') return null;
  return [
    {
      speaker: { kind: 'phrase', phrase: subject.text, display: subject.text },
      statement,
      form: formOf(statement),
      attribution: blank(masked, clauseAt, masked.length),
      continuation: false,
    },
  ];
}
