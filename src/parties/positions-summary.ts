/**
 * A party's positions at a glance, for the top of its page: per question it has spoken on, which
 * positions its published claims take and how many claims there are, latest activity first.
 * One grouped statement over the party's own claims (the claims_party_state_date index), and a
 * bounded number of lines: a party quoted in a hundred stories gets the latest and a count.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import type { Position } from '../stories/narrative.js';

export type PositionLine = {
  story: { id: number; slug: string; title: string };
  question: { slug: string; proposition: string; shortLabel: string };
  positions: Position[];
  claimCount: number;
  latest: string;
};

export type PositionsSummary = { lines: PositionLine[]; total: number };

const ORDER: Position[] = ['asserts', 'denies', 'qualifies', 'declines'];

export function positionsSummary(db: Db, partyId: number, limit = 40): PositionsSummary {
  const rows = db.all<{
    storyId: number; storySlug: string; storyTitle: string; slug: string; proposition: string; shortLabel: string;
    positions: string; claimCount: number; latest: string; total: number;
  }>(sql`
    WITH lines AS (
      SELECT st.question_id AS questionId, count(*) AS claimCount, group_concat(DISTINCT st.position) AS positions,
        max(c.said_on) AS latest
      FROM claims c JOIN stances st ON st.claim_id = c.id
      WHERE c.party_id = ${partyId} AND c.state = 'published'
      GROUP BY st.question_id
    )
    SELECT s.id AS storyId, s.slug AS storySlug, s.title AS storyTitle, q.slug AS slug, q.proposition AS proposition,
      q.short_label AS shortLabel, l.positions AS positions, l.claimCount AS claimCount, l.latest AS latest,
      (SELECT count(*) FROM lines) AS total
    FROM lines l JOIN questions q ON q.id = l.questionId JOIN stories s ON s.id = q.story_id
    ORDER BY max(l.latest) OVER (PARTITION BY s.id) DESC, s.id, q.position, q.id
    LIMIT ${limit}`);
  return {
    total: rows[0]?.total ?? 0,
    lines: rows.map((r) => ({
      story: { id: r.storyId, slug: r.storySlug, title: r.storyTitle },
      question: { slug: r.slug, proposition: r.proposition, shortLabel: r.shortLabel },
      positions: ORDER.filter((p) => r.positions.split(',').includes(p)),
      claimCount: r.claimCount,
      latest: r.latest,
    })),
  };
}
