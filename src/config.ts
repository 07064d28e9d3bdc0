/**
 * Configuration, read once from the environment at start and validated, so that a wrong value
 * stops the app with a message naming the variable instead of failing later.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default(path.join(projectRoot, 'db', 'claimdesk.sqlite')),
  /** The address readers and journalists use, e.g. https://claims.example.org, when behind a proxy. */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .optional(),
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for throttling, logs). */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'use at least 12 characters').max(200).optional(),
  /** `off` renders every public page afresh: for measuring rendering (npm run bench), not for production. */
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** Set when served behind a proxy; an https origin turns on Secure cookies and HSTS. */
  publicOrigin: string | undefined;
  trustProxy: boolean;
  session: { idleMinutes: number; maxHours: number };
  firstAdmin: { email: string | undefined; password: string | undefined };
  pageCache: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // Never echo a secret back into a log.
      const got = name.includes('PASSWORD') ? '' : ` (got ${JSON.stringify(env[name])})`;
      return `  ${issue.path.join('.')}: ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    databasePath: path.resolve(parsed.data.DATABASE_PATH),
    publicOrigin: parsed.data.PUBLIC_ORIGIN,
    trustProxy: parsed.data.TRUST_PROXY,
    session: { idleMinutes: parsed.data.SESSION_IDLE_MINUTES, maxHours: parsed.data.SESSION_MAX_HOURS },
    firstAdmin: { email: parsed.data.ADMIN_EMAIL?.toLowerCase(), password: parsed.data.ADMIN_PASSWORD },
    pageCache: parsed.data.PAGE_CACHE === 'on',
  };
}

export { projectRoot };
