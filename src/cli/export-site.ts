/**
 * `npm run export -- <dir> [--force]`: the whole public site of DATABASE_PATH as static files in
 * <dir> (src/export/static-site.ts), for any static host or CDN. Refuses a directory that is not
 * empty unless `--force`. PUBLIC_ORIGIN sets the absolute addresses in feeds and data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db.js';
import { exportStaticSite } from '../export/static-site.js';
import { formatBytes } from '../ops/files.js';
import { runCommand, UsageError } from '../ops/cli.js';

const USAGE = `Usage: npm run export -- <dir> [--force]

Writes every public page, feed, per-story download, API answer and asset of the database at
DATABASE_PATH into <dir>, byte for byte as the server sends them. Pages are <address>/index.html,
API answers <address>/index.json. Search and pages past the first of a list are not exported.`;

runCommand('export', async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const force = args.includes('--force');
  const positional = args.filter((a) => a !== '--force');
  if (positional.length !== 1) throw new UsageError('Give the directory to write the site into.');
  const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), positional[0]!);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !force) throw new UsageError(`${dir} is not empty (add --force to write into it).`);
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  const app = createApp({ db, config, log: () => {} });
  const files = await exportStaticSite(db, app, dir);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  process.stdout.write(`Exported ${files.length} files (${formatBytes(bytes)}) to ${dir}\n`);
  db.$client.close();
  return 0;
});
