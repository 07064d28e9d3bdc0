/**
 * The desk's front page for one user: their drafts (and claims sent back to them), the claims
 * waiting for an editor, and what changed lately.
 */
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { preparedOnce, type Db } from '../db.js';
import { likePattern } from '../lib/fields.js';
import { paged, pageWindow, type Paged } from '../lib/paging.js';

const deskClaimColumns = {
  id: t.claims.id,
  statement: t.claims.statement,
  state: t.claims.state,
  version: t.claims.version,
  updatedAt: t.claims.updatedAt,
  reviewNote: t.claims.reviewNote,
  pendingRevisionId: t.claims.pendingRevisionId,
  partyName: t.parties.name,
  storyTitle: t.stories.title,
};

export type DeskClaimRow = {
  id: number;
  statement: string;
  state: (typeof t.CLAIM_STATES)[number];
  version: number;
  updatedAt: string;
  reviewNote: string;
  pendingRevisionId: number | null;
  partyName: string;
  storyTitle: string;
};

function selectDeskClaims(db: Db) {
  return db
    .select(deskClaimColumns)
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .innerJoin(t.stories, eq(t.stories.id, t.claims.storyId));
}

export const DESK_LIST_LIMIT = 500;

/**
 * The desk's claim list: by state, by author, and by words in the statement, venue, speaker or
 * story; most recently changed first, at most DESK_LIST_LIMIT rows.
 */
export function listDeskClaims(db: Db, filter: { state?: (typeof t.CLAIM_STATES)[number]; authorId?: number; text?: string }): DeskClaimRow[] {
  const conditions: SQL[] = [];
  if (filter.state) conditions.push(eq(t.claims.state, filter.state));
  if (filter.authorId !== undefined) conditions.push(eq(t.claims.authorId, filter.authorId));
  const text = filter.text?.trim().slice(0, 200);
  if (text) {
    const pattern = likePattern(text);
    conditions.push(
      or(
        sql`${t.claims.statement} LIKE ${pattern} ESCAPE '\\'`,
        sql`${t.claims.venue} LIKE ${pattern} ESCAPE '\\'`,
        sql`${t.parties.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${t.stories.title} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  // One where() with every condition: drizzle keeps only the last of several where() calls.
  return selectDeskClaims(db)
    .where(and(...conditions))
    .orderBy(desc(t.claims.updatedAt), desc(t.claims.id))
    .limit(DESK_LIST_LIMIT)
    .all();
}

/** The desk's front page lists this many claims waiting for review, the longest-waiting first. */
export const DASHBOARD_WAITING = 20;
/** The review queue's page size. */
export const REVIEW_QUEUE_PAGE = 50;

// The dashboard's and the queue's reads, built once per connection (every desk visit makes them).
const claimsOfAuthorOpen = preparedOnce((db) =>
  selectDeskClaims(db)
    .where(
      and(
        eq(t.claims.authorId, sql.placeholder('authorId')),
        or(inArray(t.claims.state, ['draft', 'in_review']), isNotNull(t.claims.pendingRevisionId)),
      ),
    )
    .orderBy(desc(t.claims.updatedAt))
    .limit(50)
    .prepare(),
);
const recentlyChanged = preparedOnce((db) => selectDeskClaims(db).orderBy(desc(t.claims.updatedAt), desc(t.claims.id)).limit(20).prepare());

export function dashboard(db: Db, user: SessionUser) {
  const mine = claimsOfAuthorOpen(db).all({ authorId: user.id });
  const waiting = can(user, 'review:claim') ? reviewQueue(db, 1, DASHBOARD_WAITING) : null;
  const recent = recentlyChanged(db).all();
  return { mine, waiting, recent };
}

/**
 * Claims an editor must look at: submitted drafts, and edits of published claims, the
 * longest-waiting first, a page at a time. The condition is the partial index claims_waiting's
 * own, written out with literals (db/schema/story.ts): SQLite uses a partial index only for a
 * query whose WHERE contains the index's, so a page reads its rows in order from the index, and
 * the count reads the index alone, however long the queue.
 */
const WAITING = sql.raw(`(claims.state = 'in_review' OR claims.pending_revision_id IS NOT NULL)`);

const waitingCount = preparedOnce((db) => db.select({ n: sql<number>`count(*)` }).from(t.claims).where(WAITING).prepare());
const waitingPage = preparedOnce((db) =>
  selectDeskClaims(db)
    .where(WAITING)
    .orderBy(t.claims.updatedAt, t.claims.id)
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(),
);

export function reviewQueue(db: Db, page = 1, pageSize = REVIEW_QUEUE_PAGE): Paged<DeskClaimRow> {
  const total = waitingCount(db).get()!.n;
  const { limit, offset } = pageWindow(page, pageSize);
  return paged(waitingPage(db).all({ limit, offset }), page, pageSize, total);
}

/** Who sent a waiting claim to review and when: its newest submission or proposed edit. */
export type Submission = { by: string | null; at: string };

export function submissionsOf(db: Db, claimIds: number[]): Map<number, Submission> {
  if (claimIds.length === 0) return new Map();
  const rows = db.all<{ claimId: number; by: string | null; at: string }>(sql`
    SELECT r.entity_id AS claimId, u.name AS by, r.created_at AS at
    FROM revisions r LEFT JOIN users u ON u.id = r.author_id
    WHERE r.entity_type = 'claim' AND r.event IN ('submitted', 'edit_proposed')
      AND r.entity_id IN (SELECT value FROM json_each(${JSON.stringify(claimIds)}))
    ORDER BY r.entity_id, r.version`);
  // Ordered by version: the last row of each claim is its newest submission.
  return new Map(rows.map((r) => [r.claimId, { by: r.by, at: r.at }]));
}
