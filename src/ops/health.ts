/**
 * What `/healthz` reports about the database: only what readers could count for themselves
 * (published claims) and nothing about the desk. Reads still work when writes fail (disk full,
 * read-only): `degraded`, so a load balancer keeps sending readers while monitoring sees that saves
 * are failing.
 */
import type { Db } from '../db.js';
import { writeHealth } from '../storage/write-health.js';

export function databaseHealth(db: Db) {
  const sqlite = db.$client;
  const journalMode = sqlite.pragma('journal_mode', { simple: true });
  const migrations = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
  const published = sqlite.prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get();
  const generation = sqlite.prepare('SELECT generation FROM publication_state WHERE id = 1').pluck().get();
  const storage = writeHealth(sqlite);
  return {
    status: storage.writable ? ('ok' as const) : ('degraded' as const),
    database: { reachable: true, journalMode, migrationsApplied: migrations, publishedClaims: published, publicationGeneration: generation },
    storage,
  };
}
