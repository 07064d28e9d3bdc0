/**
 * The benchmark's yardstick: a bare Hono route answering "Hello", served by @hono/node-server in
 * the same runtime as Claimdesk, so a page's throughput can be read as a share of what the stack
 * itself allows on this machine. `/bytes/N` answers N bytes of HTML from one Buffer made at the
 * first request: what a page of that size could reach if serving it cost nothing but its bytes.
 * PORT and HOST as for the server; stops on SIGTERM.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello'));

const bodies = new Map<number, Uint8Array<ArrayBuffer>>();
app.get('/bytes/:n{[0-9]{1,7}}', (c) => {
  const n = Number(c.req.param('n'));
  let body = bodies.get(n);
  if (!body) bodies.set(n, (body = new Uint8Array(n).fill(0x78)));
  return c.body(body, 200, { 'Content-Type': 'text/html; charset=UTF-8' });
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
