/**
 * Archiving a source's text: reading what a journalist pastes or uploads (.txt, .html, .md),
 * refusing what is not text, reducing HTML to readable paragraphs, and storing each capture as
 * an immutable snapshot with its SHA-256, when, by whom, and the page furniture set aside. A
 * re-capture is a new snapshot; the difference from the previous one is shown, so a publisher's
 * silent edit becomes visible. Quotes citing the source are checked again in the same transaction.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { Parser } from 'htmlparser2';
import * as t from '../../db/schema/index.js';
import { bumpPublicationGeneration, writeTransaction, type Db } from '../db.js';
import { Forbidden, Invalid, NotFound } from '../errors.js';
import { can, type Actor } from '../auth/permissions.js';
import { isSourcePublic } from '../publication/visibility.js';
import { refreshQuoteChecks } from '../quotes/quote-checks.js';
import { sourceChangeKeys } from '../publication/page-keys.js';
import { detectFurniture } from './furniture.js';

const MAX_ARCHIVE_BYTES = 900 * 1024;
type SnapshotOrigin = (typeof t.SNAPSHOT_ORIGINS)[number];

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article',
  'tr', 'figcaption', 'pre', 'dd', 'dt', 'hr', 'main', 'header', 'footer', 'aside', 'ul', 'ol', 'table',
]);
/** Elements whose content is never the article's text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'head', 'nav', 'form', 'button', 'select']);

/** HTML → plain text with one paragraph per line; scripts, styles and navigation dropped. */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let skipping = 0;
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) flush();
      },
      ontext(text) {
        if (skipping === 0) current += text;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return lines.join('\n');
}

/** Markdown → text a reader would see: markers of emphasis, links and headings removed. */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .trim(),
    )
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** Line endings, a byte-order mark and trailing spaces differ between copies; the words do not. */
function normaliseCapture(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim();
}

/**
 * Bytes from an upload → text, or a clear Invalid: only .txt, .html/.htm and .md, within the size
 * limit, valid UTF-8, not binary, not empty.
 */
export function readUpload(bytes: Uint8Array, filename: string): { text: string; origin: SnapshotOrigin } {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const origin: SnapshotOrigin | undefined =
    extension === 'txt' ? 'txt' : extension === 'md' || extension === 'markdown' ? 'md' : extension === 'html' || extension === 'htm' ? 'html' : undefined;
  if (!origin) throw new Invalid('Upload a .txt, .html or .md file.');
  if (bytes.byteLength === 0) throw new Invalid('The file is empty.');
  if (bytes.byteLength > MAX_ARCHIVE_BYTES) throw new Invalid(`The file is larger than ${Math.round(MAX_ARCHIVE_BYTES / 1024)} KB.`);
  if (bytes.includes(0)) throw new Invalid('The file is not text (it contains binary data).');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Invalid('The file is not UTF-8 text. Save it as UTF-8 and upload it again.');
  }
  const controls = decoded.match(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > decoded.length / 100) throw new Invalid('The file is not text (it contains control characters).');
  const text = origin === 'html' ? htmlToText(decoded) : origin === 'md' ? markdownToText(decoded) : decoded;
  return { text, origin };
}

export type CaptureInput = { text: string; origin: SnapshotOrigin; filename?: string | null };

/**
 * Stores a capture. The permission is checked again inside the transaction (a journalist may archive a
 * source nobody reads yet, only an editor one that is on record); the public generation moves only
 * when readers can see the source, so archiving for an unpublished one leaves every public page alone.
 */
export function captureSnapshot(db: Db, actor: Actor & { name: string }, sourceId: number, input: CaptureInput): number {
  const text = normaliseCapture(input.text);
  if (!text) throw new Invalid('There is no text to archive.');
  if (Buffer.byteLength(text, 'utf8') > MAX_ARCHIVE_BYTES) throw new Invalid(`The text is larger than ${Math.round(MAX_ARCHIVE_BYTES / 1024)} KB.`);
  if (text.includes('\u0000')) throw new Invalid('The text contains a NUL character.');
  const furniture = detectFurniture(text).map(({ start, end, reason }) => ({ start, end, reason }));
  return writeTransaction(db, () => {
    const source = db.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.id, sourceId)).get();
    if (!source) throw new NotFound('There is no such source.');
    const onRecord = isSourcePublic(db, sourceId);
    if (!can(actor, onRecord ? 'edit:record:published' : 'edit:record:unpublished')) {
      throw new Forbidden('Only an editor can re-capture a source readers can already see.');
    }
    const { id } = db
      .insert(t.sourceSnapshots)
      .values({
        sourceId,
        text,
        sha256: sha256(text),
        capturedBy: actor.name,
        capturedById: actor.id,
        origin: input.origin,
        filename: input.filename?.slice(0, 255) ?? null,
        furniture: JSON.stringify(furniture),
      })
      .returning({ id: t.sourceSnapshots.id })
      .get();
    refreshQuoteChecks(db, { sourceId });
    if (onRecord) bumpPublicationGeneration(db, sourceChangeKeys(db, sourceId));
    return id;
  });
}

export type SnapshotRow = typeof t.sourceSnapshots.$inferSelect;

export function snapshotsOf(db: Db, sourceId: number): SnapshotRow[] {
  return db.select().from(t.sourceSnapshots).where(eq(t.sourceSnapshots.sourceId, sourceId)).orderBy(desc(t.sourceSnapshots.id)).all();
}

/** A capture's number within its source, 1 for the first: what the desk calls it ("Capture 2"). */
export function captureNumber(db: Db, sourceId: number, snapshotId: number): number {
  return db.$client.prepare('SELECT count(*) FROM source_snapshots WHERE source_id = ? AND id <= ?').pluck().get(sourceId, snapshotId) as number;
}

export function latestSnapshot(db: Db, sourceId: number): SnapshotRow | undefined {
  return db.select().from(t.sourceSnapshots).where(eq(t.sourceSnapshots.sourceId, sourceId)).orderBy(desc(t.sourceSnapshots.id)).limit(1).get();
}

export function snapshotById(db: Db, sourceId: number, snapshotId: number): SnapshotRow | undefined {
  return db
    .select()
    .from(t.sourceSnapshots)
    .where(and(eq(t.sourceSnapshots.sourceId, sourceId), eq(t.sourceSnapshots.id, snapshotId)))
    .get();
}

export type FurnitureRange = { start: number; end: number; reason: string };

