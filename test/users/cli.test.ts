/**
 * `npm run user:add`, run as a child process on its own database file (DATABASE_PATH): a
 * generated password printed once and forced to change; `--password-stdin` taking the password
 * from a pipe; and clear one-line errors with exit code 1 for bad arguments, a bad role, a
 * duplicate email or a weak password — never a stack trace. And `npm run user:reset-password`
 * on the accounts it made.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { verifyPassword } from '../../src/auth/passwords.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(root, 'src', 'cli', 'user-add.ts');
const resetScript = path.join(root, 'src', 'cli', 'user-reset-password.ts');

type Run = { code: number | null; stdout: string; stderr: string };

function userAdd(args: string[], databasePath: string, stdin?: string, command = script): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', command, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, NODE_OPTIONS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

type UserRecord = { id: number; email: string; name: string; role: string; password_hash: string; must_change_password: number };

describe('npm run user:add', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-cli-'));
    file = path.join(dir, 'desk.sqlite');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function users(): UserRecord[] {
    if (!fs.existsSync(file)) return [];
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT * FROM users ORDER BY id').all() as UserRecord[];
    } finally {
      db.close();
    }
  }

  function assertUserError(run: Run, message: RegExp) {
    assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(run.stderr, /Error:/);
  }

  test('by default: a generated password, printed once, that must be changed', async () => {
    const run = await userAdd(['--email', 'Ada@Newsroom.test', '--name', 'Ada Lovelace', '--role', 'editor'], file);
    assert.equal(run.code, 0, run.stderr);
    const password = /^\s{6}(\S+)$/m.exec(run.stdout)?.[1];
    assert.ok(password, `a password in: ${run.stdout}`);
    assert.equal(run.stdout.split(password).length, 2, 'printed exactly once');
    assert.match(run.stdout, /Created editor Ada Lovelace <ada@newsroom\.test>/);
    const [user] = users();
    assert.equal(user!.email, 'ada@newsroom.test');
    assert.equal(user!.role, 'editor');
    assert.equal(user!.must_change_password, 1);
    assert.ok(!user!.password_hash.includes(password));
    assert.ok(await verifyPassword(password, user!.password_hash));
    // The first account is not an admin: the operator is told no one can manage accounts yet.
    assert.match(run.stderr, /not an admin/);
    // The audit log has it, with no actor (the command line).
    const db = new Database(file, { readonly: true });
    const event = db.prepare("SELECT actor_id, target_id FROM audit_events WHERE action = 'user_created'").get();
    db.close();
    assert.deepEqual(event, { actor_id: null, target_id: user!.id });
  });

  test('--password-stdin: the password comes from the pipe, is not printed and need not be changed', async () => {
    const password = 'a passphrase from a pipe';
    const run = await userAdd(['--email', 'grace@newsroom.test', '--name', 'Grace Hopper', '--role', 'admin', '--password-stdin'], file, `${password}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!run.stdout.includes(password));
    assert.doesNotMatch(run.stdout, /One-time password/);
    const user = users().find((u) => u.email === 'grace@newsroom.test')!;
    assert.equal(user.role, 'admin');
    assert.equal(user.must_change_password, 0);
    assert.ok(await verifyPassword(password, user.password_hash), 'the trailing newline is not part of it');
  });

  test('a duplicate email: exit 1 with a clear message, nothing added', async () => {
    const before = users().length;
    const run = await userAdd(['--email', 'ADA@newsroom.test', '--name', 'Another Ada', '--role', 'journalist'], file);
    assertUserError(run, /^user:add: A user with this email already exists\.$/m);
    assert.equal(users().length, before);
  });

  test('bad arguments: exit 1 with a message naming the problem, nothing added', async () => {
    const before = users().length;
    const cases: [string[], RegExp, string?][] = [
      [['--email', 'x@newsroom.test', '--name', 'X', '--role', 'owner'], /Unknown role “owner”: use journalist, editor, admin/],
      [['--email', 'x@newsroom.test', '--name', 'X'], /Missing --role/],
      [['--name', 'X', '--role', 'editor'], /Missing --email/],
      [['--email', 'x@newsroom.test', '--name', '  ', '--role', 'editor'], /Missing --name/],
      [['--email', 'x@newsroom.test', '--name', 'X', '--role', 'editor', '--admin'], /Unknown option '--admin'/],
      [['--email', 'x@newsroom.test', '--name', 'X', '--role', 'editor', 'extra'], /Unexpected argument 'extra'/],
      [['--email', 'not-an-email', '--name', 'X', '--role', 'editor'], /Enter a valid email address/],
      [['--email', 'x@newsroom.test', '--name', 'X', '--role', 'editor', '--password-stdin'], /at least 12 characters/, 'short\n'],
      [['--email', 'x@newsroom.test', '--name', 'X', '--role', 'editor', '--password-stdin'], /No password came on standard input/, ''],
    ];
    // Independent runs that write nothing: side by side, to keep the suite quick.
    const runs = await Promise.all(cases.map(([args, , stdin]) => userAdd(args, file, stdin)));
    runs.forEach((run, i) => assertUserError(run, cases[i]![1]));
    assert.equal(users().length, before);
  });

  test('a configuration error is named in one line, not thrown', async () => {
    const run = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, '--email', 'y@newsroom.test', '--name', 'Y', '--role', 'editor'], {
        cwd: root,
        env: { ...process.env, DATABASE_PATH: file, SESSION_IDLE_MINUTES: 'forever', NODE_OPTIONS: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assertUserError(run, /SESSION_IDLE_MINUTES/);
  });

  test('user:reset-password: a new one-time password printed once, sessions ended, the reset audited as from the command line', async () => {
    const ada = users().find((u) => u.email === 'ada@newsroom.test')!;
    const db = new Database(file);
    db.prepare("INSERT INTO sessions (user_id, token_hash, expires_at) VALUES (?, ?, '2999-01-01')").run(ada.id, 'f'.repeat(64));
    db.close();
    const run = await userAdd(['--email', ' ADA@newsroom.test '], file, undefined, resetScript);
    assert.equal(run.code, 0, run.stderr);
    const password = /^\s{6}(\S+)$/m.exec(run.stdout)?.[1];
    assert.ok(password, `a password in: ${run.stdout}`);
    assert.equal(run.stdout.split(password).length, 2, 'printed exactly once');
    const after = users().find((u) => u.id === ada.id)!;
    assert.ok(await verifyPassword(password, after.password_hash));
    assert.equal(after.must_change_password, 1);
    const check = new Database(file, { readonly: true });
    assert.equal(check.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(ada.id), 0);
    assert.deepEqual(check.prepare("SELECT actor_id, target_id, detail FROM audit_events WHERE action = 'password_reset'").all(), [
      { actor_id: null, target_id: ada.id, detail: JSON.stringify({ via: 'command line' }) },
    ]);
    check.close();

    const unknown = await userAdd(['--email', 'nobody@newsroom.test'], file, undefined, resetScript);
    assertUserError(unknown, /^user:reset-password: No account has the email nobody@newsroom\.test\.$/m);
    assertUserError(await userAdd([], file, undefined, resetScript), /Missing --email/);
  });

  test('--help prints how to use it and exits 0', async () => {
    const run = await userAdd(['--help'], path.join(dir, 'unused.sqlite'));
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: npm run user:add -- --email <email> --name <name> --role <journalist\|editor\|admin>/);
    assert.equal(fs.existsSync(path.join(dir, 'unused.sqlite')), false, 'no database is touched');
  });
});
