/**
 * `/healthz`: the database's state as JSON, for load balancers and deploy checks. Anyone can read
 * it, so it says only what readers could count for themselves (published claims) and nothing about
 * the desk (drafts, unpublished stories); a failure is logged, and answered without its details.
 * `degraded` says the last write failed on storage, when, and its SQLite code, until a write succeeds.
 */
import { Hono } from 'hono';
import type { Db } from '../db.js';
import type { Log } from '../http/env.js';
import { databaseHealth } from '../ops/health.js';

export function healthRoutes(db: Db, log: Log) {
  const routes = new Hono();
  routes.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      // `degraded` is still a 200: readers keep being served while saves fail (see ops/health).
      return c.json(databaseHealth(db));
    } catch (error) {
      log({ level: 'error', msg: 'health check failed', error: String(error) });
      return c.json({ status: 'error', database: { reachable: false } }, 503);
    }
  });
  return routes;
}
