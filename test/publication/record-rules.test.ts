/**
 * The record services and field rules without HTTP: slugs, days, links and LIKE patterns; the
 * visibility notions (a party is public through its own published claim or through the cast of
 * a public story); the permission checked again inside the write, with nothing half-written;
 * and the pickers other desk forms reuse.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../../src/auth/permissions.js';
import { Forbidden } from '../../src/errors.js';
import { checkSlug, checkUrl, isIsoDay, likePattern, parseVersion, slugify, SLUG_PATTERN } from '../../src/lib/fields.js';
import { isPartyPublic, isSourcePublic, isStoryPublic } from '../../src/publication/visibility.js';
import { createParty, updateParty } from '../../src/parties/service.js';
import { validateParty, readPartyForm } from '../../src/parties/form.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, startTestServer, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

describe('field rules', () => {
  test('slugify makes slugs the schema accepts', () => {
    assert.equal(slugify('Boris Pistorius'), 'boris-pistorius');
    assert.equal(slugify('  Sénat — Français!  '), 'senat-francais');
    assert.equal(slugify('Straße 10'), 'strasse-10');
    // Issue 14: other scripts are transliterated (they used to give '').
    assert.equal(slugify('Дмитрий'), 'dmitriy');
    assert.equal(slugify('北京'), '');
    assert.equal(slugify('---'), '');
    const long = slugify(`${'word '.repeat(30)}`);
    assert.ok(long.length <= 80 && SLUG_PATTERN.test(long) && !long.endsWith('-'), long);
  });

  test('typed slugs must match the CHECK; empty ones are derived', () => {
    const errors: Record<string, string> = {};
    assert.equal(checkSlug(errors, 'slug', '', 'Ingo Gerhartz', 'name'), 'ingo-gerhartz');
    assert.equal(checkSlug(errors, 'slug', ' ok-slug ', 'x', 'name'), 'ok-slug');
    assert.deepEqual(errors, {});
    for (const bad of ['-leading', 'UPPER', 'under_score', 'sp ace', 'ümlaut', 'a'.repeat(81)]) {
      const e: Record<string, string> = {};
      checkSlug(e, 'slug', bad, 'x', 'name');
      assert.ok(e.slug, bad);
    }
  });

  test('days are real calendar days', () => {
    for (const good of ['2024-02-29', '2024-03-05', '1999-12-31']) assert.ok(isIsoDay(good), good);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-3-5', '05-03-2024', '2024-03-05T00:00', '']) assert.ok(!isIsoDay(bad), bad);
  });

  test('links are http or https only', () => {
    const errors: Record<string, string> = {};
    assert.equal(checkUrl(errors, 'url', ' https://example.com/a?b=1 '), 'https://example.com/a?b=1');
    assert.equal(checkUrl(errors, 'url', 'HTTPS://EXAMPLE.com'), 'https://EXAMPLE.com');
    assert.equal(checkUrl(errors, 'url', ''), null);
    assert.deepEqual(errors, {});
    for (const bad of ['javascript:alert(1)', 'mailto:a@b.c', 'https:/x', '//example.com', 'example.com']) {
      const e: Record<string, string> = {};
      assert.equal(checkUrl(e, 'url', bad), null, bad);
      assert.ok(e.url, bad);
    }
  });

  test('versions and LIKE patterns', () => {
    assert.equal(parseVersion('3'), 3);
    assert.equal(parseVersion(''), null);
    assert.equal(parseVersion('0'), null);
    assert.equal(parseVersion('1.5'), null);
    assert.equal(likePattern('50%_off\\'), '%50\\%\\_off\\\\%');
  });

  test('role rows are zipped by index and fully blank rows ignored', () => {
    const values = readPartyForm({
      name: ['X'],
      kind: ['person'],
      role_title: ['', 'Chair', ''],
      role_status: ['former', 'current'],
      role_from: ['', '', '2020-01-01'],
      role_until: [],
    });
    assert.deepEqual(values.roles, [
      { title: 'Chair', status: 'current', from: '', until: '' },
      { title: '', status: 'current', from: '2020-01-01', until: '' },
    ]);
    const { errors } = validateParty(values);
    assert.match(errors['role_title-1']!, /Enter the title of role 2/);
  });
});

describe('services', () => {
  let testDb: TestDb;
  let journalist: Actor;
  let editor: Actor;
  before(async () => {
    testDb = makeTestDb();
    const make = async (role: Actor['role']) => {
      const user = await createUser(testDb.db, { email: `${role}@records.test`, name: role, role, password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
      return { id: user.id, role };
    };
    journalist = await make('journalist');
    editor = await make('editor');
  });
  after(() => testDb.close());

  test('the fixture story, its parties and its sources are public; a new party is not', () => {
    const db = testDb.db;
    const taurus = db.select().from(t.stories).where(eq(t.stories.slug, 'taurus-leak')).get()!;
    assert.ok(isStoryPublic(db, taurus.id));
    const boris = db.select().from(t.parties).where(eq(t.parties.slug, 'boris-pistorius')).get()!;
    assert.ok(isPartyPublic(db, boris.id));
    const anySource = db.select().from(t.sources).get()!;
    assert.equal(typeof isSourcePublic(db, anySource.id), 'boolean');
    const outcome = createParty(db, journalist, { name: 'Cast Only', slug: 'cast-only', kind: 'person', description: '', roles: [], aliases: [] });
    assert.equal(outcome.kind, 'saved');
    assert.ok(!isPartyPublic(db, outcome.kind === 'saved' ? outcome.id : 0));
  });

  test('a party in the cast of a public story is public even without claims of its own: journalists may no longer edit it', () => {
    const db = testDb.db;
    const party = db.select().from(t.parties).where(eq(t.parties.slug, 'cast-only')).get()!;
    const taurus = db.select().from(t.stories).where(eq(t.stories.slug, 'taurus-leak')).get()!;
    // Between opening the form and saving, the party joins a public story's cast.
    db.insert(t.storyParties).values({ storyId: taurus.id, partyId: party.id, involvement: 'Commented', position: 99 }).run();
    assert.ok(isPartyPublic(db, party.id));
    const input = { name: 'Renamed', slug: 'cast-only', kind: 'person' as const, description: '', roles: [{ title: 'Chair', status: 'current' as const, heldFrom: null, heldUntil: null }], aliases: ['A'] };
    assert.throws(() => updateParty(db, journalist, party.id, 1, input), Forbidden);
    const after = db.select().from(t.parties).where(eq(t.parties.id, party.id)).get()!;
    assert.equal(after.name, 'Cast Only');
    assert.equal(after.version, 1);
    assert.equal(db.select().from(t.partyRoles).where(eq(t.partyRoles.partyId, party.id)).all().length, 0, 'nothing half-written');
    const saved = updateParty(db, editor, party.id, 1, input);
    assert.equal(saved.kind, 'saved');
  });
});

test('the services are reachable over HTTP only behind the desk login', async () => {
  const server = await startTestServer({ withStory: false });
  try {
    const anon = server.client();
    for (const path of ['/desk/parties', '/desk/sources', '/desk/stories', '/desk/parties/role-row']) {
      const page = await anon.get(path);
      assert.equal(page.status, 303, path);
    }
    const preview = await anon.post('/desk/stories/preview', { summary_md: '*x*' });
    assert.equal(preview.status, 303);
    const editor = await server.signIn('editor');
    const empty = await editor.get('/desk/stories');
    assert.match(empty.body, /No stories yet/);
  } finally {
    await server.stop();
  }
});
