/**
 * `npm run test:hostile`: every input of the app against the whole Big List of Naughty Strings
 * (all ~485) and every special case, one request at a time, each shard on its own server and
 * database. Prints a line per target, then a summary with every failure, and exits 1 if any
 * request broke the rule (see hostile-targets.ts). `npm test` runs a deterministic sample of the
 * same (hostile.test.ts).
 *
 *   npm run test:hostile                       the whole corpus, in as many shards as CPUs (at most 4)
 *   npm run test:hostile -- --jobs 1           one process
 *   npm run test:hostile -- --only 'claim'     targets whose name matches
 *   npm run test:hostile -- --sample 40        the sample npm test uses
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runAll, type Failure, type Stats } from './hostile-targets.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const sample = option('--sample');
const only = option('--only');
const shard = option('--shard');
const jobs = Number(option('--jobs') ?? Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length)));
const SUMMARY = 'HOSTILE-SHARD-SUMMARY ';

type Summary = { stats: Stats[]; failures: Failure[] };

const pad = (s: string, n: number) => (s.length >= n ? `${s.slice(0, n - 1)}…` : s + ' '.repeat(n - s.length));

function statsLine(stats: Stats, failed: number) {
  const statuses = Object.entries(stats.statuses)
    .sort()
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  return `${pad(stats.target, 52)} ${pad(stats.origin, 11)} ${pad(String(stats.requests), 9)} ${pad((stats.ms / 1000).toFixed(1), 8)} ${statuses}${failed ? `  ✗ ${failed} failing` : ''}`;
}

/** One process: run its share of the targets, print a line per target and, for a parent, a summary line. */
async function runShard(): Promise<Summary> {
  const [index, count] = shard ? shard.split('/').map(Number) : [0, 1];
  let failuresSoFar = 0;
  const h = await runAll({
    mode: sample ? 'sample' : 'all',
    sampleSize: sample ? Number(sample) : undefined,
    only: only ? new RegExp(only, 'i') : undefined,
    select: (_, i) => i % count! === index,
    crawl: index === 0 || !shard,
    onTarget: (stats, harness) => {
      const failed = harness.failures.length - failuresSoFar;
      failuresSoFar = harness.failures.length;
      console.log(statsLine(stats, failed));
      for (const note of stats.notes) console.log(`    note: ${note}`);
    },
  });
  await h.stop();
  return { stats: h.stats, failures: h.failures };
}

function printSummary(summary: Summary, seconds: number) {
  const requests = summary.stats.reduce((n, s) => n + s.requests, 0);
  console.log(`\n${requests} requests over ${summary.stats.length} targets in ${seconds.toFixed(1)} s.`);
  if (summary.failures.length === 0) {
    console.log('No request answered 5xx, refused without a message, wrote anything while refusing, reflected markup, or took over 10 s.');
    return;
  }
  const byProblem = new Map<string, Failure[]>();
  for (const failure of summary.failures) {
    const key = `${failure.target} — ${failure.problems[0]!.replace(/: .*/s, '')}`;
    byProblem.set(key, [...(byProblem.get(key) ?? []), failure]);
  }
  console.log(`\n${summary.failures.length} failing requests, ${byProblem.size} kinds:\n`);
  for (const [key, failures] of byProblem) {
    console.log(`✗ ${key} (${failures.length}×)`);
    for (const f of failures.slice(0, 5)) {
      const logs = f.problems.filter((p) => p.startsWith('server log: '));
      console.log(`    ${f.case} → ${f.status}: ${f.problems.filter((p) => !logs.includes(p)).join(' | ').slice(0, 400)}`);
      for (const log of logs) console.log(`      ${log}`);
      if (f.snippet) console.log(`      page: ${f.snippet.slice(0, 200)}`);
    }
    if (failures.length > 5) console.log(`    … and ${failures.length - 5} more`);
  }
}

const started = performance.now();
if (shard) {
  // A child: its lines go to the parent, then its results as one JSON line.
  const summary = await runShard();
  console.log(SUMMARY + JSON.stringify(summary));
  process.exit(0);
} else if (jobs <= 1) {
  console.log(`Hostile input: ${sample ? `a sample of ${sample} BLNS strings` : 'the whole BLNS list'} plus the special cases${only ? `, targets matching /${only}/` : ''}.\n`);
  console.log(`${pad('target', 52)} ${pad('origin', 11)} ${pad('requests', 9)} ${pad('seconds', 8)} statuses`);
  const summary = await runShard();
  printSummary(summary, (performance.now() - started) / 1000);
  process.exit(summary.failures.length === 0 ? 0 : 1);
} else {
  console.log(`Hostile input: ${sample ? `a sample of ${sample} BLNS strings` : 'the whole BLNS list'} plus the special cases${only ? `, targets matching /${only}/` : ''}, in ${jobs} shards.\n`);
  console.log(`${pad('target', 52)} ${pad('origin', 11)} ${pad('requests', 9)} ${pad('seconds', 8)} statuses`);
  const self = fileURLToPath(import.meta.url);
  const results = await Promise.all(
    Array.from({ length: jobs }, (_, index) =>
      new Promise<Summary & { code: number }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', self, ...args.filter((a, i) => a !== '--jobs' && args[i - 1] !== '--jobs'), '--shard', `${index}/${jobs}`], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let summary: Summary = { stats: [], failures: [] };
        let buffered = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          buffered += chunk;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) !== -1) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.startsWith(SUMMARY)) summary = JSON.parse(line.slice(SUMMARY.length)) as Summary;
            else console.log(line);
          }
        });
        child.on('close', (code) => resolve({ ...summary, code: code ?? 1 }));
      }),
    ),
  );
  const merged: Summary = { stats: results.flatMap((r) => r.stats), failures: results.flatMap((r) => r.failures) };
  const crashed = results.filter((r) => r.code !== 0).length;
  if (crashed) merged.failures.push({ target: 'the run itself', case: `${crashed} shard(s) did not finish`, status: 0, problems: ['a shard exited with an error (see above)'], snippet: '' });
  printSummary(merged, (performance.now() - started) / 1000);
  process.exit(merged.failures.length === 0 ? 0 : 1);
}
