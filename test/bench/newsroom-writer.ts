/**
 * Writing a planned newsroom into a migrated database with prepared statements, inside the
 * caller's transaction. It writes what the app itself would have written for the same history:
 * archived texts with their SHA-256, the stored quote checks computed by the app's own
 * `checkQuotes` on the newest capture, a revision per claim (two for a corrected or retracted
 * claim, whose correction points at the approving revision), and one new publication generation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ClaimRecord } from '../../src/claims/record.js';
import { leadSourceOf } from '../../src/claims/renderings.js';
import { projectRoot } from '../../src/config.js';
import { bumpPublicationGeneration, type Db } from '../../src/db.js';
import { checkQuotes, quotesOf } from '../../src/quotes/quote-checks.js';
import { sha256 } from '../../src/sources/archive.js';
import type { NewsroomPlan, PlannedClaim } from './newsroom-plan.js';
import { addDays, seededRandom, textMaker } from './random-text.js';

export type NewsroomUsers = { editor: { id: number; name: string }; journalists: { id: number; name: string }[] };

/** How migration 0016 fills question_party_latest from the data: its last statement, read from the file. */
const LATEST_FILL = fs
  .readFileSync(path.join(projectRoot, 'db', 'migrations', '0016_question_party_latest_triggers.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .at(-1)!
  .trim();

const at = (isoDay: string, time = '10:00:00') => `${isoDay}T${time}.000Z`;

export function writeNewsroom(db: Db, plan: NewsroomPlan, users: NewsroomUsers, seed: string): void {
  const sql = db.$client;
  const random = seededRandom(`${seed}:${plan.size.published}:texts`);
  const text = textMaker(random);
  const insert = {
    party: sql.prepare('INSERT INTO parties (slug, name, kind, description) VALUES (?, ?, ?, ?)'),
    role: sql.prepare('INSERT INTO party_roles (party_id, title, status, held_from, held_until, position) VALUES (?, ?, ?, ?, ?, ?)'),
    alias: sql.prepare('INSERT INTO party_aliases (party_id, alias) VALUES (?, ?)'),
    story: sql.prepare('INSERT INTO stories (slug, title, summary_md, starts_on, ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    question: sql.prepare('INSERT INTO questions (story_id, slug, proposition, short_label, position) VALUES (?, ?, ?, ?, ?)'),
    cast: sql.prepare('INSERT INTO story_parties (story_id, party_id, involvement, position) VALUES (?, ?, ?, ?)'),
    source: sql.prepare('INSERT INTO sources (title, publisher, author, url, published_on, accessed_on, kind, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    snapshot: sql.prepare(
      "INSERT INTO source_snapshots (source_id, text, sha256, captured_at, captured_by, captured_by_id, origin, filename, furniture) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]')",
    ),
    claim: sql.prepare(
      `INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, venue, rating, rating_explanation_md,
         state, version, author_id, retraction_note, published_at, retracted_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    stance: sql.prepare('INSERT INTO stances (claim_id, question_id, position, note) VALUES (?, ?, ?, ?)'),
    citation: sql.prepare('INSERT INTO citations (claim_id, source_id, role, passage) VALUES (?, ?, ?, ?)'),
    rendering: sql.prepare("INSERT INTO claim_renderings (claim_id, position, text, language, source_id) VALUES (?, 0, ?, 'en', ?)"),
    quoteCheck: sql.prepare(
      'INSERT INTO quote_checks (citation_id, snapshot_id, outcome, start, "end", similarity, detail, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    revision: sql.prepare(
      'INSERT INTO revisions (entity_type, entity_id, version, event, snapshot, author_id, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    correction: sql.prepare('INSERT INTO corrections (claim_id, revision_id, note, editor_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    audit: sql.prepare('INSERT INTO audit_events (at, actor_id, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)'),
  };
  const id = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

  const partyIds = plan.parties.map((party) => {
    const partyId = id(insert.party.run(party.slug, party.name, party.kind, party.description));
    party.roles.forEach((role, position) => insert.role.run(partyId, role.title, role.status, role.heldFrom, role.heldUntil, position));
    for (const alias of party.aliases) insert.alias.run(partyId, alias);
    return partyId;
  });

  const storyIds: number[] = [];
  const questionIds: number[][] = [];
  for (const story of plan.stories) {
    const storyId = id(insert.story.run(story.slug, story.title, story.summaryMd, story.startsOn, story.endsOn, at(story.startsOn), at(story.startsOn)));
    storyIds.push(storyId);
    questionIds.push(story.questions.map((q, position) => id(insert.question.run(storyId, q.slug, q.proposition, q.shortLabel, position))));
    story.cast.forEach((member, position) => insert.cast.run(storyId, partyIds[member.party], member.involvement, position));
  }

  // Archived texts: a few paragraphs of made-up prose with the cited passages set among them.
  // Filler paragraphs come from a pool (making 100 MB of fresh prose would be most of the time);
  // the passages, which quotes are looked for in, are each source's own.
  // One source in twenty was captured twice (the publisher changed its last paragraph since).
  const pool = Array.from({ length: Math.min(20_000, plan.sources.length * 3) }, () => text.paragraph());
  const filler = () => pool[random.int(0, pool.length - 1)]!;
  const sourceIds: number[] = [];
  const latest: { id: number; text: string }[] = [];
  plan.sources.forEach((source, index) => {
    const sourceId = id(insert.source.run(source.title, source.publisher, source.author, source.url, source.publishedOn, addDays(source.publishedOn, 2), source.kind, source.description));
    sourceIds.push(sourceId);
    const paragraphs = Array.from({ length: random.int(4, 11) }, filler);
    for (const passage of source.passages) {
      const k = random.int(0, paragraphs.length - 1);
      paragraphs[k] = `${paragraphs[k]} ${passage}`;
    }
    const journalist = users.journalists[index % users.journalists.length]!;
    const origin = random.pick(['paste', 'txt', 'html'] as const);
    const filename = origin === 'paste' ? null : `source-${sourceId}.${origin}`;
    if (random.chance(0.05)) {
      const earlier = [...paragraphs.slice(0, -1), filler()].join('\n');
      insert.snapshot.run(sourceId, earlier, sha256(earlier), at(source.publishedOn, '08:00:00'), journalist.name, journalist.id, origin, filename);
    }
    const body = paragraphs.join('\n');
    const snapshotId = id(insert.snapshot.run(sourceId, body, sha256(body), at(addDays(source.publishedOn, 2)), journalist.name, journalist.id, origin, filename));
    latest.push({ id: snapshotId, text: body });
  });

  const recordOf = (claim: PlannedClaim, rating = claim.rating): ClaimRecord => ({
    storyId: storyIds[claim.story]!,
    partyId: partyIds[claim.party]!,
    statement: claim.statement,
    form: claim.form,
    type: claim.type,
    saidOn: claim.saidOn,
    datePrecision: claim.datePrecision,
    venue: claim.venue,
    rating,
    ratingExplanationMd: claim.ratingExplanationMd,
    stances: claim.stances.map((s) => ({ questionId: questionIds[claim.story]![s.question]!, position: s.position, note: s.note })),
    citations: claim.citations.map((c) => ({ sourceId: sourceIds[c.source]!, role: c.role, passage: c.passage })),
  });
  const revision = (claimId: number, version: number, event: string, record: ClaimRecord, state: string, authorId: number, comment: string, when: string) =>
    id(insert.revision.run('claim', claimId, version, event, JSON.stringify({ record, state }), authorId, comment, when));

  // A claim's search document is rebuilt by a trigger on each of its rows (the claim, each stance,
  // its rendering); for a bulk load it is written once per claim at the end, from the same view
  // those triggers read (migration 0013), and the triggers are put back in the same transaction.
  // So is each party's latest claim per question (migration 0016): found once, by a window.
  const perRowIndexing = sql
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
       AND name IN ('search_claims_insert', 'search_stances_insert', 'search_renderings_insert', 'claims_latest_insert', 'stances_latest_insert')`,
    )
    .all() as { name: string; sql: string }[];
  for (const trigger of perRowIndexing) sql.exec(`DROP TRIGGER ${trigger.name}`);
  const claimsBefore = sql.prepare('SELECT coalesce(max(id), 0) FROM claims').pluck().get() as number;

  plan.claims.forEach((claim, index) => {
    const author = users.journalists[index % users.journalists.length]!;
    const published = at(addDays(claim.saidOn, 1), '12:00:00');
    const later = at(addDays(claim.saidOn, 9), '15:30:00');
    const state = claim.fate === 'corrected' ? 'published' : claim.fate;
    const version = claim.fate === 'published' ? 1 : 2;
    const retractionNote = claim.fate === 'retracted' ? text.sentence(10, 20) : '';
    const inReview = claim.fate === 'in_review';
    const updated = inReview ? at(addDays('2026-10-01', index % 60), '09:00:00') : claim.fate === 'published' ? published : later;
    const claimId = id(
      insert.claim.run(
        storyIds[claim.story],
        partyIds[claim.party],
        claim.statement,
        claim.form,
        claim.type,
        claim.saidOn,
        claim.datePrecision,
        claim.venue,
        claim.rating,
        claim.ratingExplanationMd,
        state,
        version,
        author.id,
        retractionNote,
        inReview ? null : published,
        claim.fate === 'retracted' ? later : null,
        at(claim.saidOn, '18:00:00'),
        updated,
      ),
    );
    const record = recordOf(claim);
    for (const stance of record.stances) insert.stance.run(claimId, stance.questionId, stance.position, stance.note);
    const quotes = quotesOf(claim);
    record.citations.forEach((citation, k) => {
      const citationId = id(insert.citation.run(claimId, citation.sourceId, citation.role, citation.passage));
      const snapshot = latest[claim.citations[k]!.source]!;
      const check = checkQuotes(quotes, snapshot.text);
      if (check) {
        insert.quoteCheck.run(citationId, snapshot.id, check.outcome, check.start, check.end, check.similarity, JSON.stringify({ fragments: check.fragments }), at(claim.saidOn, '18:00:00'));
      }
    });

    // Its lead rendering, as the desk's save writes it (ADR 027): the statement, from the source it comes from.
    insert.rendering.run(claimId, claim.statement, leadSourceOf(record.citations));

    const loaded = 'Generated for the benchmark';
    if (claim.fate === 'published') {
      revision(claimId, 1, 'published', record, 'published', users.editor.id, loaded, published);
    } else if (claim.fate === 'in_review') {
      revision(claimId, 1, 'created', record, 'draft', author.id, loaded, updated);
      revision(claimId, 2, 'submitted', record, 'in_review', author.id, '', updated);
    } else if (claim.fate === 'retracted') {
      revision(claimId, 1, 'published', record, 'published', users.editor.id, loaded, published);
      revision(claimId, 2, 'retracted', record, 'retracted', users.editor.id, retractionNote, later);
      insert.audit.run(later, users.editor.id, 'claim_retracted', 'claim', claimId, JSON.stringify({ note: retractionNote }));
    } else {
      // Corrected: published with another rating, then an approved edit with its public note.
      revision(claimId, 1, 'published', recordOf(claim, claim.ratingBefore!), 'published', users.editor.id, loaded, published);
      const note = `The rating was changed from ${claim.ratingBefore!.replace('_', ' ')} to ${claim.rating.replace('_', ' ')}: ${text.sentence(6, 14)}`;
      const approved = revision(claimId, 2, 'edit_approved', record, 'published', users.editor.id, `Correction: ${note}`, later);
      insert.correction.run(claimId, approved, note, users.editor.id, later);
      insert.audit.run(later, users.editor.id, 'claim_edit_approved', 'claim', claimId, JSON.stringify({ version: 2, correction: note, changed: ['rating'] }));
    }
  });
  sql
    .prepare('INSERT INTO search_index (rowid, title, speaker, notes, tags) SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id > ?')
    .run(claimsBefore);
  sql.exec('DELETE FROM question_party_latest');
  sql.exec(LATEST_FILL);
  for (const trigger of perRowIndexing) sql.exec(trigger.sql);
  bumpPublicationGeneration(db);
}
