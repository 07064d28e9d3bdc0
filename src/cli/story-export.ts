/**
 * `npm run story:export -- <slug> <file>`: the whole story (drafts, history and archived captures
 * included) as one JSON file, for `npm run story:import` on another Claimdesk (src/stories/archive.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db.js';
import { runCommand, UsageError } from '../ops/cli.js';
import { exportStoryArchive } from '../stories/archive.js';

const USAGE = `Usage: npm run story:export -- <story-slug> <file.json>

Writes the story at DATABASE_PATH with its cast, questions, claims (every state), stances,
citations, quote checks, corrections, sources with their archived captures, revisions and former
slugs. It holds unpublished material: store it as you would a backup.`;

runCommand('story:export', () => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 2) throw new UsageError('Give the story’s slug and the file to write.');
  const [slug, file] = args as [string, string];
  const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists.`);
  const db = openDatabase(loadConfig().databasePath);
  migrateDatabase(db);
  const archive = exportStoryArchive(db, slug);
  fs.writeFileSync(target, `${JSON.stringify(archive, null, 1)}\n`, { mode: 0o600, flag: 'wx' });
  process.stdout.write(`Story “${slug}” written to ${target}: ${archive.tables.claims.length} claims, ${archive.tables.sources.length} sources.\n`);
  return 0;
});
