/**
 * Summaries of what readers see, kept by SQLite itself: triggers on claims and stances (migrations
 * 0011 and 0016) update them in the same transaction as the write, whichever code path writes
 * (the desk's services, the CLI, fixtures, the benchmark's generator). Public pages read these
 * instead of walking a story's claims, so their cost follows what they show, not the story's size
 * (decisions 018 and 031). A count's row exists only while its count is above zero.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { oneOf } from './sql-helpers.js';
import { parties, questions, STANCE_POSITIONS, stories } from './story.js';

/** Published claims per story and speaking party. */
export const storyPartyCounts = sqliteTable(
  'story_party_counts',
  {
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'cascade' }),
    claims: integer('claims').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.partyId] }), index('story_party_counts_party').on(t.partyId), check('story_party_counts_positive', sql.raw('claims > 0'))],
);

/** The question and the speaking party a row is about; the row goes with either. */
const questionAndParty = () => ({
  questionId: integer('question_id')
    .notNull()
    .references(() => questions.id, { onDelete: 'cascade' }),
  partyId: integer('party_id')
    .notNull()
    .references(() => parties.id, { onDelete: 'cascade' }),
});

/** Stances of published claims per question, speaking party and position. */
export const questionPartyPositions = sqliteTable(
  'question_party_positions',
  {
    ...questionAndParty(),
    position: text('position', { enum: STANCE_POSITIONS }).notNull(),
    claims: integer('claims').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.partyId, t.position] }),
    check('question_party_positions_position', oneOf('position', STANCE_POSITIONS)),
    check('question_party_positions_positive', sql.raw('claims > 0')),
  ],
);

/**
 * Per question and speaking party, that party's latest published claim with a stance on it (by
 * the day it was said, then by id): "what the others say" on a claim's page reads the latest few
 * parties per question from here instead of probing each party's claims (decision 031). Kept by
 * the triggers of migration 0016; claim_id has no foreign key because those triggers move it.
 */
export const questionPartyLatest = sqliteTable(
  'question_party_latest',
  {
    ...questionAndParty(),
    claimId: integer('claim_id').notNull(),
    saidOn: text('said_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.partyId] }), index('question_party_latest_newest').on(t.questionId, t.saidOn, t.claimId)],
);
