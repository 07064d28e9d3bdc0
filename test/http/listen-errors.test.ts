/** The same port twice: the second server stops with one clear line, no stack trace, exit 1. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { exitWithin, spawnServer, type Spawned } from '../server/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-port-'));
const started: Spawned[] = [];
let holder: net.Server | undefined;
after(() => {
  for (const spawned of started) spawned.killGroup();
  holder?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a port already in use: "port N is already in use", exit 1', { timeout: 60_000 }, async () => {
  holder = net.createServer();
  const port = await new Promise<number>((resolve) => holder!.listen(0, '127.0.0.1', () => resolve((holder!.address() as net.AddressInfo).port)));
  const file = path.join(dir, 'port.sqlite');
  const server = spawnServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, ADMIN_PASSWORD: 'a long port test password' });
  started.push(server);
  const exit = await exitWithin(server, 30_000);
  assert.equal(exit.code, 1, server.output().slice(-2000));
  const lines = server.stderr().trim().split('\n');
  assert.equal(lines.length, 1, server.stderr());
  assert.match(lines[0]!, new RegExp(`port ${port} is already in use`));
  assert.doesNotMatch(server.stderr(), /^\s+at /m, 'no stack trace');
});
