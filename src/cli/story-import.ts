/**
 * `npm run story:import -- <file.json> --as <email>`: rebuild a story exported with
 * `npm run story:export` in the database at DATABASE_PATH, in one transaction (all or nothing).
 * `--as` names the desk user (an editor or admin) who becomes the author of what needs one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db.js';
import { runCommand, UsageError } from '../ops/cli.js';
import { importStoryArchive } from '../stories/archive.js';

const USAGE = `Usage: npm run story:import -- <file.json> --as <email>

  --as   the email of an editor or admin of this Claimdesk: they are recorded as the author of
         the imported claims, captures, revisions and corrections (users are not exported).`;

runCommand('story:import', () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { as: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('Give one story file.');
  if (!parsed.values.as) throw new UsageError('Say who imports it: --as <email>.');
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), parsed.positionals[0]!);
  let archive: unknown;
  try {
    archive = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = openDatabase(loadConfig().databasePath);
  migrateDatabase(db);
  const user = db.$client.prepare("SELECT id FROM users WHERE email = ? AND role IN ('editor', 'admin') AND disabled_at IS NULL").get(parsed.values.as.trim().toLowerCase()) as { id: number } | undefined;
  if (!user) throw new UsageError(`There is no active editor or admin ${parsed.values.as} here.`);
  const result = importStoryArchive(db, archive, user.id);
  process.stdout.write(
    `Imported “${result.story}”: ${result.claims} claims, ${result.sources} sources, ${result.partiesCreated} new parties (${result.partiesReused} already here)${result.idsKept ? '' : '; some records got new numbers, so their addresses changed'}.\n`,
  );
  return 0;
});
