/**
 * Claim suggestions for one archived source, ready for the desk: each with its passage in
 * context, the party it resolves to, and whether the story already has that claim (marked, not
 * proposed again). `draftFromSuggestion` turns one into a draft claim citing the source.
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../auth/permissions.js';
import { dayProblem } from '../claims/form.js';
import { createClaim } from '../claims/service.js';
import type { Db } from '../db.js';
import { Invalid } from '../errors.js';
import { latestSnapshot } from '../sources/archive.js';
import { knownParties } from './known-parties.js';
import { saysTheSame } from './similarity.js';
import { suggestClaims, type Suggestion } from './suggest.js';

export type DeskSuggestion = Suggestion & {
  key: string;
  before: string;
  after: string;
  /** An existing claim of the same party saying the same thing. */
  duplicateOf: number | null;
};

const CONTEXT = 160;

export function suggestionsForSource(db: Db, sourceId: number, storyId: number | null) {
  const snapshot = latestSnapshot(db, sourceId);
  if (!snapshot) return null;
  const source = db.select({ publishedOn: t.sources.publishedOn }).from(t.sources).where(eq(t.sources.id, sourceId)).get();
  const publishedOn = source?.publishedOn ?? snapshot.capturedAt.slice(0, 10);
  const suggestions = suggestClaims({ text: snapshot.text, publishedOn, parties: knownParties(db) });

  const partySlugs = [...new Set(suggestions.map((s) => s.speaker.partySlug).filter((s): s is string => s !== null))];
  const existing = partySlugs.length
    ? db
        .select({ id: t.claims.id, statement: t.claims.statement, slug: t.parties.slug })
        .from(t.claims)
        .innerJoin(t.parties, eq(t.parties.id, t.claims.partyId))
        .where(and(inArray(t.parties.slug, partySlugs), storyId ? eq(t.claims.storyId, storyId) : undefined))
        .all()
    : [];

  const items: DeskSuggestion[] = suggestions.map((suggestion, index) => {
    const duplicate = existing.find(
      (claim) => claim.slug === suggestion.speaker.partySlug && saysTheSame(claim.statement, suggestion.statement),
    );
    return {
      ...suggestion,
      key: `${index}`,
      before: snapshot.text.slice(Math.max(0, suggestion.start - CONTEXT), suggestion.start),
      after: snapshot.text.slice(suggestion.end, suggestion.end + CONTEXT),
      duplicateOf: duplicate?.id ?? null,
    };
  });
  return { snapshot, items };
}

/** The fields a suggestion posts back to become a draft (the desk re-reads nothing else). */
type SuggestionDraft = {
  storyId: number;
  partySlug: string;
  newPartyName: string;
  statement: string;
  /** As posted: checked against the model's values before use. */
  form: string;
  saidOn: string;
  datePrecision: string;
  venue: string;
  passage: string;
};

const isForm = (value: string): value is Suggestion['form'] => (t.CLAIM_FORMS as readonly string[]).includes(value);
const isPrecision = (value: string): value is Suggestion['datePrecision'] => (t.DATE_PRECISIONS as readonly string[]).includes(value);

export function draftFromSuggestion(db: Db, actor: Actor, sourceId: number, draft: SuggestionDraft): number {
  const statement = draft.statement.trim();
  if (!statement || statement.length > 5000) throw new Invalid('The suggestion has no statement.');
  const { form, datePrecision } = draft;
  if (!isForm(form) || !isPrecision(datePrecision) || dayProblem(draft.saidOn)) {
    throw new Invalid('The suggestion’s form or date is not valid.');
  }
  const story = db.select({ id: t.stories.id }).from(t.stories).where(eq(t.stories.id, draft.storyId)).get();
  if (!story) throw new Invalid('Choose the story the claim belongs to.');
  const party = draft.partySlug ? db.select({ id: t.parties.id }).from(t.parties).where(eq(t.parties.slug, draft.partySlug)).get() : undefined;
  const newPartyName = draft.newPartyName.trim().slice(0, 200);
  if (!party && !newPartyName) throw new Invalid('The suggestion names no speaker.');
  const source = db.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.id, sourceId)).get();
  if (!source) throw new Invalid('There is no such source.');
  return createClaim(db, actor, {
    record: {
      storyId: story.id,
      partyId: party?.id ?? 0,
      statement,
      form,
      type: 'factual',
      saidOn: draft.saidOn,
      datePrecision,
      venue: draft.venue.trim().slice(0, 300),
      rating: 'unverified',
      ratingExplanationMd: '',
      stances: [],
      citations: [{ sourceId: source.id, role: 'reports', passage: draft.passage.trim().slice(0, 20000) }],
    },
    newParty: party ? null : { name: newPartyName, kind: 'person' },
    newSource: null,
    comment: 'Drafted from a suggestion',
  });
}
