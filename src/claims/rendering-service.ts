/**
 * Adding a rendering or the original words to a claim from the desk. Each is a save of the whole
 * claim record through saveClaim (one transaction, the author/editor permission checked inside
 * it, a revision written, a published claim's change held for review), so renderings follow every
 * rule the rest of the claim does.
 */
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { writeTransaction, type Db } from '../db.js';
import type { FieldErrors } from '../lib/fields.js';
import type { SaveOutcome } from '../revisions/conflict.js';
import { parseLanguageTag } from './languages.js';
import type { Rendering, Translator } from './renderings.js';
import { editableRecord, saveClaim } from './service.js';

export type RenderingFormValues = { text: string; language: string; source: string; translatedBy: string; translatorName: string; comment: string };
export type OriginalFormValues = { language: string; original: string; comment: string };

const MAX_TEXT = 5000;

type Saved = { version: number; pending: boolean };
type Outcome = SaveOutcome<Saved, unknown>;

/** Validate the rendering form into a Rendering, with a message per field. Whether the source is cited is checked with the claim. */
export function validateRendering(values: RenderingFormValues): { rendering: Rendering; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = values.text.trim();
  if (!text) errors.text = 'Give the statement’s words as this source published them.';
  else if (text.length > MAX_TEXT) errors.text = `The rendering is longer than ${MAX_TEXT} characters.`;
  const language = parseLanguageTag(values.language, 'language');
  if (!language.ok) errors.language = language.message;
  const translatedBy = values.translatedBy === '' || values.translatedBy === 'none' ? null : values.translatedBy;
  if (translatedBy !== null && !(t.TRANSLATORS as readonly string[]).includes(translatedBy)) {
    errors.translated_by = 'Choose who translated it: the outlet, the newsroom, a named translator, or not a translation.';
  }
  const translatorName = values.translatorName.trim();
  if (translatedBy === 'translator' && !translatorName) errors.translator_name = 'Name the translator.';
  let sourceId: number | null = null;
  if (values.source.trim()) {
    sourceId = /^[1-9][0-9]{0,9}$/.test(values.source.trim()) ? Number(values.source.trim()) : NaN;
    if (Number.isNaN(sourceId)) errors.source = 'Choose one of the sources this claim cites.';
  } else if (translatedBy !== 'newsroom') {
    errors.source = 'Choose the source that published this rendering (only the newsroom’s own translation has none).';
  }
  return {
    rendering: {
      text,
      language: language.ok ? language.tag : '',
      sourceId: Number.isNaN(sourceId) ? null : sourceId,
      translatedBy: translatedBy as Translator | null,
      translatorName: translatedBy === 'translator' ? translatorName : '',
    },
    errors,
  };
}

/** Add a rendering to a claim. Refusals come back as an outcome; a source the claim does not cite is one. */
export function addRendering(db: Db, actor: Actor, claimId: number, expectedVersion: number, values: RenderingFormValues): Outcome {
  const { rendering, errors } = validateRendering(values);
  if (Object.keys(errors).length) return { kind: 'invalid', errors };
  return writeTransaction(db, (): Outcome => {
    const { record } = editableRecord(db, claimId);
    if (rendering.sourceId !== null && !record.citations.some((c) => c.sourceId === rendering.sourceId)) {
      return { kind: 'invalid', errors: { source: 'This source is not one the claim cites. Cite it on the claim first, then add its rendering.' } };
    }
    const renderings = [...(record.renderings ?? []), rendering];
    return saveClaim(db, actor, claimId, expectedVersion, {
      record: { ...record, renderings },
      newParty: null,
      newSource: null,
      comment: values.comment.trim() || 'Added a rendering',
    });
  });
}

/** Set the language the claim was said in and, when the newsroom has them, its original words. */
export function setOriginal(db: Db, actor: Actor, claimId: number, expectedVersion: number, values: OriginalFormValues): Outcome {
  const errors: FieldErrors = {};
  const language = parseLanguageTag(values.language, 'language the claim was said in');
  if (!language.ok) errors.language = language.message;
  const original = values.original.trim();
  if (original.length > MAX_TEXT) errors.original = `The original is longer than ${MAX_TEXT} characters.`;
  if (Object.keys(errors).length || !language.ok) return { kind: 'invalid', errors };
  return writeTransaction(db, (): Outcome => {
    const { record } = editableRecord(db, claimId);
    return saveClaim(db, actor, claimId, expectedVersion, {
      record: { ...record, language: language.tag, originalStatement: original },
      newParty: null,
      newSource: null,
      comment: values.comment.trim() || (original ? 'Added the original statement' : 'Recorded the language it was said in'),
    });
  });
}
