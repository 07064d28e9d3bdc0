/**
 * Helpers for the tests that run Claimdesk as it runs in production — `src/server.ts` in its own
 * process, on a free port of 127.0.0.1 and a database file in a temporary directory — and the
 * backup/restore command-line tools beside it: picking a port, preparing a database with desk
 * accounts, starting and stopping the server, writing claims over HTTP, running a tool.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../../src/db.js';
import { createUser } from '../../src/users/service.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';
import { Client, TEST_PASSWORD, TEST_PASSWORD_COST } from '../helpers/app.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const JOURNALIST = 'backup-journalist@newsroom.test';
export const EDITOR = 'backup-editor@newsroom.test';

/** A port that was free a moment ago (the server binds it next; a clash is retried). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** A migrated database with the first story, a journalist and an editor (fast test password hashes). */
export async function prepareDatabase(file: string): Promise<void> {
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    loadFirstStoryIfEmpty(db);
    await createUser(db, { email: JOURNALIST, name: 'Backup Journalist', role: 'journalist', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    await createUser(db, { email: EDITOR, name: 'Backup Editor', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  } finally {
    db.$client.close();
  }
}

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal and wait for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

async function startOnce(databasePath: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`the server exited while starting:\n${output.slice(-2000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 30 s:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!gone) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** `src/server.ts` in its own process; waits until /healthz answers. */
export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(databasePath, env);
    } catch (error) {
      // Another process may have taken the port between our probe and the server's bind.
      if (attempt < 3 && error instanceof Error && /EADDRINUSE/.test(error.message)) continue;
      throw error;
    }
  }
}

export async function signIn(url: string, email: string): Promise<Client> {
  const client = new Client(url);
  const page = await client.post('/login', { email, password: TEST_PASSWORD });
  if (page.status !== 303) throw new Error(`sign-in as ${email} answered ${page.status}`);
  return client;
}

/** Create a draft claim through the desk's form; returns its id once the 303 arrived. */
export async function writeClaim(client: Client, marker: string): Promise<number> {
  const page = await client.post('/desk/claims', {
    story: '1',
    party: '2',
    statement: `BACKUP-TEST ${marker}: the leak proved “the direct involvement of the collective West”.`,
    form: 'paraphrase',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'unverified',
    rating_explanation: '',
    stance_question: ['1'],
    stance_position: ['asserts'],
    stance_note: [marker],
    citation_source: ['1'],
    citation_role: ['reports'],
    citation_passage: [`passage ${marker}`],
    comment: 'backup test',
  });
  const match = /^\/desk\/claims\/(\d+)/.exec(page.location ?? '');
  if (page.status !== 303 || !match) throw new Error(`writing ${marker} answered ${page.status}: ${page.body.slice(0, 300)}`);
  return Number(match[1]);
}

export type Run = { code: number | null; stdout: string; stderr: string };

/** Run `src/cli/<tool>.ts` with DATABASE_PATH set, as `npm run <tool>` would. */
export function runTool(tool: 'backup' | 'restore', args: string[], databasePath: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', `${tool}.ts`), ...args], {
      cwd: root,
      env: childEnv({ DATABASE_PATH: databasePath }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
