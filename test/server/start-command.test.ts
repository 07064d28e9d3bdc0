/**
 * `npm start` under a supervisor: the supervisor signals the process it started (npm). The
 * server must receive that SIGTERM and stop, freeing its port; a server left behind by a shell
 * or a wrapper keeps the port, and the restarted one fails with EADDRINUSE.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../hardening/backup-support.js';
import { exitWithin, spawnProcess, waitUntilServing, type Spawned } from './process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-start-'));
const started: Spawned[] = [];
after(() => {
  for (const spawned of started) spawned.killGroup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function listenOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

test('SIGTERM to `npm start` stops the server and frees the port', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const npm = spawnProcess('npm', ['start', '--silent'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: path.join(dir, 'npm-start.sqlite'),
    ADMIN_EMAIL: 'start@newsroom.test',
    ADMIN_PASSWORD: 'a long start command password',
  });
  started.push(npm);
  await waitUntilServing(`http://127.0.0.1:${port}`, npm);

  npm.child.kill('SIGTERM');
  const exit = await exitWithin(npm, 15_000);
  assert.equal(exit.code, 0, npm.output().slice(-2000));
  assert.match(npm.output(), /"msg":"SIGTERM: finishing in-flight requests"/, 'the server itself received the signal');
  assert.match(npm.output(), /"msg":"stopped"/);
  // Nothing left holding the port: a new server can listen on it at once.
  await listenOnce(port);
});
