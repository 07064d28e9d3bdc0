/**
 * `/healthz`: the database's state as JSON, for load balancers and deploy checks. Anyone can read
 * it, so it says only what readers could count for themselves (published claims) and nothing about
 * the desk (drafts, unpublished stories); a failure is logged, and answered without its details.
 * `degraded` says the last write failed on storage, when, and its SQLite code, until a write succeeds.
 */
import { Hono } from 'hono';
import type { Db } from '../db.js';
import type { Log } from '../http/env.js';
import { writeHealth } from '../storage/write-health.js';

export function healthRoutes(db: Db, log: Log) {
  const routes = new Hono();
  routes.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const sqlite = db.$client;
      const journalMode = sqlite.pragma('journal_mode', { simple: true });
      const migrations = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
      const published = sqlite.prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get();
      const generation = sqlite.prepare('SELECT generation FROM publication_state WHERE id = 1').pluck().get();
      // Reads still work when writes fail (disk full, read-only): `degraded`, still 200, so a load
      // balancer keeps sending readers while monitoring sees that saves are failing.
      const storage = writeHealth(sqlite);
      return c.json({
        status: storage.writable ? 'ok' : 'degraded',
        database: { reachable: true, journalMode, migrationsApplied: migrations, publishedClaims: published, publicationGeneration: generation },
        storage,
      });
    } catch (error) {
      log({ level: 'error', msg: 'health check failed', error: String(error) });
      return c.json({ status: 'error', database: { reachable: false } }, 503);
    }
  });
  return routes;
}
