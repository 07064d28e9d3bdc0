/**
 * The sourcing checklist an editor sees before publishing: computed from the claim record and
 * the sources it cites, never typed in. A failing item can be published over only with a written
 * reason (an override), which is recorded.
 */
import { inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { ClaimRecord } from '../claims/record.js';
import type { Db } from '../db.js';
import { columnsOf } from '../lib/columns.js';
import { alterationsOf, checkQuotes, isVerified, latestSnapshots, quotesOf } from '../quotes/quote-checks.js';
import { describeOutcome } from '../quotes/verify-quote.js';
import { textForSource } from '../claims/renderings.js';

function wordsOf(record: ClaimRecord) {
  return { statement: record.statement, language: record.language ?? null, originalStatement: record.originalStatement ?? '', renderings: record.renderings ?? [] };
}

export type ChecklistItem = { key: string; label: string; ok: boolean; detail: string };

type CitedSource = { id: number; publisher: string; kind: (typeof t.SOURCE_KINDS)[number]; language?: string };

/** Whitespace and quote styles differ between copies of one text; they do not make a quote wrong. */
function normalise(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/** Checks the quote against each cited source's archived text; without any, against the passages. */
function quoteItem(
  record: ClaimRecord,
  cited: (ClaimRecord['citations'][number] & { source: CitedSource | undefined })[],
  quotes: string[],
  archives: Map<number, { text: string }>,
): ChecklistItem {
  const base = { key: 'quote-verified', label: 'The quoted words are in the source' };
  if (quotes.length === 0) {
    return { ...base, ok: false, detail: 'A partial quote must put the quoted words between quotation marks.' };
  }
  const archived = cited.filter((c) => archives.has(c.sourceId));
  if (archived.length === 0) {
    // No archived text to check against: fall back to the passages typed into the citations.
    const passages = cited.map((c) => normalise(c.passage)).filter(Boolean);
    const missing = quotes.filter((quote) => !passages.some((p) => p.includes(normalise(quote))));
    return {
      ...base,
      ok: missing.length === 0,
      detail: missing.length
        ? `No archived text to check; not in any cited passage: ${missing.map((m) => `“${m}”`).join(', ')}.`
        : 'No archived text to check; found in the cited passage.',
    };
  }
  // Each source is checked for its own words: its rendering, or the original in its language (ADR 027).
  const quotesFor = (c: (typeof archived)[number]) =>
    quotesOf({ statement: textForSource(wordsOf(record), { id: c.sourceId, language: c.source?.language ?? 'en' }), form: record.form });
  const results = archived.map((c) => ({ citation: c, check: checkQuotes(quotesFor(c), archives.get(c.sourceId)!.text) ?? checkQuotes(quotes, archives.get(c.sourceId)!.text)! }));
  const verified = results.filter((r) => isVerified(r.check.outcome));
  const altered = results.filter((r) => r.check.outcome === 'altered' && r.citation.role !== 'contradicts');
  const describe = (r: (typeof results)[number]) => {
    const outcome = `${r.citation.source?.publisher ?? 'source'}: ${describeOutcome(r.check.outcome).toLowerCase()}`;
    const changes = r.check.outcome === 'altered' ? alterationsOf(r.check.fragments) : '';
    return changes ? `${outcome} (${changes})` : outcome;
  };
  return {
    ...base,
    ok: verified.length > 0 && altered.length === 0,
    detail: `${results.map(describe).join('; ')}.`,
  };
}

function buildChecklist(
  record: ClaimRecord,
  sources: CitedSource[],
  archives: Map<number, { text: string }> = new Map(),
): ChecklistItem[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const cited = record.citations.map((c) => ({ ...c, source: byId.get(c.sourceId) }));
  const items: ChecklistItem[] = [];

  items.push({
    key: 'has-citation',
    label: 'Cites at least one source',
    ok: cited.length > 0,
    detail: cited.length ? `${cited.length} citation${cited.length > 1 ? 's' : ''}.` : 'No source is cited.',
  });

  const original = cited.filter((c) => c.role === 'original_venue' || c.source?.kind === 'primary_record');
  items.push({
    key: 'original-or-primary',
    label: 'Cites where it was said, or a primary record',
    ok: original.length > 0,
    detail: original.length
      ? `Original: ${original.map((c) => c.source?.publisher ?? '?').join(', ')}.`
      : 'Only reports of the claim are cited.',
  });

  // Independence is counted by publisher: five citations of one outlet count as one source.
  const supporting = cited.filter((c) => c.role !== 'contradicts' && c.source);
  const publishers = [...new Set(supporting.map((c) => c.source!.publisher.trim().toLowerCase()))];
  items.push({
    key: 'independent-sources',
    label: 'At least two independent sources (different publishers)',
    ok: publishers.length >= 2,
    detail: `${publishers.length} independent source${publishers.length === 1 ? '' : 's'}${publishers.length ? `: ${[...new Set(supporting.map((c) => c.source!.publisher))].join('; ')}` : ''}.`,
  });

  const stateMediaOnly = supporting.length > 0 && supporting.every((c) => c.source!.kind === 'state_media');
  items.push({
    key: 'not-only-state-media',
    label: 'Not resting on state-controlled media alone',
    ok: !stateMediaOnly,
    detail: stateMediaOnly ? 'Every supporting source is state-controlled media.' : 'At least one source is not state-controlled media.',
  });

  items.push({
    key: 'date-and-venue',
    label: 'Date and venue given',
    ok: Boolean(record.saidOn) && record.venue.trim().length > 0,
    detail: record.venue.trim() ? `${record.saidOn}, ${record.venue}.` : 'No venue: where or to whom was it said?',
  });

  const quotes = quotesOf(record);
  if (record.form === 'verbatim' || record.form === 'partial_quote') items.push(quoteItem(record, cited, quotes, archives));
  return items;
}

export function checklistFor(db: Db, record: ClaimRecord): ChecklistItem[] {
  const ids = [...new Set(record.citations.map((c) => c.sourceId))];
  const sources = ids.length
    ? db
        .select(columnsOf(t.sources, ['id', 'publisher', 'kind', 'language']))
        .from(t.sources)
        .where(inArray(t.sources.id, ids))
        .all()
    : [];
  return buildChecklist(record, sources, latestSnapshots(db, ids));
}

export function failingItems(items: ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !item.ok);
}
