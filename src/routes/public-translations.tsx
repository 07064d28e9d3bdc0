/** The public list of a story's statements whose translations part ways (ADR 027). */
import { Hono } from 'hono';
import type { Db } from '../db.js';
import { NotFound } from '../errors.js';
import { pageShows } from '../http/page-cache.js';
import { currentSlug } from '../publication/former-slugs.js';
import { claimKey, sourceKey, storyKey } from '../publication/page-keys.js';
import { translationsPage } from '../stories/translations.js';
import { TranslationsPage } from '../../views/pages/translations.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function translationRoutes(db: Db) {
  const routes = new Hono();
  routes.get('/stories/:story/translations', (c) => {
    const slug = c.req.param('story');
    if (!SLUG.test(slug)) throw new NotFound();
    const data = translationsPage(db, slug);
    if (!data) {
      const renamed = currentSlug(db, 'story', slug);
      if (renamed) return c.redirect(`/stories/${renamed}/translations`, 301);
      throw new NotFound('There is no published story at this address.');
    }
    pageShows(c, [
      storyKey(data.story.id),
      ...data.claims.flatMap((claim) => [
        claimKey(claim.id),
        ...claim.words.renderings.flatMap((r) => (r.sourceId !== null ? [sourceKey(r.sourceId)] : [])),
      ]),
    ]);
    return c.html(<TranslationsPage data={data} />);
  });
  return routes;
}
