/**
 * The story data model: stories, the parties who speak in them, the contested questions, the
 * claims parties make, their stances on the questions, the sources the claims rest on, and the
 * public corrections of published claims.
 *
 * Every enum is enforced by a CHECK constraint (drizzle's `enum` is only a type). Revisions and
 * citations use ON DELETE RESTRICT: nothing a claim rests on may disappear underneath it.
 */
import { sql } from 'drizzle-orm';
import { now, oneOf } from './sql-helpers.js';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { revisions, users } from './desk.js';

export const PARTY_KINDS = ['person', 'office', 'organisation', 'outlet'] as const;
export const CLAIM_FORMS = ['verbatim', 'partial_quote', 'paraphrase', 'declined'] as const;
export const CLAIM_TYPES = ['factual', 'opinion', 'prediction', 'characterisation'] as const;
/** day: said on that day. approximate: around that day ("a fortnight ago").
 *  reported_by: only the report's date is known; said on or before it. */
export const DATE_PRECISIONS = ['day', 'approximate', 'reported_by'] as const;
export const CLAIM_STATES = ['draft', 'in_review', 'published', 'retracted'] as const;
export const RATINGS = [
  'confirmed',
  'partly_supported',
  'unverified',
  'disputed',
  'false',
  'not_applicable',
] as const;
export const STANCE_POSITIONS = ['asserts', 'denies', 'qualifies', 'declines'] as const;
export const SOURCE_KINDS = [
  'primary_record',
  'interview',
  'official_statement',
  'leaked_material',
  'news_report',
  'state_media',
] as const;
export const CITATION_ROLES = ['original_venue', 'reports', 'corroborates', 'contradicts'] as const;
export const ROLE_STATUSES = ['current', 'former'] as const;
export const SNAPSHOT_ORIGINS = ['fixture', 'paste', 'txt', 'html', 'md'] as const;
export const QUOTE_OUTCOMES = ['exact', 'normalised', 'editorial', 'altered', 'not_found'] as const;
/** Who turned a statement into a rendering's language (null: not a translation, or not recorded). */
export const TRANSLATORS = ['outlet', 'newsroom', 'translator'] as const;

const ISO_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'";
const SLUG = "GLOB '[a-z0-9]*' AND {col} NOT GLOB '*[^a-z0-9-]*' AND length({col}) <= 80";
function isSlug(column: string) {
  return sql.raw(`${column} ${SLUG.replaceAll('{col}', column)}`);
}
function isDay(column: string, nullable = false) {
  return sql.raw(nullable ? `${column} IS NULL OR ${column} ${ISO_DAY}` : `${column} ${ISO_DAY}`);
}

export const stories = sqliteTable(
  'stories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summaryMd: text('summary_md').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  () => [
    check('stories_slug', isSlug('slug')),
    check('stories_starts_on', isDay('starts_on')),
    check('stories_ends_on', isDay('ends_on', true)),
    check('stories_span', sql.raw('ends_on IS NULL OR ends_on >= starts_on')),
  ],
);

export const parties = sqliteTable(
  'parties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTY_KINDS }).notNull(),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  () => [check('parties_slug', isSlug('slug')), check('parties_kind', oneOf('kind', PARTY_KINDS))],
);

/**
 * A position a party held. Dates are optional because the record often only says "former":
 * `status` says whether the role is still held as far as the newsroom knows, and the dates,
 * where known, let a page show the role the party held on the day it spoke.
 */
export const partyRoles = sqliteTable(
  'party_roles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    status: text('status', { enum: ROLE_STATUSES }).notNull(),
    heldFrom: text('held_from'),
    heldUntil: text('held_until'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('party_roles_party').on(t.partyId, t.position),
    check('party_roles_status', oneOf('status', ROLE_STATUSES)),
    check('party_roles_from', isDay('held_from', true)),
    check('party_roles_until', isDay('held_until', true)),
    check(
      'party_roles_span',
      sql.raw('held_from IS NULL OR held_until IS NULL OR held_until >= held_from'),
    ),
  ],
);

/** Names used for a party in copy: "Mr Pistorius", "Germany's defence minister". */
export const partyAliases = sqliteTable(
  'party_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [uniqueIndex('party_aliases_unique').on(t.partyId, t.alias)],
);

/**
 * The cast of a story: every party involved, with what they did in it. Most are there because
 * they made claims; some acted without speaking (RT's editor released the recording).
 */
export const storyParties = sqliteTable(
  'story_parties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'restrict' }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'restrict' }),
    involvement: text('involvement').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('story_parties_unique').on(t.storyId, t.partyId),
    index('story_parties_party').on(t.partyId),
  ],
);

/** A contested point of a story, phrased as a proposition a party can assert or deny. */
export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    proposition: text('proposition').notNull(),
    shortLabel: text('short_label').notNull(),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('questions_story_slug').on(t.storyId, t.slug),
    index('questions_story_position').on(t.storyId, t.position),
    check('questions_slug', isSlug('slug')),
  ],
);

export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'restrict' }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'restrict' }),
    statement: text('statement').notNull(),
    form: text('form', { enum: CLAIM_FORMS }).notNull(),
    type: text('type', { enum: CLAIM_TYPES }).notNull(),
    saidOn: text('said_on').notNull(),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull(),
    venue: text('venue').notNull().default(''),
    /** BCP 47 tag of the language the claim was said in; null while the newsroom has not recorded it (ADR 027). */
    language: text('language'),
    /** The statement in the language it was said in, when the newsroom has it; '' otherwise. */
    originalStatement: text('original_statement').notNull().default(''),
    rating: text('rating', { enum: RATINGS }).notNull().default('unverified'),
    ratingExplanationMd: text('rating_explanation_md').notNull().default(''),
    state: text('state', { enum: CLAIM_STATES }).notNull().default('draft'),
    /** Bumped by every change, state changes included; edit forms carry it to refuse stale saves. */
    version: integer('version').notNull().default(1),
    /** Who created the claim; null for claims loaded from fixtures. */
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    /**
     * An edit of a published claim waiting for an editor. Readers keep seeing the row as it is;
     * the proposed record lives in this revision until it is approved.
     */
    pendingRevisionId: integer('pending_revision_id').references(() => revisions.id, { onDelete: 'restrict' }),
    /** The editor's last request for changes, shown to the author. */
    reviewNote: text('review_note').notNull().default(''),
    /** Shown publicly when the claim is retracted. */
    retractionNote: text('retraction_note').notNull().default(''),
    publishedAt: text('published_at'),
    retractedAt: text('retracted_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('claims_state_updated').on(t.state, t.updatedAt),
    index('claims_author').on(t.authorId),
    // The desk: what changed lately, and the edits of published claims waiting for review.
    index('claims_updated').on(t.updatedAt, t.id),
    index('claims_pending_edit').on(t.pendingRevisionId).where(sql`pending_revision_id IS NOT NULL`),
    // The review queue, longest-waiting first: the claims an editor must look at, in order, so a
    // page of the queue reads its rows instead of sorting the whole queue (src/claims/desk-lists.ts
    // repeats this condition word for word, which is what lets SQLite use the index).
    index('claims_waiting').on(t.updatedAt, t.id).where(sql`state = 'in_review' OR pending_revision_id IS NOT NULL`),
    // The public pages read a story's or a party's published claims in date order.
    index('claims_story_state_date').on(t.storyId, t.state, t.saidOn),
    index('claims_party_state_date').on(t.partyId, t.state, t.saidOn),
    // The home page: the latest published claims, and each story's latest publication.
    index('claims_state_published').on(t.state, t.publishedAt),
    index('claims_story_state_published').on(t.storyId, t.state, t.publishedAt),
    // A story's matrix cells, "what the others say" and its parties ranked by claims made: one
    // party's published claims in one story, newest first (it replaces 0008's index on the first
    // three columns, which it covers).
    index('claims_story_state_party_date').on(t.storyId, t.state, t.partyId, t.saidOn),
    check('claims_form', oneOf('form', CLAIM_FORMS)),
    check('claims_type', oneOf('type', CLAIM_TYPES)),
    check('claims_precision', oneOf('date_precision', DATE_PRECISIONS)),
    check('claims_rating', oneOf('rating', RATINGS)),
    check('claims_state', oneOf('state', CLAIM_STATES)),
    check('claims_said_on', isDay('said_on')),
    check('claims_version', sql.raw('version >= 1')),
    check('claims_statement', sql.raw("length(trim(statement)) > 0")),
  ],
);

export const stances = sqliteTable(
  'stances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'restrict' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'restrict' }),
    position: text('position', { enum: STANCE_POSITIONS }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('stances_claim_question').on(t.claimId, t.questionId),
    index('stances_question').on(t.questionId),
    check('stances_position', oneOf('position', STANCE_POSITIONS)),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    author: text('author'),
    url: text('url'),
    publishedOn: text('published_on'),
    accessedOn: text('accessed_on'),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull(),
    description: text('description').notNull().default(''),
    /** BCP 47 tag (canonical form, src/claims/languages.ts) of the language the source is written in. */
    language: text('language').notNull().default('en'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  () => [
    check('sources_kind', oneOf('kind', SOURCE_KINDS)),
    check('sources_language', sql.raw('length(language) BETWEEN 2 AND 35')),
    check('sources_published_on', isDay('published_on', true)),
    check('sources_accessed_on', isDay('accessed_on', true)),
    check('sources_url', sql.raw("url IS NULL OR url LIKE 'https://%' OR url LIKE 'http://%'")),
  ],
);

/** An archived capture of a source's text. Immutable: a re-capture is a new row. */
export const sourceSnapshots = sqliteTable(
  'source_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    sha256: text('sha256').notNull(),
    capturedAt: text('captured_at').notNull().default(now),
    /** Who captured it, as a name: a user's, or "fixtures". */
    capturedBy: text('captured_by').notNull(),
    capturedById: integer('captured_by_id').references(() => users.id, { onDelete: 'restrict' }),
    /** How the text arrived: pasted, or uploaded from a .txt, .html or .md file. */
    origin: text('origin', { enum: SNAPSHOT_ORIGINS }).notNull().default('fixture'),
    filename: text('filename'),
    /** JSON list of {start, end, reason}: page furniture set aside (kept in `text`, not quoted from). */
    furniture: text('furniture').notNull().default('[]'),
  },
  (t) => [
    index('source_snapshots_source').on(t.sourceId, t.id),
    check('source_snapshots_sha', sql.raw("length(sha256) = 64")),
    check('source_snapshots_origin', oneOf('origin', SNAPSHOT_ORIGINS)),
    check('source_snapshots_furniture_json', sql.raw('json_valid(furniture)')),
  ],
);

export const citations = sqliteTable(
  'citations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'restrict' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    role: text('role', { enum: CITATION_ROLES }).notNull(),
    /** The passage of the source the claim rests on; empty when we do not hold its text. */
    passage: text('passage').notNull().default(''),
  },
  (t) => [
    uniqueIndex('citations_claim_source_role').on(t.claimId, t.sourceId, t.role),
    index('citations_source').on(t.sourceId),
    check('citations_role', oneOf('role', CITATION_ROLES)),
  ],
);

/**
 * A claim's statement as one source published it, in that source's language (ADR 027): a
 * translation, or the words as said when the languages match. Part of the claim's reviewed record:
 * replaced whole with its stances and citations, kept in every revision. Position 0 is the lead
 * rendering, whose text is `claims.statement`. `source_id` must be a source the claim cites
 * (checked by the service; null only when the claim cites none).
 */
export const claimRenderings = sqliteTable(
  'claim_renderings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
    text: text('text').notNull(),
    language: text('language').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    translatedBy: text('translated_by', { enum: TRANSLATORS }),
    /** The named translator, when `translated_by` is 'translator'. */
    translatorName: text('translator_name').notNull().default(''),
  },
  (t) => [
    uniqueIndex('claim_renderings_claim_position').on(t.claimId, t.position),
    index('claim_renderings_source').on(t.sourceId),
    // The few claims with a second rendering, found without reading every lead (story pages mark them).
    index('claim_renderings_extra').on(t.claimId).where(sql`position > 0`),
    check('claim_renderings_text', sql.raw('length(trim(text)) > 0')),
    check('claim_renderings_language', sql.raw('length(language) BETWEEN 2 AND 35')),
    check('claim_renderings_translated_by', sql.raw(`translated_by IS NULL OR translated_by IN (${TRANSLATORS.map((v) => `'${v}'`).join(', ')})`)),
    check('claim_renderings_translator_name', sql.raw("translated_by IS NOT 'translator' OR length(trim(translator_name)) > 0")),
  ],
);

/**
 * One row: a counter bumped in the same transaction as anything that changes what readers see.
 * Public pages are cached per value of it (see src/http/page-cache.ts).
 */
export const publicationState = sqliteTable(
  'publication_state',
  {
    id: integer('id').primaryKey(),
    generation: integer('generation').notNull().default(1),
    changedAt: text('changed_at').notNull().default(now),
  },
  () => [check('publication_state_single_row', sql.raw('id = 1'))],
);

/**
 * The result of finding a citation's quote in its source's archived text: derived data, rewritten
 * whenever the claim's statement or the source's snapshot changes (and deleted with its citation).
 */
export const quoteChecks = sqliteTable(
  'quote_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id, { onDelete: 'cascade' }),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => sourceSnapshots.id, { onDelete: 'restrict' }),
    outcome: text('outcome', { enum: QUOTE_OUTCOMES }).notNull(),
    /** UTF-16 offsets of the matched passage in the snapshot's text; null when not found. */
    start: integer('start'),
    end: integer('end'),
    similarity: real('similarity'),
    /** JSON: per quoted fragment, its outcome with gaps or word diff. */
    detail: text('detail').notNull().default('{}'),
    checkedAt: text('checked_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('quote_checks_citation').on(t.citationId),
    index('quote_checks_snapshot').on(t.snapshotId),
    check('quote_checks_outcome', oneOf('outcome', QUOTE_OUTCOMES)),
    check('quote_checks_detail_json', sql.raw('json_valid(detail)')),
    check('quote_checks_span', sql.raw('start IS NULL OR (end >= start AND start >= 0)')),
  ],
);

/**
 * A correction to a published claim, shown on the claim's page and at /corrections. Append-only,
 * like the revisions it points at.
 */
export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'restrict' }),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => revisions.id, { onDelete: 'restrict' }),
    note: text('note').notNull(),
    editorId: integer('editor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    index('corrections_claim').on(t.claimId),
    index('corrections_created').on(t.createdAt),
    check('corrections_note', sql.raw('length(trim(note)) > 0')),
  ],
);

export const SLUG_KINDS = ['story', 'party', 'question'] as const;

/**
 * The addresses a story, party or question had before its slug was changed, so that old links and
 * saved comparisons still lead to it (a permanent redirect). `scope_id` is the story of a question
 * (question slugs are unique per story), 0 otherwise. A slug taken by a live record is not kept here.
 */
export const formerSlugs = sqliteTable(
  'former_slugs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: SLUG_KINDS }).notNull(),
    scopeId: integer('scope_id').notNull().default(0),
    slug: text('slug').notNull(),
    recordId: integer('record_id').notNull(),
    retiredAt: text('retired_at').notNull().default(now),
  },
  (t) => [uniqueIndex('former_slugs_unique').on(t.kind, t.scopeId, t.slug), check('former_slugs_kind', oneOf('kind', SLUG_KINDS))],
);

/**
 * Suggestions a journalist dismissed, remembered for the capture they were read from (a new
 * capture is read afresh). `suggestionKey` names a suggestion by its statement and passage.
 */
export const suggestionDismissals = sqliteTable(
  'suggestion_dismissals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => sourceSnapshots.id, { onDelete: 'cascade' }),
    suggestionKey: text('suggestion_key').notNull(),
    dismissedBy: integer('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
    dismissedAt: text('dismissed_at').notNull().default(now),
  },
  (t) => [uniqueIndex('suggestion_dismissals_key').on(t.snapshotId, t.suggestionKey), check('suggestion_dismissals_key_shape', sql.raw("length(suggestion_key) = 16"))],
);
