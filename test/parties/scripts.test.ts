/**
 * Issue 14: names in any script. A Cyrillic or accented name gets a usable transliterated slug and
 * keeps its name as written; a name or alias in another script matches a report's Latin spelling
 * in suggestions, and same-script aliases keep matching.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { slugify } from '../../src/lib/fields.js';
import { emptyPartyForm, validateParty } from '../../src/parties/form.js';
import { createParty } from '../../src/parties/service.js';
import { resolveParty } from '../../src/suggest/party-match.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST } from '../helpers/app.js';

test('slugs transliterate other scripts and keep the old slugs of accented Latin names', () => {
  assert.equal(slugify('Дмитрий Песков'), 'dmitriy-peskov');
  assert.equal(slugify('Мария Захарова'), 'mariya-zakharova');
  assert.equal(slugify('Ελλάδα'), 'ellada');
  assert.equal(slugify('Łukasz Żółw'), 'lukasz-zolw');
  // Unchanged from before: accents dropped, ß as ss.
  assert.equal(slugify('Sénat français'), 'senat-francais');
  assert.equal(slugify('Jürgen Straße'), 'jurgen-strasse');
  assert.equal(slugify('Boris Pistorius'), 'boris-pistorius');
});

test('a party named in Cyrillic gets a usable address and keeps its name as written', async () => {
  const { db, close } = makeTestDb({ withStory: false });
  try {
    const user = await createUser(db, { email: 'ed@scripts.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    const { input, errors } = validateParty({ ...emptyPartyForm(), name: 'Мария Захарова', kind: 'person', aliases: 'Maria Zakharova' });
    assert.deepEqual(errors, {});
    assert.equal(input.slug, 'mariya-zakharova');
    assert.equal(createParty(db, { id: user.id, role: 'editor' }, input).kind, 'saved');
    const row = db.select().from(t.parties).where(eq(t.parties.slug, 'mariya-zakharova')).get()!;
    assert.equal(row.name, 'Мария Захарова');
  } finally {
    close();
  }
});

test('names and aliases in another script match a report’s Latin spelling, and their own script', () => {
  const parties = [
    { slug: 'dmitry-peskov', name: 'Dmitry Peskov', aliases: ['Дмитрий Песков'], roles: ['Kremlin spokesperson'] },
    { slug: 'maria-zakharova', name: 'Мария Захарова', aliases: [], roles: [] },
  ];
  assert.equal(resolveParty('Дмитрий Песков', parties)?.slug, 'dmitry-peskov');
  assert.equal(resolveParty('ДМИТРИЙ ПЕСКОВ', parties)?.slug, 'dmitry-peskov');
  assert.equal(resolveParty('Dmitriy Peskov', parties)?.slug, 'dmitry-peskov');
  assert.equal(resolveParty('Mariya Zakharova', parties)?.slug, 'maria-zakharova');
  assert.equal(resolveParty('Мария Захарова', parties)?.slug, 'maria-zakharova');
  assert.equal(resolveParty('Boris Pistorius', parties), null);
});
