/** What middleware puts on the request context for the routes: the user, and the client's address. */
import type { Context } from 'hono';
import type { SessionUser } from '../auth/sessions.js';

export type AppEnv = {
  Variables: {
    user: SessionUser | null;
    clientIp: string;
    requestId: string;
  };
};

export type AppContext = Context<AppEnv>;

/** Where the app writes its structured log lines (one JSON object each). */
export type Log = (line: Record<string, unknown>) => void;
