/**
 * What the home page says of each story at a glance: which of its questions are contested (some
 * published claim asserts it and another denies it), out of how many. Two probes per question of
 * the stories shown, into the positions the database keeps per question and party (decision 018),
 * so the cost follows the page, not the size of the stories.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';

export type GlanceQuestion = { slug: string; shortLabel: string; proposition: string };
export type StoryGlance = { questionCount: number; contested: GlanceQuestion[] };

export function storyGlances(db: Db, storyIds: number[]): Map<number, StoryGlance> {
  const result = new Map<number, StoryGlance>(storyIds.map((id) => [id, { questionCount: 0, contested: [] }]));
  if (storyIds.length === 0) return result;
  // question_party_positions counts the stances of published claims only.
  const probe = (position: string) => sql`EXISTS (SELECT 1 FROM question_party_positions qp WHERE qp.question_id = q.id AND qp.position = ${position})`;
  const rows = db.all<GlanceQuestion & { storyId: number; contested: number }>(sql`
    SELECT q.story_id AS storyId, q.slug AS slug, q.short_label AS shortLabel, q.proposition AS proposition,
      (${probe('asserts')} AND ${probe('denies')}) AS contested
    FROM questions q
    WHERE q.story_id IN (SELECT value FROM json_each(${JSON.stringify(storyIds)}))
    ORDER BY q.story_id, q.position, q.id`);
  for (const { storyId, contested, ...question } of rows) {
    const glance = result.get(storyId)!;
    glance.questionCount++;
    if (contested) glance.contested.push(question);
  }
  return result;
}

/** Stories ordered by their latest publication, a page at a time (ids only). */
export function storiesByLatestActivity(db: Db, limit: number, offset: number): { id: number; latestPublishedAt: string | null }[] {
  return db.all(sql`
    SELECT id, latestPublishedAt FROM (
      SELECT s.id AS id,
        (SELECT max(c.published_at) FROM claims c WHERE c.story_id = s.id AND c.state = 'published') AS latestPublishedAt,
        (SELECT 1 FROM claims c WHERE c.story_id = s.id AND c.state = 'published' LIMIT 1) AS public
      FROM stories s
    ) WHERE public IS NOT NULL
    ORDER BY latestPublishedAt DESC, id DESC
    LIMIT ${limit} OFFSET ${offset}`);
}
