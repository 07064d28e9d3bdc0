/**
 * `npm run bench:profile -- --file DB [--runs 30] [--statements]`: where a fresh render's time
 * goes, in process, without HTTP. Each benchmark page (test/bench/bench-targets.ts) is rendered
 * with the page cache off, `runs` times after a warm-up; every SQL statement is timed. Prints per
 * page the fastest total and the fastest time in SQL (the least disturbed by a busy machine) (the rest is routing, hono/jsx and encoding),
 * the statements per render and, with --statements, the slowest statements.
 * Works on a private copy of the database (signing in writes a session).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db.js';
import { benchTargets } from './bench-targets.js';
import { BENCH_EDITOR, BENCH_PASSWORD } from './generate.js';

const { values } = parseArgs({ options: { file: { type: 'string' }, runs: { type: 'string', default: '30' }, statements: { type: 'boolean', default: false } } });
if (!values.file) throw new Error('--file DB is needed');
const copy = `${values.file}.profile.sqlite`;
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
new Database(values.file, { readonly: true }).backup(copy).then(main);

async function main() {
  const db = openDatabase(copy);
  // As a start does (src/ops/first-start.ts): migrations, then the planner's statistics.
  migrateDatabase(db);
  db.$client.pragma('analysis_limit = 1000');
  db.$client.pragma('optimize = 0x10002');
  // Time every statement: patch the Statement prototype (drizzle calls all/get/run/values).
  const Statement = Object.getPrototypeOf(db.$client.prepare('SELECT 1'));
  let sqlMs = 0;
  let count = 0;
  const bySql = new Map<string, { ms: number; n: number }>();
  for (const method of ['all', 'get', 'run'] as const) {
    const original = Statement[method];
    Statement[method] = function (this: Database.Statement, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        sqlMs += ms;
        count++;
        const known = bySql.get(this.source) ?? { ms: 0, n: 0 };
        known.ms += ms;
        known.n++;
        bySql.set(this.source, known);
      }
    };
  }
  const app = createApp({ db, config: loadConfig({ DATABASE_PATH: copy }), log: () => {}, cachePages: false });
  const login = await app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' },
    body: new URLSearchParams({ email: BENCH_EDITOR, password: BENCH_PASSWORD }).toString(),
  });
  const cookie = login.headers.getSetCookie().find((line) => line.includes('session='))?.split(';')[0];
  if (!cookie) throw new Error(`signing in answered ${login.status}`);
  const runs = Number(values.runs);
  const best = (xs: number[]) => Math.min(...xs);
  console.log('| page | total ms | SQL ms | other ms | statements | KB |\n|:--|--:|--:|--:|--:|--:|');
  for (const page of benchTargets(values.file!).pages) {
    if (page.name === 'healthz') continue;
    const headers = page.desk ? { Cookie: cookie } : undefined;
    for (let i = 0; i < 3; i++) await (await app.request(page.path, { headers })).arrayBuffer();
    const totals: number[] = [];
    const sqls: number[] = [];
    let statements = 0;
    let bytes = 0;
    bySql.clear();
    for (let i = 0; i < runs; i++) {
      sqlMs = 0;
      count = 0;
      const started = performance.now();
      const response = await app.request(page.path, { headers });
      bytes = (await response.arrayBuffer()).byteLength;
      totals.push(performance.now() - started);
      sqls.push(sqlMs);
      statements = count;
      if (response.status !== 200) console.warn(`${page.path}: ${response.status}`);
    }
    const total = best(totals);
    const inSql = best(sqls);
    console.log(`| ${page.name} | ${total.toFixed(2)} | ${inSql.toFixed(2)} | ${(total - inSql).toFixed(2)} | ${statements} | ${(bytes / 1024).toFixed(1)} |`);
    if (values.statements) {
      for (const [source, { ms, n }] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4)) {
        console.log(`    ${(ms / runs).toFixed(2)} ms/render ×${(n / runs).toFixed(0)}  ${source.replace(/\s+/g, ' ').slice(0, 220)}`);
      }
    }
  }
  db.$client.close();
  if (!process.env.KEEP_PROFILE_COPY) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
}
