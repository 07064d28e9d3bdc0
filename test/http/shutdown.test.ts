/**
 * The shutdown deadline (src/http/shutdown.ts), on the real server process: a request still in
 * flight when SHUTDOWN_TIMEOUT_SECONDS runs out is cut off, logged in one line naming its method
 * and path, and the exit status says so (2). A stop with nothing in flight exits 0.
 * (test/hardening/shutdown.test.ts covers requests finishing within the deadline.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../hardening/backup-support.js';
import { exitWithin, spawnServer, waitUntilServing, type Spawned } from '../server/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-deadline-'));
const started: Spawned[] = [];
after(() => {
  for (const spawned of started) spawned.killGroup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const server = spawnServer({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: path.join(dir, `${name}.sqlite`),
    ADMIN_EMAIL: 'deadline@newsroom.test',
    ADMIN_PASSWORD: 'a long deadline test password',
    ...env,
  });
  started.push(server);
  await waitUntilServing(`http://127.0.0.1:${port}`, server);
  return { server, port };
}

test('a request still uploading at the shutdown deadline is cut off, logged, and the exit status is 2', { timeout: 60_000 }, async () => {
  const { server, port } = await start('cut-off', { SHUTDOWN_TIMEOUT_SECONDS: '1' });
  const body = 'email=deadline%40newsroom.test&password=never-finished';
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.write(
    [
      'POST /login?next=%2Fdesk HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${body.length}`,
      'Expect: 100-continue',
      '',
      '',
    ].join('\r\n'),
  );
  for (let i = 0; i < 100 && !received.includes('100 Continue'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(received, /100 Continue/, 'the request reached the app');
  socket.write(body.slice(0, 8)); // and never the rest

  const signalled = Date.now();
  server.child.kill('SIGTERM');
  const exit = await exitWithin(server, 10_000);
  const seconds = (Date.now() - signalled) / 1000;
  socket.destroy();

  assert.equal(exit.code, 2, server.output().slice(-2000));
  assert.ok(seconds >= 0.9 && seconds < 5, `stopped at the deadline (${seconds.toFixed(1)} s)`);
  const cut = server.output().split('\n').filter((line) => line.includes('cut off: '));
  assert.equal(cut.length, 1, server.output().slice(-2000));
  const line = JSON.parse(cut[0]!) as Record<string, unknown>;
  assert.equal(line.method, 'POST');
  assert.equal(line.path, '/login', 'the path, without its query string');
  assert.match(String(line.msg), /POST \/login$/);
});

test('a stop with nothing in flight exits 0 at once', { timeout: 60_000 }, async () => {
  const { server } = await start('clean', { SHUTDOWN_TIMEOUT_SECONDS: '30' });
  const signalled = Date.now();
  server.child.kill('SIGTERM');
  const exit = await exitWithin(server, 10_000);
  assert.equal(exit.code, 0, server.output().slice(-2000));
  assert.ok(Date.now() - signalled < 5000);
  assert.doesNotMatch(server.output(), /cut off/);
});

test('SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds: a wrong value stops the start naming it', { timeout: 30_000 }, async () => {
  const server = spawnServer({ PORT: '0', DATABASE_PATH: path.join(dir, 'bad.sqlite'), SHUTDOWN_TIMEOUT_SECONDS: 'soon' });
  started.push(server);
  const exit = await exitWithin(server, 20_000);
  assert.equal(exit.code, 1);
  assert.match(server.stderr(), /SHUTDOWN_TIMEOUT_SECONDS/);
});
