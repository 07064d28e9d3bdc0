/**
 * The source form: its values exactly as typed, and their validation into a SourceInput with a
 * message per field (title and publisher required; an optional http(s) link; published and
 * accessed days as YYYY-MM-DD; a kind from SOURCE_KINDS). Only these fields are read from the body.
 */
import * as t from '../../db/schema/index.js';
import { textFields, type FormData } from '../http/form.js';
import { parseLanguageTag } from '../claims/languages.js';
import { checkChoice, checkDay, checkText, checkUrl, type FieldErrors } from '../lib/fields.js';

type SourceKind = (typeof t.SOURCE_KINDS)[number];

export type SourceFormValues = {
  title: string;
  publisher: string;
  author: string;
  url: string;
  publishedOn: string;
  accessedOn: string;
  kind: string;
  description: string;
  comment: string;
  /** BCP 47 tag; optional in the body so a form without the field keeps the source's language. */
  language?: string;
};

export type SourceInput = {
  title: string;
  publisher: string;
  author: string | null;
  url: string | null;
  publishedOn: string | null;
  accessedOn: string | null;
  kind: SourceKind;
  description: string;
  /** Canonical BCP 47 tag; undefined keeps the stored one (English for a new source). */
  language?: string;
};

const SOURCE_LIMITS = { title: 500, publisher: 200, author: 200, description: 5000 };

export function emptySourceForm(): SourceFormValues {
  return { title: '', publisher: '', author: '', url: '', publishedOn: '', accessedOn: '', kind: 'news_report', description: '', comment: '' };
}

export function readSourceForm(form: FormData): SourceFormValues {
  return textFields(form, ['title', 'publisher', 'author', 'url', 'publishedOn', 'accessedOn', 'kind', 'description', 'comment', 'language']);
}

export function validateSource(values: SourceFormValues): { input: SourceInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = checkText(errors, 'title', values.title, { label: 'title', required: true, max: SOURCE_LIMITS.title, singleLine: true });
  const publisher = checkText(errors, 'publisher', values.publisher, {
    label: 'publisher (the outlet, office or platform)',
    required: true,
    max: SOURCE_LIMITS.publisher,
    singleLine: true,
  });
  const author = checkText(errors, 'author', values.author, { label: 'author', max: SOURCE_LIMITS.author, singleLine: true });
  const url = checkUrl(errors, 'url', values.url);
  const publishedOn = checkDay(errors, 'published_on', values.publishedOn, { label: 'publication date' });
  const accessedOn = checkDay(errors, 'accessed_on', values.accessedOn, { label: 'date you accessed it' });
  const kind = checkChoice(errors, 'kind', values.kind, t.SOURCE_KINDS, 'Choose what kind of source this is.');
  const description = checkText(errors, 'description', values.description, { label: 'description', max: SOURCE_LIMITS.description });
  const language = checkLanguage(errors, values.language);
  return { input: { title, publisher, author: author || null, url, publishedOn, accessedOn, kind, description, ...(language ? { language } : {}) }, errors };
}

/** The source's language, canonical; blank means keep it (or English for a new source). */
function checkLanguage(errors: FieldErrors, value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const parsed = parseLanguageTag(value, 'language');
  if (!parsed.ok) errors.language = parsed.message;
  return parsed.ok ? parsed.tag : undefined;
}
