/**
 * `npm run test:crash [-- --rounds 60 --seed 1234]`: the long crash test (crash-harness.ts).
 * Prints a line per round and a summary line, `crash rounds=… acknowledged=… lost=0 integrity=ok`,
 * and exits 1 if any acknowledged write was lost or anything else was wrong. A failing run can be
 * replayed with the seed it printed.
 */
import { parseArgs } from 'node:util';
import { runCrashRounds, summaryLine } from './crash-harness.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  strict: true,
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 1000) {
  process.stderr.write('test:crash: --rounds takes a number from 1 to 1000\n');
  process.exit(1);
}
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(seed)) {
  process.stderr.write('test:crash: --seed takes an integer\n');
  process.exit(1);
}

process.stdout.write(`crash test: ${rounds} rounds, seed ${seed}\n`);
const summary = await runCrashRounds({ rounds, seed, onRound: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`) });
for (const line of [...summary.lost, ...summary.problems].slice(0, 50)) process.stdout.write(`  ! ${line}\n`);
if (summary.pragmas) process.stdout.write(`pragmas of the app's connection: ${Object.entries(summary.pragmas).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
process.stdout.write(`${summaryLine(summary)}\n`);
const ok = summary.lost.length === 0 && summary.problems.length === 0 && summary.acknowledged > 0;
process.exit(ok ? 0 : 1);
