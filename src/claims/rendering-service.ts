/**
 * Adding a rendering or the original words to a claim from the desk. Each is a save of the whole
 * claim record through saveClaim (one transaction, the author/editor permission checked inside
 * it, a revision written, a published claim's change held for review), so renderings follow every
 * rule the rest of the claim does.
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { writeTransaction, type Db } from '../db.js';
import { checkComment, type FieldErrors } from '../lib/fields.js';
import type { SaveOutcome } from '../revisions/conflict.js';
import { parseLanguageTag, sameLanguage } from './languages.js';
import { MAX_RENDERINGS, TOO_MANY_RENDERINGS, type Rendering, type Translator } from './renderings.js';
import { editableRecord, mayEditClaim, saveClaim } from './service.js';

export type RenderingFormValues = { text: string; language: string; source: string; translatedBy: string; translatorName: string; comment: string };
export type OriginalFormValues = { language: string; original: string; comment: string };

const MAX_TEXT = 5000;

type Saved = { version: number; pending: boolean };
type Outcome = SaveOutcome<Saved, unknown>;

/** Validate the rendering form into a Rendering, with a message per field. Whether the source is cited is checked with the claim. */
export function validateRendering(values: RenderingFormValues): { rendering: Rendering; errors: FieldErrors } {
  const errors: FieldErrors = {};
  checkComment(errors, values.comment);
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
    if ((record.renderings?.length ?? 0) >= MAX_RENDERINGS) return { kind: 'invalid', errors: { text: TOO_MANY_RENDERINGS } };
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
  checkComment(errors, values.comment);
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

/** An existing claim a suggestion may be another rendering of: same speaker, same day (issue 14). */
export type RenderingCandidate = { claimId: number; version: number; statement: string };

/**
 * Per suggestion (by key), the story's claims by the same speaker on the same day — the one it
 * looks like a duplicate of first — that have no rendering from this source yet: the desk offers
 * to add the suggestion to one of them as another rendering instead of drafting a new claim.
 */
export function renderingCandidates(
  db: Db,
  storyId: number | null,
  sourceId: number,
  suggestions: { key: string; speaker: { partySlug: string | null }; saidOn: string; duplicateOf: number | null }[],
): Map<string, RenderingCandidate[]> {
  const result = new Map<string, RenderingCandidate[]>();
  const slugs = [...new Set(suggestions.map((s) => s.speaker.partySlug).filter((s): s is string => s !== null))];
  if (storyId === null || slugs.length === 0) return result;
  const claims = db
    .select({ claimId: t.claims.id, version: t.claims.version, statement: t.claims.statement, saidOn: t.claims.saidOn, slug: t.parties.slug, state: t.claims.state })
    .from(t.claims)
    .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
    .where(and(eq(t.claims.storyId, storyId), inArray(t.parties.slug, slugs)))
    .all()
    .filter((c) => c.state !== 'retracted');
  const withThisSource = new Set(
    db
      .select({ claimId: t.claimRenderings.claimId })
      .from(t.claimRenderings)
      .where(eq(t.claimRenderings.sourceId, sourceId))
      .all()
      .map((r) => r.claimId),
  );
  for (const s of suggestions) {
    const same = claims
      .filter((c) => c.slug === s.speaker.partySlug && (c.saidOn === s.saidOn || c.claimId === s.duplicateOf) && !withThisSource.has(c.claimId))
      .sort((a, b) => Number(b.claimId === s.duplicateOf) - Number(a.claimId === s.duplicateOf))
      .slice(0, 3)
      .map(({ claimId, version, statement }) => ({ claimId, version, statement }));
    if (same.length) result.set(s.key, same);
  }
  return result;
}

/**
 * Add a suggested statement to an existing claim as another rendering: the source is cited (as
 * reporting it, with the passage) and its words become a rendering in the source's language, in
 * one save of the claim (so one revision, reviewed like any edit).
 */
export function addSuggestionAsRendering(
  db: Db,
  actor: Actor,
  claimId: number,
  expectedVersion: number,
  input: { sourceId: number; text: string; passage: string },
): Outcome {
  const text = input.text.trim();
  if (!text || text.length > MAX_TEXT) return { kind: 'invalid', errors: { text: 'The suggestion has no statement.' } };
  return writeTransaction(db, (): Outcome => {
    const { record } = editableRecord(db, claimId);
    if ((record.renderings?.length ?? 0) >= MAX_RENDERINGS) return { kind: 'invalid', errors: { text: TOO_MANY_RENDERINGS } };
    const source = db.select({ id: t.sources.id, language: t.sources.language }).from(t.sources).where(eq(t.sources.id, input.sourceId)).get();
    if (!source) return { kind: 'invalid', errors: { source: 'There is no such source.' } };
    const cited = record.citations.some((c) => c.sourceId === source.id);
    const citations = cited ? record.citations : [...record.citations, { sourceId: source.id, role: 'reports' as const, passage: input.passage.trim().slice(0, 20000) }];
    const translated = !!record.language && !sameLanguage(record.language, source.language);
    const rendering: Rendering = { text, language: source.language, sourceId: source.id, translatedBy: translated ? 'outlet' : null, translatorName: '' };
    return saveClaim(db, actor, claimId, expectedVersion, {
      record: { ...record, citations, renderings: [...(record.renderings ?? []), rendering] },
      newParty: null,
      newSource: null,
      comment: 'Added a suggestion as another rendering',
    });
  });
}

/**
 * What the desk's words screen shows of a claim: its record as the next save would start from (a
 * waiting edit included), the names of the sources it cites or renders, and whether this person
 * may change it.
 */
export function claimWordsForDesk(db: Db, actor: Actor, claimId: number) {
  const { record, meta } = editableRecord(db, claimId);
  const ids = [...new Set([...record.citations.map((c) => c.sourceId), ...(record.renderings ?? []).flatMap((r) => (r.sourceId !== null ? [r.sourceId] : []))])];
  const rows = ids.length ? db.select({ id: t.sources.id, title: t.sources.title, publisher: t.sources.publisher }).from(t.sources).where(inArray(t.sources.id, ids)).all() : [];
  const sourceNames = new Map(rows.map((s) => [s.id, `${s.publisher}: ${s.title}`]));
  return { record, meta, sourceNames, mayEdit: mayEditClaim(actor, meta) };
}
