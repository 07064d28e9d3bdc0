/**
 * Where each cited passage of a claim stands in its source's newest archived capture, so that
 * the review screen can link an editor straight to it (the archive page marks the range).
 */
import * as t from '../../db/schema/index.js';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db.js';
import { latestSnapshots } from '../quotes/quote-checks.js';

export type CitedPassage = {
  sourceId: number;
  sourceTitle: string;
  passage: string;
  /** The desk's archive page at the passage, marked; or at the text when it is not found word for word. */
  href: string;
  found: boolean;
};

export function citedPassages(db: Db, citations: { sourceId: number; passage: string }[]): CitedPassage[] {
  if (citations.length === 0) return [];
  const ids = [...new Set(citations.map((c) => c.sourceId))];
  const titles = new Map(db.select({ id: t.sources.id, title: t.sources.title }).from(t.sources).where(inArray(t.sources.id, ids)).all().map((s) => [s.id, s.title]));
  const latest = latestSnapshots(db, ids);
  return citations.map(({ sourceId, passage }) => {
    const archive = `/desk/sources/${sourceId}/archive`;
    const wanted = passage.trim();
    const at = wanted ? (latest.get(sourceId)?.text.indexOf(wanted) ?? -1) : -1;
    return {
      sourceId,
      sourceTitle: titles.get(sourceId) ?? `Source ${sourceId}`,
      passage: wanted,
      found: at >= 0,
      href: at >= 0 ? `${archive}?passage=${at}-${at + wanted.length}#cited-passage` : `${archive}#archived-text-heading`,
    };
  });
}

/** `?passage=START-END` of the archive page, when it is a range. */
export function parsePassageRange(raw: string | undefined): { start: number; end: number } | null {
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(raw ?? '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end } : null;
}
