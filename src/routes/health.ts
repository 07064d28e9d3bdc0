/** `/healthz`: the database's state as JSON, for load balancers and deploy checks. */
import { Hono } from 'hono';
import type { Db } from '../db.js';

export function healthRoutes(db: Db) {
  const routes = new Hono();
  routes.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const sqlite = db.$client;
      const journalMode = sqlite.pragma('journal_mode', { simple: true });
      const migrations = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
      const stories = sqlite.prepare('SELECT count(*) FROM stories').pluck().get();
      const published = sqlite.prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get();
      const generation = sqlite.prepare('SELECT generation FROM publication_state WHERE id = 1').pluck().get();
      return c.json({
        status: 'ok',
        database: { reachable: true, journalMode, migrationsApplied: migrations, stories, publishedClaims: published, publicationGeneration: generation },
      });
    } catch (error) {
      return c.json({ status: 'error', database: { reachable: false, error: String(error) } }, 503);
    }
  });
  return routes;
}
