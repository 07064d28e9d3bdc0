/**
 * A synthetic newsroom in a new SQLite file, built through the real schema and migrations, for
 * measuring the pages at scale: `npm run bench:data -- --claims 100000 [--out file.sqlite]
 * [--seed text] [--force]`. Deterministic for a seed (made-up words, no article text). The load is
 * one transaction with `synchronous=OFF`; foreign keys stay on, and `foreign_key_check` and
 * `integrity_check` run at the end.
 *
 * The desk accounts share one password (BENCH_PASSWORD) hashed at scrypt 2^14, a quarter of a
 * second less per account than production's cost; sign-in works the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../../src/db.js';
import { createUser } from '../../src/users/service.js';
import { planNewsroom, type NewsroomSize } from './newsroom-plan.js';
import { writeNewsroom } from './newsroom-writer.js';

/** Bumped when the generator makes different data, so that older files are not reused. */
const GENERATOR_VERSION = 2;
export const DEFAULT_DATA_DIR = path.join(os.tmpdir(), 'claimdesk-bench');

/** Where a newsroom of `claims` lives in `dir` (npm run bench reuses it from there). */
export function newsroomFile(claims: number, dir = DEFAULT_DATA_DIR): string {
  return path.join(dir, `newsroom-v${GENERATOR_VERSION}-${claims}.sqlite`);
}

export const BENCH_PASSWORD = 'bench newsroom password';
export const BENCH_EDITOR = 'editor@bench.claimdesk.test';

export type NewsroomSummary = {
  file: string;
  seconds: number;
  /** Seconds per phase: plan, migrate and accounts, write, integrity checks. */
  phases: Record<string, number>;
  size: NewsroomSize;
  rows: Record<string, number>;
  megabytes: number;
};

const COUNTED = ['stories', 'questions', 'parties', 'party_roles', 'party_aliases', 'sources', 'source_snapshots', 'claims', 'stances', 'citations', 'claim_renderings', 'quote_checks', 'revisions', 'corrections'];

export async function generateNewsroom(options: { claims: number; file: string; seed?: string; force?: boolean }): Promise<NewsroomSummary> {
  const started = performance.now();
  const seed = options.seed ?? 'claimdesk-bench';
  const file = path.resolve(options.file);
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(file + suffix)) continue;
    if (!options.force) throw new Error(`${file + suffix} exists: pass --force to replace it`);
    fs.rmSync(file + suffix);
  }
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };
  const plan = planNewsroom(options.claims, seed);
  phase('plan');
  const db = openDatabase(file);
  let rows: Record<string, number>;
  try {
    migrateDatabase(db);
    const cost = { logN: 14 };
    const account = (role: 'admin' | 'editor' | 'journalist', email: string, name: string) =>
      createUser(db, { email, name, role, password: BENCH_PASSWORD }, null, cost);
    await account('admin', 'admin@bench.claimdesk.test', 'Bench Admin');
    const editor = await account('editor', BENCH_EDITOR, 'Bench Editor');
    const journalists = [
      await account('journalist', 'reporter-1@bench.claimdesk.test', 'First Reporter'),
      await account('journalist', 'reporter-2@bench.claimdesk.test', 'Second Reporter'),
    ];

    phase('migrate and accounts');
    db.$client.pragma('journal_mode = WAL');
    db.$client.pragma('synchronous = OFF');
    // Room for the whole load in memory, so the transaction does not spill pages before it commits.
    db.$client.pragma('cache_size = -524288');
    db.$client.transaction(() => writeNewsroom(db, plan, { editor, journalists }, seed)).immediate();
    db.$client.pragma('synchronous = FULL');
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    phase('write');

    const broken = db.$client.prepare('PRAGMA foreign_key_check').all();
    if (broken.length) throw new Error(`foreign_key_check found ${broken.length} rows, e.g. ${JSON.stringify(broken[0])}`);
    const integrity = db.$client.prepare('PRAGMA integrity_check').pluck().all();
    if (integrity.join() !== 'ok') throw new Error(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);

    phase('integrity checks');
    rows = Object.fromEntries(COUNTED.map((table) => [table, db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
  } finally {
    db.$client.close();
  }
  return { file, seconds: (performance.now() - started) / 1000, phases, size: plan.size, rows, megabytes: fs.statSync(file).size / 1e6 };
}

function readArguments(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { claims: { type: 'string', default: '100000' }, out: { type: 'string', default: '' }, seed: { type: 'string', default: 'claimdesk-bench' }, force: { type: 'boolean', default: false } },
  });
  const claims = Number(values.claims.replace(/_/g, ''));
  if (!Number.isInteger(claims) || claims < 20) throw new Error('--claims must be a whole number of at least 20');
  return { claims, out: values.out || newsroomFile(claims), seed: values.seed, force: values.force };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = readArguments(process.argv.slice(2));
    const summary = await generateNewsroom({ claims: args.claims, file: args.out, seed: args.seed, force: args.force });
    console.log(`${summary.file}: ${summary.megabytes.toFixed(1)} MB in ${summary.seconds.toFixed(1)} s`);
    console.log(Object.entries(summary.phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', '));
    console.log(Object.entries(summary.rows).map(([table, n]) => `${table} ${n}`).join(', '));
    console.log(`largest story: ${summary.size.largestStory} published claims; most prolific party: ${summary.size.prolificParty}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
