/**
 * A party's positions at a glance, for the top of its page: per question it has spoken on, which
 * positions its published claims take and how many claims there are, latest activity first.
 * Read from the counts the database keeps (db/schema/summaries.ts): the stories the party speaks
 * in (story_party_counts), their questions, and the party's positions on each
 * (question_party_positions), so the cost follows the lines, not the party's claims. Each line's
 * latest date walks the party's claims in that story newest first (the index on claims(story,
 * state, party, said_on)) to the first with a stance on the question. A bounded number of lines:
 * a party quoted in a hundred stories gets the latest and a count.
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
      SELECT q.id AS questionId, q.story_id AS storyId, sum(qp.claims) AS claimCount, group_concat(qp.position) AS positions
      FROM story_party_counts sp
      JOIN questions q ON q.story_id = sp.story_id
      JOIN question_party_positions qp ON qp.question_id = q.id AND qp.party_id = sp.party_id
      WHERE sp.party_id = ${partyId}
      GROUP BY q.id
    ),
    dated AS (
      SELECT l.*, (
        SELECT c.said_on FROM claims c
        WHERE c.story_id = l.storyId AND c.state = 'published' AND c.party_id = ${partyId}
          AND EXISTS (SELECT 1 FROM stances st WHERE st.claim_id = c.id AND st.question_id = l.questionId)
        ORDER BY c.said_on DESC LIMIT 1
      ) AS latest
      FROM lines l
    )
    SELECT s.id AS storyId, s.slug AS storySlug, s.title AS storyTitle, q.slug AS slug, q.proposition AS proposition,
      q.short_label AS shortLabel, l.positions AS positions, l.claimCount AS claimCount, l.latest AS latest,
      (SELECT count(*) FROM lines) AS total
    FROM dated l JOIN questions q ON q.id = l.questionId JOIN stories s ON s.id = q.story_id
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
