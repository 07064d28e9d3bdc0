/**
 * Ids and versions read from a request, once for every route: an id in the path that is not a
 * positive integer names no page (404); a form without the version it was opened at is a 400.
 */
import { Invalid, NotFound } from '../errors.js';
import { parseVersion, positiveInt } from '../lib/fields.js';
import { one, type FormData } from './form.js';

/** A positive integer id from a path segment, or NotFound: "abc", "-1", "1e3" name no page. */
export function parseId(segment: string): number {
  const id = positiveInt(segment);
  if (id === null) throw new NotFound();
  return id;
}

/** The version the form was opened at (hidden `version` field), or a clear 400. */
export function requireVersion(form: FormData): number {
  const version = parseVersion(one(form, 'version'));
  if (version === null) throw new Invalid('The form is missing the version it was opened at. Reload the page and try again.');
  return version;
}
