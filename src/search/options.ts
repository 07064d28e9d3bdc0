/**
 * The choices the search form offers: stories, and within a chosen story its questions and its
 * speakers. Bounded lists; a party outside them can still be named by a link (`?party=slug`).
 */
import type { Db } from '../db.js';
import type { Audience, SearchFilters } from './search.js';

export type SearchOptions = {
  stories: { slug: string; title: string }[];
  questions: { id: number; label: string }[];
  parties: { slug: string; name: string }[];
};

const LIMIT = 300;

export function searchOptions(db: Db, filters: SearchFilters, audience: Audience): SearchOptions {
  const sqlite = db.$client;
  const published = audience === 'public' ? "AND c.state = 'published'" : '';
  const stories = sqlite
    .prepare(`SELECT slug, title FROM stories s WHERE EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id ${published}) ORDER BY starts_on DESC, id DESC LIMIT ${LIMIT}`)
    .all() as SearchOptions['stories'];
  if (filters.storyId === undefined) return { stories, questions: [], parties: [] };
  const questions = sqlite
    .prepare('SELECT id, short_label AS label FROM questions WHERE story_id = ? ORDER BY position, id')
    .all(filters.storyId) as SearchOptions['questions'];
  const parties = sqlite
    .prepare(
      `SELECT slug, name FROM parties p WHERE EXISTS (SELECT 1 FROM claims c WHERE c.party_id = p.id AND c.story_id = ? ${published}) ORDER BY name LIMIT ${LIMIT}`,
    )
    .all(filters.storyId) as SearchOptions['parties'];
  return { stories, questions, parties };
}
