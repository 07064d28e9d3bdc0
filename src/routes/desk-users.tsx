/** Placeholder until this desk area lands. */
import { Hono } from 'hono';
import type { Db } from '../db.js';
import type { AppEnv } from '../http/env.js';
import type { PasswordCost } from '../users/service.js';

export function userAdminRoutes(_db: Db, _options: { passwordCost: PasswordCost }) {
  return new Hono<AppEnv>();
}
