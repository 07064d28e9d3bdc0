/**
 * Stopping Claimdesk with SIGTERM, as a supervisor does, with `src/server.ts` in its own process.
 * Two sign-ins are in flight when the signal arrives (one still uploading its form, one being
 * checked by scrypt); an idle keep-alive connection is open. The server must stop accepting
 * connections at once, finish both requests (their sessions are written to the database), close
 * the idle connection, close the database and exit with code 0 through its graceful path (not
 * its 10-second deadline). The database file is then complete on its own: no `-wal` content
 * left, integrity ok.
 *
 * A second test checks that a keep-alive connection whose request finished during the shutdown
 * does not hold the process for the keep-alive timeout.
 *
 * Raw sockets with `Expect: 100-continue` make "in flight" certain: Node answers `100 Continue`
 * once it has parsed the headers and handed the request to the app.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { startServer, type ServerProcess } from './backup-support.js';

const ADMIN_EMAIL = 'shutdown-admin@newsroom.test';
const ADMIN_PASSWORD = 'a long shutdown test password';

let dir: string;
const servers: ServerProcess[] = [];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-shutdown-'));
});

after(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(name: string) {
  const file = path.join(dir, `${name}.sqlite`);
  const server = await startServer(file, { ADMIN_EMAIL, ADMIN_PASSWORD });
  servers.push(server);
  return { file, server };
}

/** A connection that collects what the server sends, and tells when it ends. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(received)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  return {
    socket,
    closed,
    received: () => received,
    waitFor: (pattern: RegExp, ms = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(received)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; got: ${received.slice(0, 300)}`)), ms);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

function loginHead(port: number, body: string) {
  return [
    'POST /login HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Expect: 100-continue',
    '',
    '',
  ].join('\r\n');
}

/** Whether a new TCP connection is refused (the listening socket is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGTERM: in-flight requests finish, new connections are refused, the database is closed cleanly', { timeout: 60_000 }, async () => {
  const { file, server } = await start('in-flight');
  const { port } = server;
  const body = new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).toString();

  const idle = connect(port);
  idle.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
  await idle.waitFor(/"status":"ok"/);

  // Still uploading its form when the signal comes.
  const uploading = connect(port);
  uploading.socket.write(loginHead(port, body));
  await uploading.waitFor(/^HTTP\/1\.1 100 Continue/);
  uploading.socket.write(body.slice(0, 10));

  // Its form sent: the server is hashing the password (scrypt at production cost).
  const hashing = connect(port);
  hashing.socket.write(loginHead(port, body));
  await hashing.waitFor(/^HTTP\/1\.1 100 Continue/);
  hashing.socket.write(body);
  await sleep(20);

  const signalled = Date.now();
  server.child.kill('SIGTERM');

  let closedForNew = false;
  for (let attempt = 0; attempt < 100 && !closedForNew; attempt++) {
    closedForNew = await refused(port);
    if (!closedForNew) await sleep(20);
  }
  assert.ok(closedForNew, 'new connections are refused after SIGTERM');
  assert.doesNotMatch(uploading.received(), /HTTP\/1\.1 [2-5]\d\d/, 'the upload is still in flight');
  await idle.closed; // The idle keep-alive connection is closed by the server, not left to time out.

  uploading.socket.write(body.slice(10));
  await uploading.waitFor(/HTTP\/1\.1 303 [^]*\r\n\r\n/);
  await hashing.waitFor(/HTTP\/1\.1 303 [^]*\r\n\r\n/);
  for (const connection of [uploading, hashing]) {
    assert.match(connection.received(), /\r\nlocation: \/desk\r\n/i, 'signed in');
    assert.match(connection.received(), /\r\nset-cookie: /i, 'a session cookie');
    // Done with it, as a client told `Connection: close` would be (see the next test).
    connection.socket.end();
  }

  const exit = await server.exited;
  const seconds = (Date.now() - signalled) / 1000;
  assert.equal(exit.code, 0, server.output().slice(-2000));
  assert.match(server.output(), /"msg":"SIGTERM: finishing in-flight requests"/);
  // Only the graceful path logs this, after the server closed and the database was closed.
  assert.match(server.output(), /"msg":"stopped"/, `the database was closed by the graceful path (exit after ${seconds.toFixed(1)} s)`);

  const wal = `${file}-wal`;
  assert.ok(!fs.existsSync(wal) || fs.statSync(wal).size === 0, 'the WAL was checkpointed into the database file');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(db.prepare('SELECT count(*) FROM sessions').pluck().get(), 2, 'both sign-ins finished during shutdown were saved');
  } finally {
    db.close();
  }
});

test(
  'SIGTERM: a keep-alive connection whose request finished during the shutdown does not hold the exit',
  { timeout: 60_000 },
  async () => {
    const { server } = await start('keep-alive');
    const { port } = server;
    // An empty password is answered at once (422): no hashing, so only the connection's fate counts.
    const body = new URLSearchParams({ email: ADMIN_EMAIL, password: '' }).toString();
    const browser = connect(port);
    browser.socket.write(loginHead(port, body));
    await browser.waitFor(/^HTTP\/1\.1 100 Continue/);
    server.child.kill('SIGTERM');
    await sleep(100);
    browser.socket.write(body);
    await browser.waitFor(/HTTP\/1\.1 422 [^]*<\/html>/);
    const answered = Date.now();
    // The browser keeps the connection, as browsers do unless told `Connection: close`.
    const exit = await server.exited;
    const seconds = (Date.now() - answered) / 1000;
    assert.equal(exit.code, 0);
    assert.ok(seconds < 2, `exited ${seconds.toFixed(1)} s after the last response`);
  },
);
