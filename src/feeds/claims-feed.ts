/**
 * `/feed.atom`, `/stories/<slug>/feed.atom`, `/parties/<slug>/feed.atom`: the published claims,
 * newest first, bounded to FEED_ENTRIES. An entry's id is the claim's permalink (stable); its
 * `updated` is when it was published or last corrected, so a correction moves it up and tells
 * feed readers it changed.
 */
import type { Db } from '../db.js';
import { formatClaimDate } from '../lib/dates.js';
import { excerpt } from '../lib/excerpt.js';
import { RATING_LABELS } from '../lib/labels.js';
import type * as t from '../../db/schema/index.js';
import { atomFeed } from './atom.js';

export const FEED_ENTRIES = 50;

/** A feed entry's claim, with when it was last corrected and the names it is shown with. */
type Row = Pick<typeof t.claims.$inferSelect, 'id' | 'statement' | 'form' | 'saidOn' | 'datePrecision' | 'rating' | 'publishedAt' | 'createdAt'> & {
  correctedAt: string | null;
  partyName: string;
  storyTitle: string;
};

export type FeedScope = { kind: 'all' } | { kind: 'story'; id: number; slug: string; title: string } | { kind: 'party'; id: number; slug: string; name: string };

/**
 * The latest published claims of the scope by publication, and the latest corrected ones: the
 * union holds the FEED_ENTRIES newest by `updated` without sorting every claim.
 */
function latestRows(db: Db, scope: FeedScope): Row[] {
  const where = scope.kind === 'story' ? 'AND c.story_id = @id' : scope.kind === 'party' ? 'AND c.party_id = @id' : '';
  const params = scope.kind === 'all' ? { limit: FEED_ENTRIES } : { limit: FEED_ENTRIES, id: scope.id };
  return db.$client
    .prepare(
      `WITH candidates AS (
         SELECT id FROM (SELECT c.id FROM claims c WHERE c.state = 'published' ${where} ORDER BY c.published_at DESC, c.id DESC LIMIT @limit)
         UNION
         SELECT id FROM (SELECT c.id FROM corrections k JOIN claims c ON c.id = k.claim_id WHERE c.state = 'published' ${where} ORDER BY k.created_at DESC LIMIT @limit)
       )
       SELECT c.id, c.statement, c.form, c.said_on AS saidOn, c.date_precision AS datePrecision, c.rating,
         c.published_at AS publishedAt, c.created_at AS createdAt,
         (SELECT max(k.created_at) FROM corrections k WHERE k.claim_id = c.id) AS correctedAt,
         p.name AS partyName, s.title AS storyTitle
       FROM candidates JOIN claims c ON c.id = candidates.id JOIN parties p ON p.id = c.party_id JOIN stories s ON s.id = c.story_id`,
    )
    .all(params) as Row[];
}

export function claimsFeed(db: Db, scope: FeedScope, origin: string, author: string): string {
  const entries = latestRows(db, scope)
    .map((row) => {
      const published = row.publishedAt ?? row.createdAt;
      const updated = row.correctedAt && row.correctedAt > published ? row.correctedAt : published;
      const statement = row.form === 'verbatim' ? `“${row.statement}”` : row.statement;
      return {
        id: `${origin}/claims/${row.id}`,
        title: `${row.partyName}: ${excerpt(row.statement, 100)}`,
        url: `${origin}/claims/${row.id}`,
        updated,
        published,
        content: `${row.partyName}, ${formatClaimDate(row.saidOn, row.datePrecision)}: ${statement} In “${row.storyTitle}”. Verification: ${RATING_LABELS[row.rating]}.${
          row.correctedAt ? ' Corrected since it was first published.' : ''
        }`,
      };
    })
    .sort((a, b) => b.updated.localeCompare(a.updated) || b.id.localeCompare(a.id))
    .slice(0, FEED_ENTRIES);
  const { path, page, title } =
    scope.kind === 'story'
      ? { path: `/stories/${scope.slug}/feed.atom`, page: `/stories/${scope.slug}`, title: `Claimdesk: claims in “${scope.title}”` }
      : scope.kind === 'party'
        ? { path: `/parties/${scope.slug}/feed.atom`, page: `/parties/${scope.slug}`, title: `Claimdesk: claims by ${scope.name}` }
        : { path: '/feed.atom', page: '/', title: 'Claimdesk: published claims' };
  return atomFeed({ id: `${origin}${path}`, title, selfUrl: `${origin}${path}`, pageUrl: `${origin}${page}`, author, entries });
}
