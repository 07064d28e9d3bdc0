/**
 * The crash test's parent. Each round starts crash-child.ts on the same database file (a fresh
 * process: it migrates and opens what the last one left, without loading the first story twice),
 * collects the writes it acknowledges, and kills it with SIGKILL at a random moment — usually
 * while it is writing, sometimes while it is still starting (migrations, the first story, the
 * account). After each kill the files as the crash left them are copied aside and checked there,
 * so the next round restarts on the untouched crash state: every acknowledged write must be
 * present with its revision row, no claim may exist without its revision, `PRAGMA
 * integrity_check` must say `ok` and `foreign_key_check` nothing. Rounds are bounded in number
 * and time; everything runs on 127.0.0.1 in a temporary directory that is removed at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CRASH_STATEMENT_PREFIX, mulberry32, parseChildLine } from './crash-protocol.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const childScript = path.join(root, 'test', 'hardening', 'crash-child.ts');

export type CrashOptions = {
  rounds: number;
  seed: number;
  /** Writes a child makes before stopping by itself (if it is not killed first). */
  maxOpsPerRound?: number;
  workers?: number;
  /** After the child is ready, it is killed between minKillDelayMs and killWindowMs later. */
  killWindowMs?: number;
  minKillDelayMs?: number;
  /** Share of rounds killed at a random moment from spawn, start-up included. */
  earlyKillShare?: number;
  /** Per-round progress (the script prints it; the test does not). */
  onRound?: (line: string) => void;
};

export type CrashSummary = {
  seed: number;
  rounds: number;
  killed: number;
  killedBeforeReady: number;
  finishedByThemselves: number;
  acknowledged: number;
  creates: number;
  submits: number;
  /** Acknowledged writes missing (or wrong) after a crash, with the round that found it. */
  lost: string[];
  /** Anything else wrong: integrity, orphan rows, a child that failed, the first story twice. */
  problems: string[];
  integrity: 'ok' | 'failed';
  /** Committed writes whose acknowledgement the kill cut off (present but never acknowledged). */
  unacknowledgedPresent: number;
  pragmas: Record<string, string> | null;
  durationMs: number;
};

type Acks = { creates: Map<number, string>; submits: Set<number> };

type RoundResult = { killed: boolean; beforeReady: boolean; exitedCleanly: boolean; stderr: string; error: string | null };

function runRound(file: string, round: number, options: Required<Omit<CrashOptions, 'onRound' | 'rounds'>>, acks: Acks, random: () => number, pragmas: { value: Record<string, string> | null }): Promise<RoundResult> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_PATH: file,
      CRASH_ROUND: String(round),
      CRASH_SEED: String(options.seed),
      CRASH_MAX_OPS: String(options.maxOpsPerRound),
      CRASH_WORKERS: String(options.workers),
      NODE_OPTIONS: '',
    };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let ready = false;
    let killed = false;
    let error: string | null = null;
    const timers: NodeJS.Timeout[] = [];
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    // The first round always dies while starting: within 400 ms of the database file appearing,
    // that is during the migrations or the first story's load (each a single transaction), or
    // while the account is created. Other early rounds die at any moment from spawn.
    const first = round === 1;
    const early = first || random() < options.earlyKillShare;
    const delay = first
      ? Math.floor(random() * 400)
      : early
        ? Math.floor(random() * 2500)
        : options.minKillDelayMs + Math.floor(random() * Math.max(0, options.killWindowMs - options.minKillDelayMs));
    if (first) {
      const poll = setInterval(() => {
        if (!fs.existsSync(file)) return;
        clearInterval(poll);
        timers.push(setTimeout(kill, delay));
      }, 5);
      timers.push(poll);
    } else if (early) {
      timers.push(setTimeout(kill, delay));
    }
    timers.push(
      setTimeout(() => {
        error = `round ${round}: the child did not finish within 45 s`;
        kill();
      }, 45_000),
    );

    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (text) => {
      const line = parseChildLine(text);
      if (line.kind === 'create') acks.creates.set(line.id, line.marker);
      else if (line.kind === 'submit') acks.submits.add(line.id);
      else if (line.kind === 'pragmas') pragmas.value = line.values;
      else if (line.kind === 'ready') {
        ready = true;
        if (!early) timers.push(setTimeout(kill, delay));
      }
    });
    // 'close' comes after the process ended and its output was read to the end, so every line
    // that was in the pipe when it was killed has been counted.
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer); // clears intervals too
      const exitedCleanly = code === 0;
      if (!killed && !exitedCleanly && !error) error = `round ${round}: the child exited with ${code ?? signal}: ${stderr.trim().slice(-1500)}`;
      resolve({ killed, beforeReady: killed && !ready, exitedCleanly, stderr, error });
    });
  });
}

/** How far the database had got: tells which part of the start-up a kill interrupted. */
export type DatabaseStage = 'no file' | 'no tables' | 'migrated' | 'story loaded' | 'account created';

type Check = { lost: string[]; problems: string[]; unacknowledgedPresent: number; fixtureClaims: number | null; stage: DatabaseStage };

/** Check a database file (a copy of the crash state) against everything acknowledged so far. */
export function verifyDatabase(file: string, acks: Acks, expectedMigrations: number): Check {
  const lost: string[] = [];
  const problems: string[] = [];
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 3).join('; ')}`);
    const fkProblems = db.pragma('foreign_key_check') as unknown[];
    if (fkProblems.length) problems.push(`foreign_key_check: ${fkProblems.length} rows`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has('claims') || !tables.has('__drizzle_migrations')) {
      if (acks.creates.size) lost.push('the database has no claims table, yet writes were acknowledged');
      return { lost, problems, unacknowledgedPresent: 0, fixtureClaims: null, stage: 'no tables' };
    }
    const migrations = db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
    if (migrations !== 0 && migrations !== expectedMigrations) problems.push(`${migrations} migrations applied, expected ${expectedMigrations}`);

    const claim = db.prepare('SELECT statement, state FROM claims WHERE id = ?');
    const revision = db.prepare("SELECT event FROM revisions WHERE entity_type = 'claim' AND entity_id = ? AND version = ?").pluck();
    const stance = db.prepare('SELECT count(*) FROM stances WHERE claim_id = ? AND note = ?').pluck();
    const citation = db.prepare('SELECT count(*) FROM citations WHERE claim_id = ? AND passage = ?').pluck();
    for (const [id, marker] of acks.creates) {
      const row = claim.get(id) as { statement: string; state: string } | undefined;
      if (!row) lost.push(`claim ${id} (${marker}) is missing`);
      else if (!row.statement.startsWith(`${CRASH_STATEMENT_PREFIX}${marker} `)) lost.push(`claim ${id} holds another statement than ${marker}`);
      else if (revision.get(id, 1) !== 'created') lost.push(`claim ${id} (${marker}) has no 'created' revision`);
      else if (stance.get(id, `note ${marker}`) !== 1 || citation.get(id, `passage ${marker}`) !== 1) lost.push(`claim ${id} (${marker}) lost its stance or citation`);
    }
    for (const id of acks.submits) {
      const row = claim.get(id) as { state: string } | undefined;
      if (!row || row.state !== 'in_review') lost.push(`claim ${id}: acknowledged submission, state is ${row?.state ?? 'missing'}`);
      else if (revision.get(id, 2) !== 'submitted') lost.push(`claim ${id}: submitted without its 'submitted' revision`);
    }

    // Atomicity, acknowledged or not: no claim without its revision, no state change without its own.
    const ours = db.prepare('SELECT id, state, version FROM claims WHERE statement LIKE ?').all(`${CRASH_STATEMENT_PREFIX}%`) as { id: number; state: string; version: number }[];
    for (const row of ours) {
      if (revision.get(row.id, 1) !== 'created') problems.push(`claim ${row.id} exists without its 'created' revision`);
      if (row.version >= 2 && revision.get(row.id, 2) !== 'submitted') problems.push(`claim ${row.id} is at version ${row.version} without its revision`);
      if (row.state === 'in_review' && row.version !== 2) problems.push(`claim ${row.id} in review at version ${row.version}`);
    }
    const unacknowledgedPresent = ours.filter((row) => !acks.creates.has(row.id)).length;
    const stories = db.prepare('SELECT count(*) FROM stories').pluck().get() as number;
    if (stories > 1) problems.push(`${stories} stories: the first story was loaded more than once`);
    if (stories === 0 && acks.creates.size) lost.push('the first story is gone');
    const fixtureClaims = db.prepare('SELECT count(*) FROM claims WHERE statement NOT LIKE ?').pluck().get(`${CRASH_STATEMENT_PREFIX}%`) as number;
    const users = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
    const stage: DatabaseStage = users ? 'account created' : stories ? 'story loaded' : 'migrated';
    return { lost, problems, unacknowledgedPresent, fixtureClaims: stories ? fixtureClaims : null, stage };
  } finally {
    db.close();
  }
}

/** Copy the database and its WAL as the crash left them (no -shm: a restart rebuilds it). */
function copyCrashState(file: string, into: string): string | null {
  if (!fs.existsSync(file)) return null;
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  const copy = path.join(into, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

function migrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(root, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

export async function runCrashRounds(options: CrashOptions): Promise<CrashSummary> {
  const settings = {
    seed: options.seed,
    maxOpsPerRound: options.maxOpsPerRound ?? 400,
    workers: options.workers ?? 3,
    killWindowMs: options.killWindowMs ?? 1000,
    minKillDelayMs: options.minKillDelayMs ?? 0,
    earlyKillShare: options.earlyKillShare ?? 0.15,
  };
  const started = performance.now();
  const random = mulberry32(options.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-crash-'));
  const file = path.join(dir, 'live', 'claimdesk.sqlite');
  const acks: Acks = { creates: new Map(), submits: new Set() };
  const pragmas: { value: Record<string, string> | null } = { value: null };
  const expectedMigrations = migrationCount();
  const summary: CrashSummary = {
    seed: options.seed,
    rounds: 0,
    killed: 0,
    killedBeforeReady: 0,
    finishedByThemselves: 0,
    acknowledged: 0,
    creates: 0,
    submits: 0,
    lost: [],
    problems: [],
    integrity: 'ok',
    unacknowledgedPresent: 0,
    pragmas: null,
    durationMs: 0,
  };
  let fixtureClaims: number | null = null;
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const before = acks.creates.size + acks.submits.size;
      const result = await runRound(file, round, settings, acks, random, pragmas);
      summary.rounds = round;
      if (result.killed) summary.killed++;
      if (result.beforeReady) summary.killedBeforeReady++;
      if (result.exitedCleanly) summary.finishedByThemselves++;
      if (result.error) summary.problems.push(result.error);

      const copy = copyCrashState(file, path.join(dir, 'check'));
      let check: Check | null = null;
      if (copy) {
        check = verifyDatabase(copy, acks, expectedMigrations);
        summary.lost.push(...check.lost.map((line) => `round ${round}: ${line}`));
        summary.problems.push(...check.problems.map((line) => `round ${round}: ${line}`));
        summary.unacknowledgedPresent = check.unacknowledgedPresent;
        if (check.fixtureClaims !== null) {
          if (fixtureClaims !== null && check.fixtureClaims !== fixtureClaims) {
            summary.problems.push(`round ${round}: ${check.fixtureClaims} first-story claims, was ${fixtureClaims}`);
          }
          fixtureClaims = check.fixtureClaims;
        }
      } else if (acks.creates.size) {
        summary.lost.push(`round ${round}: the database file is gone`);
      }
      options.onRound?.(
        `round ${String(round).padStart(3)}: ${result.killed ? (result.beforeReady ? `killed while starting (database: ${check?.stage ?? 'no file'})` : 'killed while writing') : 'finished'}, ` +
          `+${acks.creates.size + acks.submits.size - before} acknowledged (total ${acks.creates.size + acks.submits.size}), ` +
          `lost ${check?.lost.length ?? 0}, problems ${(check?.problems.length ?? 0) + (result.error ? 1 : 0)}`,
      );
      // A child that cannot start at all would fail every round the same way: stop early.
      if (result.error && round >= 3 && acks.creates.size === 0) break;
    }
    // Finally the live file itself, opened the way a restart opens it.
    if (fs.existsSync(file)) {
      const final = verifyDatabase(file, acks, expectedMigrations);
      summary.lost.push(...final.lost.map((line) => `final: ${line}`));
      summary.problems.push(...final.problems.map((line) => `final: ${line}`));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  summary.creates = acks.creates.size;
  summary.submits = acks.submits.size;
  summary.acknowledged = summary.creates + summary.submits;
  summary.integrity = summary.problems.some((line) => /integrity_check|foreign_key_check/.test(line)) ? 'failed' : 'ok';
  summary.pragmas = pragmas.value;
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

/** `crash rounds=60 acknowledged=1234 lost=0 integrity=ok …` */
export function summaryLine(summary: CrashSummary): string {
  return (
    `crash rounds=${summary.rounds} killed=${summary.killed} (${summary.killedBeforeReady} while starting) ` +
    `acknowledged=${summary.acknowledged} (creates=${summary.creates} submits=${summary.submits}) ` +
    `lost=${summary.lost.length} problems=${summary.problems.length} integrity=${summary.integrity} ` +
    `unacknowledged-but-committed=${summary.unacknowledgedPresent} seed=${summary.seed} duration=${(summary.durationMs / 1000).toFixed(1)}s`
  );
}
