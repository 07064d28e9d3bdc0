/**
 * The story summaries (db/schema/summaries.ts) as they are kept, and as counted again from the
 * claims themselves: a test compares the two after whatever it did.
 */
export const SUMMARIES_KEPT = {
  stories: 'SELECT story_id, party_id, claims FROM story_party_counts ORDER BY 1, 2',
  questions: 'SELECT question_id, party_id, position, claims FROM question_party_positions ORDER BY 1, 2, 3',
  latest: 'SELECT question_id, party_id, claim_id, said_on FROM question_party_latest ORDER BY 1, 2',
};

export const SUMMARIES_FROM_SCRATCH = {
  stories: `SELECT story_id, party_id, count(*) AS claims FROM claims WHERE state = 'published' GROUP BY story_id, party_id ORDER BY 1, 2`,
  questions: `SELECT st.question_id, c.party_id, st.position, count(*) AS claims FROM stances st JOIN claims c ON c.id = st.claim_id
    WHERE c.state = 'published' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  latest: `SELECT question_id, party_id, claim_id, said_on FROM (
      SELECT st.question_id, c.party_id, c.id AS claim_id, c.said_on,
        row_number() OVER (PARTITION BY st.question_id, c.party_id ORDER BY c.said_on DESC, c.id DESC) AS n
      FROM stances st JOIN claims c ON c.id = st.claim_id JOIN questions q ON q.id = st.question_id
      WHERE c.state = 'published' AND c.story_id = q.story_id) WHERE n = 1 ORDER BY 1, 2`,
};
