/**
 * Every address of the public site, for the static export (and the tests that compare sites):
 * the pages (a story's translations that part ways included), the Atom feeds (all claims, per story, per party, corrections), the per-story data, the API's documents and the assets. Read through the
 * publication rules (src/publication/visibility.ts and the page queries), so a draft's address
 * is never listed. Paginated pages past the first (`?page=2`) are not files a static host can
 * serve, so they are left to the live site.
 */
import { isPartyPublic } from '../parties/queries.js';
import { publicPartyIds, publicSourceIds, publicStoryIds } from '../publication/visibility.js';
import type { Db } from '../db.js';
import { assetUrls } from '../http/assets.js';
import { questionsOfStory } from '../stories/queries.js';

export function publicSitePaths(db: Db, options: { api?: boolean; assets?: boolean } = {}): string[] {
  const paths = ['/', '/corrections', '/corrections.atom', '/feed.atom'];
  const api = options.api ?? true;
  const storyIds = publicStoryIds(db);
  const stories = db.$client.prepare('SELECT id, slug FROM stories ORDER BY id').all() as { id: number; slug: string }[];
  for (const story of stories.filter((s) => storyIds.has(s.id))) {
    paths.push(`/stories/${story.slug}`, `/stories/${story.slug}/timeline`, `/stories/${story.slug}/claims.json`, `/stories/${story.slug}/claims.csv`, `/stories/${story.slug}/feed.atom`, `/stories/${story.slug}/translations`);
    for (const q of questionsOfStory(db, story.id)) paths.push(`/stories/${story.slug}/questions/${q.slug}`);
    if (api) paths.push(`/api/v1/stories/${story.slug}`, `/api/v1/stories/${story.slug}/questions`);
  }
  const claims = db.$client.prepare("SELECT id FROM claims WHERE state IN ('published', 'retracted') ORDER BY id").pluck().all() as number[];
  for (const id of claims) {
    paths.push(`/claims/${id}`);
    if (api) paths.push(`/api/v1/claims/${id}`);
  }
  // On record is wider than "has a page" for parties (a retracted claim's speaker): ask the page's rule.
  const partyIds = publicPartyIds(db);
  const parties = db.$client.prepare('SELECT id, slug FROM parties ORDER BY id').all() as { id: number; slug: string }[];
  const speakers = new Set(db.$client.prepare("SELECT DISTINCT party_id FROM claims WHERE state = 'published'").pluck().all() as number[]);
  for (const party of parties.filter((p) => partyIds.has(p.id) && isPartyPublic(db, p.id))) {
    paths.push(`/parties/${party.slug}`);
    // A party's feed lists its published claims: a party only in a cast has none.
    if (speakers.has(party.id)) paths.push(`/parties/${party.slug}/feed.atom`);
    if (api) paths.push(`/api/v1/parties/${party.slug}`);
  }
  const published = new Set(db.$client.prepare("SELECT DISTINCT ci.source_id FROM citations ci JOIN claims c ON c.id = ci.claim_id WHERE c.state = 'published'").pluck().all() as number[]);
  for (const id of [...publicSourceIds(db)].sort((a, b) => a - b).filter((id) => published.has(id))) {
    paths.push(`/sources/${id}`);
    if (api) paths.push(`/api/v1/sources/${id}`);
  }
  if (api) paths.push('/api/v1/openapi.json', '/api/v1/docs', '/api/v1/stories', '/api/v1/claims', '/api/v1/parties', '/api/v1/sources', '/api/v1/corrections');
  if (options.assets ?? true) paths.push(assetUrls.css, assetUrls.htmx);
  return paths;
}
