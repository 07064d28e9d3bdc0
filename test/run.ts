/**
 * Runs node's test runner over test files found by suffix. Node 20's `--test` takes no glob
 * patterns (they arrived in Node 21), so we list the files ourselves.
 * Usage: tsx test/run.ts <suffix> [node --test flags…], e.g. `.test.ts --test-concurrency=2`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = path.dirname(fileURLToPath(import.meta.url));
const [suffix = '.test.ts', ...flags] = process.argv.slice(2);

const files = fs
  .readdirSync(testDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith(suffix) || (suffix === '.test.ts' && file.endsWith('.test.tsx')))
  .filter((file) => !file.split(path.sep).includes('node_modules'))
  .map((file) => path.join('test', file))
  .sort();

if (files.length === 0) {
  console.error(`No test files ending in ${suffix} under test/.`);
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, ...files], {
  stdio: 'inherit',
  cwd: path.dirname(testDir),
});
process.exit(result.status ?? 1);
