/**
 * Reading a story's narrative matrix in bounded pieces: for the parties shown, each cell's
 * latest entries and how many there are; for every party, only which positions it takes on
 * each question (what the comparison needs). The page never holds every claim of a big story.
 */
import { sql } from 'drizzle-orm';
import type { ClaimColumns } from '../claims/queries.js';
import type { Db } from '../db.js';
import type { CellEntry, PartyColumn, Position } from './narrative.js';

type CellRow = ClaimColumns & { questionId: number; partyId: number; cellTotal: number; position: Position; note: string };

export type CellEntries = { entries: CellEntry[]; total: number };

/** Cell key: question id and party id. */
export const cellKey = (questionId: number, partyId: number) => `${questionId}:${partyId}`;

/**
 * The latest `perCell` entries of each (question, party) cell for the given parties of a story,
 * newest first, with each cell's total. `questionIds` narrows to some questions.
 */
export function latestCellEntries(
  db: Db,
  storyId: number,
  parties: PartyColumn[],
  perCell: number,
  questionIds?: number[],
): Map<string, CellEntries> {
  const cells = new Map<string, CellEntries>();
  if (parties.length === 0) return cells;
  const byId = new Map(parties.map((p) => [p.id, p]));
  // The cells and their totals come from the counts the database keeps (question_party_positions);
  // then each cell's latest entries are read newest first from the index on (story, state, party,
  // date), `perCell` probes per cell: the cost follows the cells shown, not the story's claims.
  const rows = db.all<CellRow>(sql`
    WITH RECURSIVE cells AS (
      SELECT q.question_id AS questionId, q.party_id AS partyId, sum(q.claims) AS cellTotal
      FROM question_party_positions q JOIN questions qu ON qu.id = q.question_id
      WHERE qu.story_id = ${storyId}
        AND q.party_id IN (SELECT value FROM json_each(${JSON.stringify([...byId.keys()])}))
        AND (${questionIds ? 0 : 1} OR q.question_id IN (SELECT value FROM json_each(${JSON.stringify(questionIds ?? [])})))
      GROUP BY q.question_id, q.party_id
    ),
    -- Each cell's newest entry, then each next older one, down to perCell.
    picked(questionId, partyId, cellTotal, rank, claimId) AS (
      SELECT questionId, partyId, cellTotal, 1,
        (SELECT c2.id FROM claims c2 JOIN stances s2 ON s2.claim_id = c2.id AND s2.question_id = cells.questionId
          WHERE c2.story_id = ${storyId} AND c2.state = 'published' AND c2.party_id = cells.partyId
          ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
      FROM cells
      UNION ALL
      SELECT p.questionId, p.partyId, p.cellTotal, p.rank + 1,
        (SELECT c2.id FROM claims c2 JOIN stances s2 ON s2.claim_id = c2.id AND s2.question_id = p.questionId
          WHERE c2.story_id = ${storyId} AND c2.state = 'published' AND c2.party_id = p.partyId
            AND (c2.said_on, c2.id) < (SELECT said_on, id FROM claims WHERE id = p.claimId)
          ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
      FROM picked p
      WHERE p.rank < ${perCell} AND p.rank < p.cellTotal AND p.claimId IS NOT NULL
    )
    SELECT r.questionId AS questionId, r.partyId AS partyId, r.cellTotal AS cellTotal, st.position AS position, st.note AS note,
      c.id AS id, c.statement AS statement, c.form AS form, c.type AS type, c.said_on AS saidOn,
      c.date_precision AS datePrecision, c.venue AS venue, c.rating AS rating
    -- CROSS JOIN keeps this order: the few entries picked first, never a scan of every stance,
    -- which the planner otherwise prefers once it has statistics.
    FROM picked r
    CROSS JOIN claims c ON c.id = r.claimId
    CROSS JOIN stances st ON st.claim_id = r.claimId AND st.question_id = r.questionId
    ORDER BY r.questionId, r.partyId, r.rank`);
  for (const { questionId, partyId, cellTotal, position, note, ...claim } of rows) {
    const key = cellKey(questionId, partyId);
    const cell = cells.get(key) ?? { entries: [], total: cellTotal };
    cell.entries.push({ claim: { ...claim, party: byId.get(partyId)! }, position, note });
    cells.set(key, cell);
  }
  return cells;
}

type PartyPositions = { questionId: number; party: PartyColumn & { claimCount: number }; positions: Position[] };

/**
 * Which positions each party takes on each question of the story: one row per (question,
 * party) that has a published stance, most claims first. What the comparison summary needs.
 */
export function positionsByQuestion(db: Db, storyId: number, questionIds?: number[]): PartyPositions[] {
  // From the counts the database keeps: one row per (question, party, position), not per stance.
  const rows = db.all<{ questionId: number; id: number; slug: string; name: string; claimCount: number; positions: string }>(sql`
    SELECT q.question_id AS questionId, p.id AS id, p.slug AS slug, p.name AS name,
      sum(q.claims) AS claimCount, group_concat(q.position) AS positions
    FROM question_party_positions q JOIN questions qu ON qu.id = q.question_id JOIN parties p ON p.id = q.party_id
    WHERE qu.story_id = ${storyId}
      AND (${questionIds ? 0 : 1} OR q.question_id IN (SELECT value FROM json_each(${JSON.stringify(questionIds ?? [])})))
    GROUP BY q.question_id, p.id
    ORDER BY q.question_id, claimCount DESC, p.name, p.id`);
  return rows.map(({ questionId, positions, ...party }) => ({ questionId, party, positions: positions.split(',') as Position[] }));
}
