/**
 * The desk's front page for one user: their drafts (and claims sent back to them), the claims
 * waiting for an editor, and what changed lately.
 */
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db.js';
import { likePattern } from '../lib/fields.js';

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

export function dashboard(db: Db, user: SessionUser) {
  const mine = selectDeskClaims(db)
    .where(
      and(
        eq(t.claims.authorId, user.id),
        or(inArray(t.claims.state, ['draft', 'in_review']), isNotNull(t.claims.pendingRevisionId)),
      ),
    )
    .orderBy(desc(t.claims.updatedAt))
    .limit(50)
    .all();
  const waiting = can(user, 'review:claim') ? reviewQueue(db) : [];
  const recent = selectDeskClaims(db).orderBy(desc(t.claims.updatedAt), desc(t.claims.id)).limit(20).all();
  return { mine, waiting, recent };
}

/** Claims an editor must look at: submitted drafts, and edits of published claims. */
export function reviewQueue(db: Db): DeskClaimRow[] {
  return selectDeskClaims(db)
    .where(or(eq(t.claims.state, 'in_review'), isNotNull(t.claims.pendingRevisionId)))
    .orderBy(t.claims.updatedAt)
    .all();
}

export { selectDeskClaims };
