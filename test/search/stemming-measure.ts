/**
 * The measurement behind decision 019's tokenizer: on the fixture story, each query a reader
 * might type is run against the same rows indexed with `unicode61 remove_diacritics 2` alone
 * and with the porter stemmer in front of it. A row is relevant when it contains a word of the
 * query's family (written out by hand below: the inflections a reader means). Prints precision
 * and recall per query and on average. Run: `npx tsx test/search/stemming-measure.ts`.
 */
import { makeTestDb } from '../helpers/app.js';

const FAMILIES: Record<string, RegExp> = {
  officer: /\bofficers?\b/,
  missile: /\bmissiles?\b/,
  leaked: /\bleak(s|ed|ing)?\b/,
  intercept: /\bintercept(s|ed|ing|ion)?\b/,
  monitor: /\bmonitor(s|ed|ing)?\b/,
  compromise: /\bcompromis(e|ed|es|ing)\b/,
  involved: /\binvolv(e|ed|es|ing|ement)\b/,
  punish: /\bpunish(ed|es|ing|ment)?\b/,
  secret: /\bsecrets?\b/,
  recording: /\brecord(s|ed|ing|ings)?\b/,
  target: /\btarget(s|ed|ing)?\b/,
  ally: /\ball(y|ies)\b/,
  spy: /\bsp(y|ies)\b/,
  consequence: /\bconsequences?\b/,
  minister: /\bministers?\b/,
  general: /\bgenerals?\b/,
  news: /\bnews\b/,
  speaking: /\b(speak|speaks|speaking|spoke|spoken)\b/,
  Ukrainian: /\bukrainians?\b/,
  censure: /\bcensur(e|ed|es|ing)\b/,
};

const test = makeTestDb();
const sql = test.db.$client;
const rows = sql.prepare('SELECT rowid, title, speaker, notes FROM search_index').all() as { rowid: number; title: string; speaker: string | null; notes: string | null }[];
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const report: Record<string, { precision: number; recall: number }[]> = {};
for (const tokenizer of ['unicode61 remove_diacritics 2', 'porter unicode61 remove_diacritics 2']) {
  const table = `measure_${tokenizer.startsWith('porter') ? 'porter' : 'plain'}`;
  sql.exec(`CREATE VIRTUAL TABLE ${table} USING fts5(title, speaker, notes, tokenize = '${tokenizer}')`);
  const insert = sql.prepare(`INSERT INTO ${table} (rowid, title, speaker, notes) VALUES (?, ?, ?, ?)`);
  for (const row of rows) insert.run(row.rowid, row.title, row.speaker, row.notes);
  const lines: string[] = [];
  report[tokenizer] = [];
  for (const [query, family] of Object.entries(FAMILIES)) {
    const found = new Set(sql.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(`"${query}"`) as number[]);
    const relevant = new Set(rows.filter((r) => family.test(fold(`${r.title} ${r.speaker ?? ''} ${r.notes ?? ''}`))).map((r) => r.rowid));
    const hit = [...found].filter((id) => relevant.has(id)).length;
    const precision = found.size ? hit / found.size : 1;
    const recall = relevant.size ? hit / relevant.size : 1;
    report[tokenizer]!.push({ precision, recall });
    lines.push(`  ${query.padEnd(12)} found ${String(found.size).padStart(3)} relevant ${String(relevant.size).padStart(3)}  P ${precision.toFixed(2)}  R ${recall.toFixed(2)}`);
  }
  const mean = (k: 'precision' | 'recall') => report[tokenizer]!.reduce((s, r) => s + r[k], 0) / report[tokenizer]!.length;
  console.log(`${tokenizer}: mean precision ${mean('precision').toFixed(3)}, mean recall ${mean('recall').toFixed(3)}`);
  console.log(lines.join('\n'));
}
test.close();
