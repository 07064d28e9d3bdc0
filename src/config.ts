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
  /** The newsroom that publishes the fact-checks: the author of ClaimReview data and of the feeds. */
  PUBLISHER_NAME: z.string().trim().min(1).max(200).default('Claimdesk'),
  /** Its home page, for ClaimReview's author (default: the site's own origin). */
  PUBLISHER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** `off` renders every public page afresh: for measuring rendering (npm run bench), not for production. */
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  /** On SIGTERM, how long in-flight requests may take before they are cut off (exit status 2). */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(8),
  /** The whole request (headers and body) must arrive within this; Node's own default is 300 s. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** An idle keep-alive connection is closed after this (above the proxy's own idle timeout when it reuses connections). */
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
}).refine((env) => env.HEADERS_TIMEOUT_SECONDS <= env.REQUEST_TIMEOUT_SECONDS, {
  path: ['HEADERS_TIMEOUT_SECONDS'],
  message: 'must not be longer than REQUEST_TIMEOUT_SECONDS',
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** Set when served behind a proxy; an https origin turns on Secure cookies and HSTS. */
  publicOrigin: string | undefined;
  /**
   * The one origin absolute URLs are built from and forms must come from: PUBLIC_ORIGIN, else
   * http://HOST:PORT (localhost for a wildcard HOST). Never the request's Host header.
   */
  origin: string;
  trustProxy: boolean;
  session: { idleMinutes: number; maxHours: number };
  firstAdmin: { email: string | undefined; password: string | undefined };
  /** The publishing organisation named in ClaimReview and feeds (PUBLISHER_NAME, PUBLISHER_URL). */
  publisher: { name: string; url: string };
  pageCache: boolean;
  shutdownTimeoutMs: number;
  http: { requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number };
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
    origin: parsed.data.PUBLIC_ORIGIN ?? localOrigin(parsed.data.HOST, parsed.data.PORT),
    trustProxy: parsed.data.TRUST_PROXY,
    session: { idleMinutes: parsed.data.SESSION_IDLE_MINUTES, maxHours: parsed.data.SESSION_MAX_HOURS },
    firstAdmin: { email: parsed.data.ADMIN_EMAIL?.toLowerCase(), password: parsed.data.ADMIN_PASSWORD },
    publisher: {
      name: parsed.data.PUBLISHER_NAME,
      url: parsed.data.PUBLISHER_URL ?? `${parsed.data.PUBLIC_ORIGIN ?? localOrigin(parsed.data.HOST, parsed.data.PORT)}/`,
    },
    pageCache: parsed.data.PAGE_CACHE === 'on',
    shutdownTimeoutMs: parsed.data.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    http: {
      requestTimeoutMs: parsed.data.REQUEST_TIMEOUT_SECONDS * 1000,
      headersTimeoutMs: parsed.data.HEADERS_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: parsed.data.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function localOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Origins the CSRF check accepts: config.origin, and on loopback without PUBLIC_ORIGIN its aliases on the same port. */
export function acceptedOrigins(config: Pick<Config, 'origin' | 'publicOrigin' | 'host' | 'port'>): Set<string> {
  const accepted = new Set([config.origin]);
  if (config.publicOrigin === undefined && isLoopbackHost(config.host)) {
    for (const alias of ['localhost', '127.0.0.1', '[::1]']) accepted.add(`http://${alias}:${config.port}`);
  }
  return accepted;
}

/** Lines to print at start-up about a risky but valid configuration. */
export function configWarnings(config: Pick<Config, 'publicOrigin' | 'host' | 'origin'>): string[] {
  if (config.publicOrigin !== undefined || isLoopbackHost(config.host)) return [];
  return [
    `Warning: HOST=${config.host} is not loopback and PUBLIC_ORIGIN is unset: forms are accepted only from ${config.origin} and links use it; set PUBLIC_ORIGIN to the address people use.`,
  ];
}

export { projectRoot };
