/**
 * The addresses the benchmark and the statement count visit, read from the data: the heaviest
 * page of each kind, since that is where growth shows. The largest story, its question with the
 * most published stances, the party with the most published claims, that story's claim with the
 * most stances (its "other parties say" is the longest), and the source most published claims cite.
 */
import Database from 'better-sqlite3';

export type BenchPage = { name: string; path: string; desk?: boolean; cached?: boolean };

export type BenchTargets = { pages: BenchPage[]; facts: Record<string, number | string> };

export function benchTargets(file: string): BenchTargets {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(sql: string, ...params: unknown[]) => {
      const row = db.prepare(sql).get(...params) as T | undefined;
      if (!row) throw new Error(`${file}: nothing for ${sql}`);
      return row;
    };
    const story = one<{ id: number; slug: string; n: number }>(
      `SELECT s.id, s.slug, count(*) AS n FROM claims c JOIN stories s ON s.id = c.story_id
       WHERE c.state = 'published' GROUP BY s.id ORDER BY n DESC, s.id LIMIT 1`,
    );
    const question = one<{ slug: string; n: number }>(
      `SELECT q.slug, count(*) AS n FROM stances st JOIN questions q ON q.id = st.question_id JOIN claims c ON c.id = st.claim_id
       WHERE q.story_id = ? AND c.state = 'published' GROUP BY q.id ORDER BY n DESC, q.id LIMIT 1`,
      story.id,
    );
    const party = one<{ slug: string; n: number }>(
      `SELECT p.slug, count(*) AS n FROM claims c JOIN parties p ON p.id = c.party_id
       WHERE c.state = 'published' GROUP BY p.id ORDER BY n DESC, p.id LIMIT 1`,
    );
    const claim = one<{ id: number; n: number }>(
      `SELECT c.id, count(*) AS n FROM claims c JOIN stances st ON st.claim_id = c.id
       WHERE c.story_id = ? AND c.state = 'published' GROUP BY c.id ORDER BY n DESC, c.id LIMIT 1`,
      story.id,
    );
    const source = one<{ id: number; n: number }>(
      `SELECT ci.source_id AS id, count(*) AS n FROM citations ci JOIN claims c ON c.id = ci.claim_id
       WHERE c.state = 'published' GROUP BY ci.source_id ORDER BY n DESC, ci.source_id LIMIT 1`,
    );
    const published = one<{ n: number }>("SELECT count(*) AS n FROM claims WHERE state = 'published'");
    return {
      pages: [
        { name: 'home', path: '/' },
        { name: 'story', path: `/stories/${story.slug}` },
        { name: 'question', path: `/stories/${story.slug}/questions/${question.slug}` },
        { name: 'timeline', path: `/stories/${story.slug}/timeline` },
        { name: 'party', path: `/parties/${party.slug}` },
        { name: 'claim', path: `/claims/${claim.id}` },
        { name: 'source', path: `/sources/${source.id}` },
        { name: 'api claim', path: `/api/v1/claims/${claim.id}` },
        { name: 'api claims', path: `/api/v1/claims?story=${story.slug}` },
        // The feed and the health check are not in the page cache: "cached" measures them as they are.
        { name: 'corrections.atom', path: '/corrections.atom', cached: false },
        { name: 'healthz', path: '/healthz', cached: false },
        { name: 'desk (editor)', path: '/desk', desk: true, cached: false },
      ],
      facts: {
        'published claims': published.n,
        'story claims': story.n,
        'question stances': question.n,
        'party claims': party.n,
        'claim stances': claim.n,
        'source citations': source.n,
      },
    };
  } finally {
    db.close();
  }
}

/** Claims waiting for review, oldest first: what the editor publishes during the benchmark. */
export function claimsInReview(file: string): number[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id FROM claims WHERE state = 'in_review' ORDER BY id").pluck().all() as number[];
  } finally {
    db.close();
  }
}
