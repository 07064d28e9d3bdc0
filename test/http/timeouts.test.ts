/**
 * Request and header timeouts (src/http/timeouts.ts) on the real server process, with a real
 * socket: a client that sends its headers and then trickles the body, or trickles its headers,
 * is cut off within the configured time (here 1 s / 2 s), not after Node's default 300 s.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../hardening/backup-support.js';
import { spawnServer, waitUntilServing, type Spawned } from '../server/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-timeouts-'));
let server: Spawned;
let port: number;

before(async () => {
  port = await freePort();
  server = spawnServer({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: path.join(dir, 'timeouts.sqlite'),
    ADMIN_EMAIL: 'timeouts@newsroom.test',
    ADMIN_PASSWORD: 'a long timeouts test password',
    HEADERS_TIMEOUT_SECONDS: '1',
    REQUEST_TIMEOUT_SECONDS: '2',
  });
  await waitUntilServing(`http://127.0.0.1:${port}`, server);
});

after(() => {
  server?.killGroup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `parts` one every `everyMs`, and resolves when the server closes the connection. */
function trickle(parts: string[], everyMs: number): Promise<{ seconds: number; received: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    let next = 0;
    const timer = setInterval(() => {
      if (next < parts.length && !socket.destroyed) socket.write(parts[next++]!);
    }, everyMs);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ seconds: (Date.now() - started) / 1000, received });
    });
  });
}

test('headers sent, then a body trickled byte by byte: cut off at REQUEST_TIMEOUT_SECONDS', { timeout: 30_000 }, async () => {
  const body = 'email=slow%40newsroom.test&password=' + 'x'.repeat(200);
  const head = [
    'POST /login HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${body.length}`,
    '',
    '',
  ].join('\r\n');
  // The whole body would take 200 × 100 ms = 20 s.
  const { seconds, received } = await trickle([head, ...body.split('')], 100);
  assert.ok(seconds >= 1.8, `not cut off before the limit (${seconds.toFixed(1)} s)`);
  assert.ok(seconds < 4, `cut off within the limit and one check interval (${seconds.toFixed(1)} s)`);
  assert.match(received, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout');
});

test('headers trickled: cut off at HEADERS_TIMEOUT_SECONDS', { timeout: 30_000 }, async () => {
  const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` + 'X-Slow: ' + 'y'.repeat(100);
  const { seconds, received } = await trickle(head.split(''), 50);
  assert.ok(seconds >= 0.9, `not cut off before the limit (${seconds.toFixed(1)} s)`);
  assert.ok(seconds < 3, `cut off within the limit and one check interval (${seconds.toFixed(1)} s)`);
  assert.doesNotMatch(received, /HTTP\/1\.1 200/);
});

test('a quick request on the same server is unaffected', async () => {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.equal(response.status, 200);
});
