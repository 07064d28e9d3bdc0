/**
 * Opaque cursors for the API's lists: the sort key of the last item sent, as base64url JSON.
 * Keyset pagination, so a page costs the same at any depth and a publish between two requests
 * neither repeats nor skips an item. A cursor we did not make is a 400, never a 500.
 */
import { Invalid } from '../errors.js';

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(['v1', ...key])).toString('base64url');
}

/** The key in `cursor`, checked against the shape the list expects (`shape`: 's' or 'n' per part). */
export function decodeCursor(cursor: string | undefined, shape: ('s' | 'n')[]): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'v1' || parsed.length !== shape.length + 1) throw new BadCursor();
  const key = parsed.slice(1) as unknown[];
  const fits = key.every((part, i) => (shape[i] === 'n' ? Number.isSafeInteger(part) : typeof part === 'string' && part.length <= 100));
  if (!fits) throw new BadCursor();
  return key as CursorKey;
}

export class BadCursor extends Invalid {
  constructor() {
    super('The cursor is not one this API gave out. Start again without it, and pass the `next` value of a page to get the one after it.');
  }
}
