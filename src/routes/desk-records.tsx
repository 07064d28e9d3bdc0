/** Placeholder until this desk area lands. */
import { Hono } from 'hono';
import type { Db } from '../db.js';
import type { AppEnv } from '../http/env.js';

export function recordRoutes(_db: Db) {
  return new Hono<AppEnv>();
}
