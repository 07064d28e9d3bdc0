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
  // Ranked on the narrow columns first, then only the entries shown are read whole: the window
  // runs over every stance of the shown parties in the story, the claims' text over a few per cell.
  const rows = db.all<CellRow>(sql`
    WITH ranked AS (
      SELECT st.question_id AS questionId, c.party_id AS partyId, st.claim_id AS claimId,
        row_number() OVER (PARTITION BY st.question_id, c.party_id ORDER BY c.said_on DESC, c.id DESC) AS rank,
        count(*) OVER (PARTITION BY st.question_id, c.party_id) AS cellTotal
      FROM claims c JOIN stances st ON st.claim_id = c.id
      WHERE c.story_id = ${storyId} AND c.state = 'published'
        AND c.party_id IN (SELECT value FROM json_each(${JSON.stringify([...byId.keys()])}))
        AND (${questionIds ? 0 : 1} OR st.question_id IN (SELECT value FROM json_each(${JSON.stringify(questionIds ?? [])})))
    )
    SELECT r.questionId AS questionId, r.partyId AS partyId, r.cellTotal AS cellTotal, st.position AS position, st.note AS note,
      c.id AS id, c.statement AS statement, c.form AS form, c.type AS type, c.said_on AS saidOn,
      c.date_precision AS datePrecision, c.venue AS venue, c.rating AS rating
    FROM ranked r
    JOIN claims c ON c.id = r.claimId
    JOIN stances st ON st.claim_id = r.claimId AND st.question_id = r.questionId
    WHERE r.rank <= ${perCell}
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
  const rows = db.all<{ questionId: number; id: number; slug: string; name: string; claimCount: number; positions: string }>(sql`
    SELECT st.question_id AS questionId, p.id AS id, p.slug AS slug, p.name AS name,
      count(*) AS claimCount, group_concat(DISTINCT st.position) AS positions
    FROM claims c JOIN stances st ON st.claim_id = c.id JOIN parties p ON p.id = c.party_id
    WHERE c.story_id = ${storyId} AND c.state = 'published'
      AND (${questionIds ? 0 : 1} OR st.question_id IN (SELECT value FROM json_each(${JSON.stringify(questionIds ?? [])})))
    GROUP BY st.question_id, p.id
    ORDER BY st.question_id, claimCount DESC, p.name, p.id`);
  return rows.map(({ questionId, positions, ...party }) => ({ questionId, party, positions: positions.split(',') as Position[] }));
}
