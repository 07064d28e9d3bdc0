/**
 * Importing a newsroom's claim log from a spreadsheet (CSV as Google Sheets or Excel save it:
 * UTF-8 with or without a BOM, `,` or `;` between cells, newlines inside quoted cells).
 *
 * Three pure-ish steps, so that nothing is written until the journalist confirms:
 * `readSheet` parses the file, `planImport` maps columns, resolves speakers to parties and checks
 * every row (reading the database only), and `importPlan` writes the valid rows as drafts, with
 * the new parties and sources they need, in one transaction (decision 021): a failure anywhere
 * writes nothing. Each claim goes through `createClaim`, so it gets its revision like any other.
 */
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { can, type Actor } from '../auth/permissions.js';
import { writeTransaction, type Db } from '../db.js';
import { Forbidden, Invalid } from '../errors.js';
import { createClaim } from './service.js';
import { dayProblem, type NewParty, type NewSource } from './form.js';
import type { ClaimRecord } from './record.js';

export const IMPORT_FIELDS = ['speaker', 'statement', 'date', 'venue', 'source_url', 'source_title', 'form'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['speaker', 'statement', 'date'];
export const FIELD_LABELS: Record<ImportField, string> = {
  speaker: 'Speaker',
  statement: 'Statement',
  date: 'Date said',
  venue: 'Venue',
  source_url: 'Source URL',
  source_title: 'Source title',
  form: 'Form',
};

/** Rows in one file: enough for a year of a busy desk; a larger log is split. */
export const MAX_ROWS = 5000;
export const MAX_BYTES = 900 * 1024;

export type Sheet = { headers: string[]; rows: string[][]; delimiter: ',' | ';' };
/** Column index per field; a field left unmapped is absent. */
export type Mapping = Partial<Record<ImportField, number>>;

/** "C" for the third column, as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Parse the file's bytes; a file that is not a CSV we can read is an Invalid with a clear message. */
export function readSheet(input: Uint8Array | string): Sheet {
  if (typeof input !== 'string' && input.byteLength > MAX_BYTES) throw new Invalid(`The file is larger than ${Math.round(MAX_BYTES / 1024)} KB. Split it into smaller files.`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new Invalid('The file is not UTF-8 text. In Excel choose “Save as… CSV UTF-8”; in Google Sheets “Download → Comma-separated values”.');
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new Invalid('The file contains NUL characters: it is not a CSV file (an .xlsx perhaps?). Save it as CSV first.');
  if (!text.trim()) throw new Invalid('The file is empty.');
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : String(error);
    throw new Invalid(`The file could not be read as CSV: ${message.slice(0, 300)}`);
  }
  const [headers, ...rows] = records;
  if (!headers || rows.length === 0) throw new Invalid('The file has a header row but no rows of claims below it.');
  if (rows.length > MAX_ROWS) throw new Invalid(`The file has ${rows.length} rows; at most ${MAX_ROWS} are imported at once. Split it into smaller files.`);
  // Line breaks inside cells as \n, whichever system saved the file (browsers send CRLF back).
  return { headers: headers.map((h) => h.trim()), rows: rows.map((cells) => cells.map((cell) => cell.replace(/\r\n?/g, '\n'))), delimiter };
}

/** `;` when the header line (outside quotes) has more semicolons than commas: Excel in many locales. */
function guessDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const HEADER_WORDS: Record<ImportField, RegExp> = {
  speaker: /^(speaker|who|party|said by|name|person|author|wer|sprecher|sprecherin|qui|orateur)$/,
  statement: /^(statement|claim|quote|what was said|text|said|aussage|zitat|behauptung|citation|déclaration)$/,
  date: /^(date|said on|when|date said|day|datum|wann)$/,
  venue: /^(venue|where|occasion|context|medium|anlass|ort|lieu)$/,
  source_url: /^(source url|url|link|source link|source|quelle|quellen url)$/,
  source_title: /^(source title|title|headline|source name)$/,
  form: /^(form|quote type|kind of quote|forme)$/,
};

/** A first guess from the header names; the preview lets the journalist change every one. */
export function guessMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h, i) => !taken.has(i) && HEADER_WORDS[field].test(h.toLowerCase().replace(/[_\s]+/g, ' ').trim()));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export type SpeakerMatch = { kind: 'existing'; id: number; name: string } | { kind: 'new'; name: string };
export type RowError = { column: string; message: string };
export type PlannedRow = {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  row: number;
  values: Record<ImportField, string>;
  speaker: SpeakerMatch | null;
  errors: RowError[];
  claim: { statement: string; saidOn: string; venue: string; form: ClaimRecord['form']; source: { url: string | null; title: string } | null } | null;
};
export type ImportPlan = {
  storyId: number;
  rows: PlannedRow[];
  /** Problems with the mapping itself (a required field not mapped, a column used twice). */
  mappingErrors: string[];
  newParties: string[];
  valid: number;
};

const FORM_WORDS: Record<string, ClaimRecord['form']> = {
  verbatim: 'verbatim',
  quote: 'verbatim',
  'direct quote': 'verbatim',
  'partial quote': 'partial_quote',
  partial: 'partial_quote',
  partial_quote: 'partial_quote',
  paraphrase: 'paraphrase',
  paraphrased: 'paraphrase',
  reported: 'paraphrase',
  declined: 'declined',
  'declined to comment': 'declined',
  'no comment': 'declined',
};

/** ISO days, and the day-first forms European spreadsheets write (31.12.2024, 31/12/2024). */
function readDay(value: string): string {
  const v = value.trim();
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
  return v;
}

const normalName = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Speakers by name or alias, case and spacing ignored. */
function partyFinder(db: Db): (name: string) => { id: number; name: string } | undefined {
  const byName = new Map<string, { id: number; name: string }>();
  for (const p of db.select({ id: t.parties.id, name: t.parties.name }).from(t.parties).all()) byName.set(normalName(p.name), p);
  for (const a of db.select({ id: t.parties.id, name: t.parties.name, alias: t.partyAliases.alias }).from(t.partyAliases).innerJoin(t.parties, eq(t.parties.id, t.partyAliases.partyId)).all()) {
    if (!byName.has(normalName(a.alias))) byName.set(normalName(a.alias), { id: a.id, name: a.name });
  }
  return (name) => byName.get(normalName(name));
}

export function planImport(db: Db, sheet: Sheet, mapping: Mapping, storyId: number): ImportPlan {
  const mappingErrors: string[] = [];
  for (const field of REQUIRED_FIELDS) if (mapping[field] === undefined) mappingErrors.push(`Choose the column that holds “${FIELD_LABELS[field]}”.`);
  const used = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field];
    if (index === undefined) continue;
    if (index < 0 || index >= sheet.headers.length) mappingErrors.push(`“${FIELD_LABELS[field]}” names a column the file does not have.`);
    else if (used.has(index)) mappingErrors.push(`Column ${columnLetter(index)} is chosen for both “${FIELD_LABELS[used.get(index)!]}” and “${FIELD_LABELS[field]}”.`);
    else used.set(index, field);
  }
  const findParty = partyFinder(db);
  const newParties = new Map<string, string>();
  const rows = sheet.rows.map((cells, i): PlannedRow => {
    const values = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').trim()])) as Record<ImportField, string>;
    const errors: RowError[] = [];
    const column = (field: ImportField) => `${columnLetter(mapping[field] ?? 0)} “${sheet.headers[mapping[field] ?? 0] || FIELD_LABELS[field]}”`;
    const problem = (field: ImportField, message: string) => errors.push({ column: mapping[field] === undefined ? FIELD_LABELS[field] : column(field), message });

    let speaker: SpeakerMatch | null = null;
    if (!values.speaker) problem('speaker', 'Who said it? The speaker is empty.');
    else if (values.speaker.length > 200) problem('speaker', 'The speaker’s name is longer than 200 characters.');
    else {
      const found = findParty(values.speaker);
      speaker = found ? { kind: 'existing', ...found } : { kind: 'new', name: values.speaker.replace(/\s+/g, ' ') };
    }
    if (!values.statement) problem('statement', 'The statement is empty.');
    else if (values.statement.length > 5000) problem('statement', 'The statement is longer than 5,000 characters.');
    const saidOn = readDay(values.date);
    const dateProblem = values.date ? dayProblem(saidOn) : 'The date is empty.';
    if (dateProblem) problem('date', dateProblem === 'Enter the date as YYYY-MM-DD.' ? `“${values.date.slice(0, 40)}” is not a date: write 2024-03-01 or 01.03.2024.` : dateProblem);
    if (values.venue.length > 300) problem('venue', 'The venue is longer than 300 characters.');
    const form = values.form ? FORM_WORDS[values.form.toLowerCase().replace(/_/g, ' ').trim()] ?? FORM_WORDS[values.form.toLowerCase()] : 'paraphrase';
    if (!form) problem('form', `“${values.form.slice(0, 40)}” is not a form: use verbatim, partial quote, paraphrase or declined.`);
    let url: string | null = null;
    if (values.source_url) {
      try {
        const parsed = new URL(values.source_url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
        url = parsed.href;
      } catch {
        problem('source_url', `“${values.source_url.slice(0, 60)}” is not a web address (https://…).`);
      }
    }
    if (values.source_title.length > 500) problem('source_title', 'The source title is longer than 500 characters.');
    if (errors.length === 0 && speaker?.kind === 'new') newParties.set(normalName(speaker.name), speaker.name);
    return {
      row: i + 2,
      values,
      speaker,
      errors,
      claim:
        errors.length === 0
          ? { statement: values.statement, saidOn, venue: values.venue, form: form!, source: url || values.source_title ? { url, title: values.source_title } : null }
          : null,
    };
  });
  return {
    storyId,
    rows,
    mappingErrors,
    newParties: [...newParties.values()],
    valid: mappingErrors.length ? 0 : rows.filter((r) => r.claim).length,
  };
}

/** The publisher of a source known only by its address: its host, without "www.". */
function publisherOf(url: string | null): string {
  return url ? new URL(url).hostname.replace(/^www\./, '') : 'Unknown publisher';
}

/**
 * Write the plan's valid rows as draft claims of the story, creating the new parties (people) and
 * sources (news reports, found by URL first) they need: all in one transaction, or nothing.
 */
export function importPlan(db: Db, actor: Actor, plan: ImportPlan): { claims: number; parties: number; sources: number } {
  if (plan.mappingErrors.length) throw new Invalid(plan.mappingErrors[0]!);
  return writeTransaction(db, () => {
    // Inside the transaction: a role changed since the preview is seen.
    if (!can(actor, 'create:claim') || !can(actor, 'create:record')) throw new Forbidden('You cannot import claims.');
    const story = db.select({ id: t.stories.id }).from(t.stories).where(eq(t.stories.id, plan.storyId)).get();
    if (!story) throw new Invalid('The story chosen for the import no longer exists.');
    const parties = new Map<string, number>();
    const sources = new Map<string, number>();
    let createdParties = 0;
    let createdSources = 0;
    let claims = 0;
    for (const row of plan.rows) {
      if (!row.claim || !row.speaker) continue;
      const partyKey = normalName(row.speaker.name);
      const partyId = row.speaker.kind === 'existing' ? row.speaker.id : parties.get(partyKey);
      const newParty: NewParty | null = partyId === undefined ? { name: row.speaker.name, kind: 'person' } : null;
      const source = row.claim.source;
      const sourceKey = source ? (source.url ?? `title:${source.title}`) : '';
      let sourceId = source ? sources.get(sourceKey) : undefined;
      if (source && sourceId === undefined && source.url) {
        sourceId = db.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.url, source.url)).limit(1).get()?.id;
      }
      const newSource: NewSource | null =
        source && sourceId === undefined ? { title: source.title || source.url!, publisher: publisherOf(source.url), kind: 'news_report', url: source.url } : null;
      const id = createClaim(db, actor, {
        record: {
          storyId: story.id,
          partyId: partyId ?? 0,
          statement: row.claim.statement,
          form: row.claim.form,
          type: 'factual',
          saidOn: row.claim.saidOn,
          datePrecision: 'day',
          venue: row.claim.venue,
          rating: 'unverified',
          ratingExplanationMd: '',
          stances: [],
          citations: source ? [{ sourceId: sourceId ?? 0, role: 'original_venue', passage: '' }] : [],
        },
        newParty,
        newSource,
        comment: `Imported from a spreadsheet (row ${row.row})`,
      });
      claims++;
      if (newParty) {
        parties.set(partyKey, db.select({ partyId: t.claims.partyId }).from(t.claims).where(eq(t.claims.id, id)).get()!.partyId);
        createdParties++;
      }
      if (newSource) {
        const created = db.get<{ id: number }>(sql`SELECT source_id AS id FROM citations WHERE claim_id = ${id} LIMIT 1`)!.id;
        sources.set(sourceKey, created);
        createdSources++;
      } else if (source && sourceId !== undefined) sources.set(sourceKey, sourceId);
    }
    return { claims, parties: createdParties, sources: createdSources };
  });
}

