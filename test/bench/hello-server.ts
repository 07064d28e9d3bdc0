/**
 * The benchmark's yardstick: a bare Hono route answering "Hello", served by @hono/node-server in
 * the same runtime as Claimdesk, so a page's throughput can be read as a share of what the stack
 * itself allows on this machine. PORT and HOST as for the server; stops on SIGTERM.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello'));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
