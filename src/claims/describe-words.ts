/** The language fields of a claim record in words, for the desk's version views and diffs (ADR 027). */
import type { ClaimRecord } from './record.js';

const TRANSLATED_BY: Record<string, string> = { outlet: 'translated by the outlet', newsroom: 'translated by the newsroom', translator: 'translated by' };

export function describeWords(record: ClaimRecord, sourceName: (id: number) => string): [string, string][] {
  const renderings = (record.renderings ?? []).map((r, i) => {
    const who = r.translatedBy ? ` (${TRANSLATED_BY[r.translatedBy]}${r.translatedBy === 'translator' ? ` ${r.translatorName}` : ''})` : '';
    const from = r.sourceId !== null ? sourceName(r.sourceId) : 'no source';
    // The lead's text is the statement, described above: not repeated, so an edit of it shows once.
    return i === 0 ? `The statement: [${r.language}] ${from}${who}` : `${i + 1}. [${r.language}] ${from}${who}: ${r.text}`;
  });
  return [
    ['Language said in', record.language ?? ''],
    ['Original statement', record.originalStatement ?? ''],
    ['Renderings', renderings.join('\n')],
  ];
}
