/**
 * The sourcing checklist an editor sees before publishing: computed from the claim record and
 * the sources it cites, never typed in. A failing item can be published over only with a written
 * reason (an override), which is recorded.
 */
import { inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { ClaimRecord } from '../claims/record.js';
import type { Db } from '../db.js';

export type ChecklistItem = { key: string; label: string; ok: boolean; detail: string };

type CitedSource = { id: number; publisher: string; kind: (typeof t.SOURCE_KINDS)[number] };

/** The fragments a partial quote puts between quotation marks (curly or straight). */
export function quotedFragments(statement: string): string[] {
  return [...statement.matchAll(/[“"]([^”"]+)[”"]/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

/** Whitespace and quote styles differ between copies of one text; they do not make a quote wrong. */
function normalise(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

export function buildChecklist(record: ClaimRecord, sources: CitedSource[]): ChecklistItem[] {
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

  if (record.form === 'verbatim' || record.form === 'partial_quote') {
    const passages = cited.map((c) => normalise(c.passage)).filter(Boolean);
    const needles = record.form === 'verbatim' ? [record.statement] : quotedFragments(record.statement);
    const missing = needles.filter((needle) => !passages.some((p) => p.includes(normalise(needle))));
    items.push({
      key: 'quote-in-passage',
      label: 'The quoted words appear in a cited passage',
      ok: needles.length > 0 && missing.length === 0,
      detail:
        needles.length === 0
          ? 'A partial quote must put the quoted words between quotation marks.'
          : missing.length
            ? `Not found in any cited passage: ${missing.map((m) => `“${m}”`).join(', ')}.`
            : 'Found in the cited passage.',
    });
  }
  return items;
}

export function checklistFor(db: Db, record: ClaimRecord): ChecklistItem[] {
  const ids = [...new Set(record.citations.map((c) => c.sourceId))];
  const sources = ids.length
    ? db
        .select({ id: t.sources.id, publisher: t.sources.publisher, kind: t.sources.kind })
        .from(t.sources)
        .where(inArray(t.sources.id, ids))
        .all()
    : [];
  return buildChecklist(record, sources);
}

export function failingItems(items: ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !item.ok);
}
