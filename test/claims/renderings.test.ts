/**
 * Issue 14: languages and renderings. The fixture story says the language each claim was said
 * in; a second English report of our own writing translates two of Pistorius's statements
 * differently, and is added to the claims as renderings through the services, on a real database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../../src/auth/permissions.js';
import { languageName, parseLanguageTag } from '../../src/claims/languages.js';
import { readClaimMeta, readClaimRecord } from '../../src/claims/record.js';
import { addRendering, setOriginal } from '../../src/claims/rendering-service.js';
import { differingPairs, readRenderings } from '../../src/claims/renderings.js';
import { editableRecord, restoreVersion, saveClaim } from '../../src/claims/service.js';
import { diffWords } from '../../src/quotes/verify-quote.js';
import { publishClaim } from '../../src/review/service.js';
import { checklistFor } from '../../src/review/checklist.js';
import { captureSnapshot } from '../../src/sources/archive.js';
import { createSource } from '../../src/sources/service.js';
import { validateSource, emptySourceForm } from '../../src/sources/form.js';
import { createUser } from '../../src/users/service.js';
import { Forbidden } from '../../src/errors.js';
import { SECOND_REPORT } from './second-report.js';
import { loadBlns } from '../hardening/hostile-support.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

const RANDOM_HIT = 'It has to be assumed that access to this conference was a random hit as part of a wide, scattered approach.';

let testDb: TestDb;
let editor: Actor & { name: string };
let journalist: Actor;
let chanceHit: number;
let realFind: number;
let wire: number;
let independent: number;

function claimLike(text: string): number {
  return testDb.db.select({ id: t.claims.id }).from(t.claims).where(like(t.claims.statement, `%${text}%`)).get()!.id;
}

/** Cite the second report on a published claim and approve the edit (as an editor would). */
function citeWire(id: number): void {
  const { db } = testDb;
  const { record, meta } = editableRecord(db, id);
  const saved = saveClaim(db, editor, id, meta.version, {
    record: { ...record, citations: [...record.citations, { sourceId: wire, role: 'reports', passage: '' }] },
    newParty: null,
    newSource: null,
    comment: 'Cite the second report',
  });
  assert.equal(saved.kind, 'saved');
  const published = publishClaim(db, editor, id, readClaimMeta(db, id).version, { overrideReason: 'test', correctionNote: '' });
  assert.equal(published.kind, 'saved', JSON.stringify(published));
}

before(async () => {
  testDb = makeTestDb({ withStory: true });
  const { db } = testDb;
  const e = await createUser(db, { email: 'ed@lang.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  const j = await createUser(db, { email: 'jo@lang.test', name: 'Jo', role: 'journalist', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  editor = { id: e.id, role: 'editor', name: 'Ed' };
  journalist = { id: j.id, role: 'journalist' };
  chanceHit = claimLike('chance hit');
  realFind = claimLike('real find');
  independent = db.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.publisher, 'The Independent')).get()!.id;
  const { input, errors } = validateSource({ ...emptySourceForm(), title: 'Minister on the intercepted call', publisher: 'Rhine Wire', kind: 'news_report', language: 'EN' });
  assert.deepEqual(errors, {});
  const created = createSource(db, editor, input, 'Second report');
  assert.equal(created.kind, 'saved');
  wire = (created as { id: number }).id;
  captureSnapshot(db, editor, wire, { text: SECOND_REPORT, origin: 'paste' });
});
after(() => testDb.close());

describe('language tags', () => {
  test('are canonicalised, and ill-formed or unknown ones are refused naming the field', () => {
    assert.deepEqual(parseLanguageTag('DE-at'), { ok: true, tag: 'de-AT' });
    assert.deepEqual(parseLanguageTag(' ru '), { ok: true, tag: 'ru' });
    for (const bad of ['xx', 'i-klingon', 'de_DE_x', '12', '']) {
      const parsed = parseLanguageTag(bad, 'language');
      assert.equal(parsed.ok, false, bad);
      assert.match((parsed as { message: string }).message, /language/);
    }
    assert.equal(languageName('de-AT'), 'German');
  });

  test('no hostile string makes the check throw, and what it accepts is a canonical tag the schema takes', () => {
    for (const input of loadBlns()) {
      const parsed = parseLanguageTag(input);
      if (parsed.ok) assert.match(parsed.tag, /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/, JSON.stringify(input));
    }
  });

  test('a source form with an unknown language is refused on that field', () => {
    const { errors } = validateSource({ ...emptySourceForm(), title: 'T', publisher: 'P', kind: 'news_report', language: 'klingon-ish' });
    assert.deepEqual(Object.keys(errors), ['language']);
    assert.equal(readClaimRecord(testDb.db, chanceHit).language, 'de', 'a fresh source keeps its default');
  });
});

describe('the fixture story', () => {
  test('says the language each claim was said in and marks The Independent’s translations', () => {
    const { db } = testDb;
    const record = readClaimRecord(db, chanceHit);
    assert.equal(record.language, 'de');
    assert.equal(record.originalStatement, '', 'the article prints no German words');
    assert.deepEqual(record.renderings, [
      { text: record.statement, language: 'en', sourceId: independent, translatedBy: 'outlet', translatorName: '' },
    ]);
    const peskov = readClaimRecord(db, claimLike('collective West'));
    assert.equal(peskov.language, 'ru');
    assert.equal(peskov.renderings![0]!.translatedBy, 'outlet');
    const dannatt = readClaimRecord(db, claimLike('censured pretty heavily'));
    assert.equal(dannatt.language, 'en');
    assert.equal(dannatt.renderings![0]!.translatedBy, null);
    const originals = db.select({ id: t.claims.id }).from(t.claims).where(eq(t.claims.originalStatement, '')).all().length;
    assert.equal(originals, db.select({ id: t.claims.id }).from(t.claims).all().length);
    const rows = db.$client.prepare('SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_renderings r WHERE r.claim_id = c.id AND r.position = 0 AND r.text = c.statement)').pluck().get();
    assert.equal(rows, 0, 'every claim has its statement as its lead rendering');
  });
});

describe('adding renderings', () => {
  test('a rendering citing a source the claim does not cite is refused and changes nothing', () => {
    const { db } = testDb;
    const before = readClaimMeta(db, chanceHit).version;
    const outcome = addRendering(db, editor, chanceHit, before, { text: RANDOM_HIT, language: 'en', source: String(wire), translatedBy: 'outlet', translatorName: '', comment: '' });
    assert.equal(outcome.kind, 'invalid');
    assert.match(JSON.stringify(outcome), /not one the claim cites/);
    assert.equal(readClaimMeta(db, chanceHit).version, before);
    assert.equal(readRenderings(db, chanceHit).length, 1);
  });

  test('an unknown language or a missing translator name is refused on its field', () => {
    const { db } = testDb;
    const version = readClaimMeta(db, chanceHit).version;
    const bad = addRendering(db, editor, chanceHit, version, { text: 'x', language: 'xx', source: String(independent), translatedBy: 'translator', translatorName: '', comment: '' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(Object.keys((bad as { errors: object }).errors).sort(), ['language', 'translator_name']);
    assert.equal(readClaimMeta(db, chanceHit).version, version);
  });

  test('a rendering of a published claim waits for review, then is public and its quote is checked against its own source', () => {
    const { db } = testDb;
    citeWire(chanceHit);
    const version = readClaimMeta(db, chanceHit).version;
    const values = { text: RANDOM_HIT, language: 'en', source: String(wire), translatedBy: 'outlet', translatorName: '', comment: '' };
    assert.throws(() => addRendering(db, journalist, chanceHit, version, values), Forbidden, 'a journalist edits only their own claims');
    assert.equal(readClaimMeta(db, chanceHit).version, version);
    const outcome = addRendering(db, editor, chanceHit, version, values);
    assert.deepEqual(outcome, { kind: 'saved', version: version + 1, pending: true });
    assert.equal(readRenderings(db, chanceHit).length, 1, 'readers see nothing unreviewed');
    const pending = db.select().from(t.revisions).where(eq(t.revisions.id, readClaimMeta(db, chanceHit).pendingRevisionId!)).get()!;
    assert.equal(JSON.parse(pending.snapshot).record.renderings.length, 2, 'the revision holds the rendering');
    const approved = publishClaim(db, editor, chanceHit, version + 1, { overrideReason: 'test', correctionNote: '' });
    assert.equal(approved.kind, 'saved', JSON.stringify(approved));
    const renderings = readRenderings(db, chanceHit);
    assert.deepEqual(renderings.map((r) => r.sourceId), [independent, wire]);
    const checks = db.$client
      .prepare('SELECT ci.source_id AS source, q.outcome FROM quote_checks q JOIN citations ci ON ci.id = q.citation_id WHERE ci.claim_id = ? ORDER BY ci.source_id')
      .all(chanceHit);
    assert.deepEqual(checks, [
      { source: independent, outcome: 'exact' },
      { source: wire, outcome: 'exact' },
    ]);
    // The editor's checklist checks each source for its own rendering too: no "altered" for the second report.
    const quoteItem = checklistFor(db, readClaimRecord(db, chanceHit)).find((i) => i.key === 'quote-verified')!;
    assert.equal(quoteItem.ok, true, quoteItem.detail);
    assert.match(quoteItem.detail, /Rhine Wire: exact match/);
    const pairs = differingPairs(renderings);
    assert.equal(pairs.length, 1);
    const diff = diffWords(pairs[0]![0].text, pairs[0]![1].text);
    assert.ok(diff.some((op) => op.op !== 'same' && /chance/.test(op.text)));
    assert.ok(diff.some((op) => op.op !== 'same' && /random/.test(op.text)));
  });

  test('a rendering with an altered quote is checked as altered against its source', () => {
    const { db } = testDb;
    citeWire(realFind);
    const version = readClaimMeta(db, realFind).version;
    const text = 'For the Russian services it was a lucky find... targeted hacking took place in the hotels used across the board';
    const outcome = addRendering(db, editor, realFind, version, { text, language: 'en', source: String(wire), translatedBy: 'outlet', translatorName: '', comment: '' });
    assert.equal(outcome.kind, 'saved');
    assert.equal(publishClaim(db, editor, realFind, version + 1, { overrideReason: 'test', correctionNote: '' }).kind, 'saved');
    const outcomeOf = db.$client
      .prepare('SELECT q.outcome FROM quote_checks q JOIN citations ci ON ci.id = q.citation_id WHERE ci.claim_id = ? AND ci.source_id = ?')
      .pluck()
      .get(realFind, wire);
    assert.equal(outcomeOf, 'altered');
  });

  test('the original needs a known language; restoring an earlier version brings its renderings back', () => {
    const { db } = testDb;
    const version = readClaimMeta(db, chanceHit).version;
    const bad = setOriginal(db, editor, chanceHit, version, { language: 'zz-top', original: 'Wörter', comment: '' });
    assert.equal(bad.kind, 'invalid');
    assert.match(JSON.stringify(bad), /language the claim was said in/);
    assert.equal(readClaimMeta(db, chanceHit).version, version);
    // Dropping the citation a rendering comes from is refused until the rendering goes too.
    const { record } = editableRecord(db, chanceHit);
    const dropped = saveClaim(db, editor, chanceHit, version, {
      record: { ...record, renderings: undefined, citations: record.citations.filter((c) => c.sourceId !== wire) },
      newParty: null,
      newSource: null,
      comment: '',
    });
    assert.equal(dropped.kind, 'invalid');
    assert.match(JSON.stringify(dropped), /does not cite/);
    assert.equal(readClaimMeta(db, chanceHit).version, version);
    const before = readRenderings(db, chanceHit).length;
    const restored = restoreVersion(db, editor, chanceHit, version, 1);
    assert.equal(restored.pending, true);
    assert.equal(editableRecord(db, chanceHit).record.renderings!.length, 1, 'version 1 had only the lead rendering');
    assert.equal(readRenderings(db, chanceHit).length, before, 'still unreviewed, so readers see the approved renderings');
  });
});
