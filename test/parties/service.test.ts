/**
 * The desk's party screens over real HTTP: creating and editing with dated roles and aliases,
 * 422 with the input kept, slug rules, 409 on a stale version with both versions shown, one
 * revision per save with the full record, permissions per role, mass assignment, htmx fragments,
 * and the public party page showing an editor's change at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { publicationGeneration } from '../../src/db.js';
import { startTestServer, type Page, type TestServer } from '../helpers/app.js';
import { recordFormFields } from '../helpers/forms.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

function partyBySlug(slug: string) {
  return server.db.select().from(t.parties).where(eq(t.parties.slug, slug)).get();
}
function rolesOf(partyId: number) {
  return server.db.select().from(t.partyRoles).where(eq(t.partyRoles.partyId, partyId)).orderBy(t.partyRoles.position).all();
}
function aliasesOf(partyId: number) {
  return server.db.select().from(t.partyAliases).where(eq(t.partyAliases.partyId, partyId)).all().map((a) => a.alias);
}
function revisionsOf(partyId: number) {
  return server.db
    .select()
    .from(t.revisions)
    .where(and(eq(t.revisions.entityType, 'party'), eq(t.revisions.entityId, partyId)))
    .orderBy(t.revisions.version)
    .all();
}
function countParties() {
  return server.db.select({ id: t.parties.id }).from(t.parties).all().length;
}
function idFrom(page: Page): number {
  const match = /^\/desk\/parties\/(\d+)$/.exec(page.location ?? '');
  assert.ok(match, `expected a redirect to the party, got ${page.status} ${page.location}`);
  return Number(match[1]);
}
function roleValues(page: Page, name: string): string[] {
  return page.$(`[name=${name}]`).map((_, el) => page.$(el).val() as string).get();
}

const fullParty = {
  name: 'Karin Fischer',
  slug: '',
  kind: 'person',
  description: 'Spokesperson, ministry of defence.',
  role_title: ['Ministry spokesperson', 'Press officer', ''],
  role_status: ['current', 'former', 'current'],
  role_from: ['2023-01-15', '2019-05-01', ''],
  role_until: ['', '2022-12-31', ''],
  aliases: 'Ms Fischer\nthe spokesperson\n\nMs Fischer\n',
  comment: 'New party for the Taurus story',
};

describe('where records are created', () => {
  test('each form posts to its collection; a former …/new address answers 308 there, and the re-posted form saves', async () => {
    const editor = await server.signIn('editor');
    const story = server.db.select().from(t.stories).where(eq(t.stories.slug, 'taurus-leak')).get()!;
    const records: { form: string; collection: string; fields: Record<string, string> }[] = [
      { form: '/desk/parties/new', collection: '/desk/parties', fields: { name: 'Moved Address Party', kind: 'person' } },
      { form: '/desk/sources/new', collection: '/desk/sources', fields: { title: 'Moved Address Source', publisher: 'Gazette', kind: 'news_report' } },
      { form: '/desk/stories/new', collection: '/desk/stories', fields: { title: 'Moved Address Story', summary_md: 'A summary.', starts_on: '2024-03-01' } },
      {
        form: `/desk/stories/${story.id}/questions/new`,
        collection: `/desk/stories/${story.id}/questions`,
        fields: { proposition: 'The address moved.', short_label: 'Moved address', position: '9' },
      },
    ];
    for (const { form, collection, fields } of records) {
      const page = await editor.get(form);
      assert.equal(page.$('main form[method=post]').attr('action'), collection, `${form} posts to ${collection}`);
      const before = server.db.$client.prepare('SELECT count(*) FROM revisions').pluck().get();
      const former = await editor.post(form, fields);
      assert.equal(former.status, 308, `POST ${form}`);
      assert.equal(former.location, collection);
      assert.equal(server.db.$client.prepare('SELECT count(*) FROM revisions').pluck().get(), before, 'the redirect itself saves nothing');
      const saved = await editor.post(former.location!, fields);
      assert.equal(saved.status, 303, `POST ${collection}`);
      assert.match(saved.location ?? '', new RegExp(`^${collection}/\\d+$`));
    }
  });
});

describe('creating a party', () => {
  test('anonymous users are sent to the login page and nothing is written', async () => {
    const anon = server.client();
    const list = await anon.get('/desk/parties');
    assert.equal(list.status, 303);
    assert.match(list.location!, /^\/login\?next=%2Fdesk%2Fparties/);
    const before = countParties();
    const post = await anon.post('/desk/parties', { name: 'Someone' });
    assert.equal(post.status, 303);
    assert.match(post.location!, /^\/login/);
    assert.equal(countParties(), before);
  });

  test('a journalist creates a party with roles and aliases; the slug comes from the name', async () => {
    const journalist = await server.signIn('journalist');
    const form = await journalist.get('/desk/parties/new');
    assert.equal(form.status, 200);
    assert.equal(form.$('form#party-form [name=role_title]').length, 1, 'one blank role row');

    const saved = await journalist.post('/desk/parties', fullParty);
    assert.equal(saved.status, 303);
    const id = idFrom(saved);
    const party = partyBySlug('karin-fischer');
    assert.ok(party);
    assert.equal(party.id, id);
    assert.equal(party.version, 1);
    assert.equal(party.kind, 'person');
    const roles = rolesOf(id);
    assert.deepEqual(
      roles.map((r) => [r.title, r.status, r.heldFrom, r.heldUntil, r.position]),
      [
        ['Ministry spokesperson', 'current', '2023-01-15', null, 0],
        ['Press officer', 'former', '2019-05-01', '2022-12-31', 1],
      ],
    );
    assert.deepEqual(aliasesOf(id), ['Ms Fischer', 'the spokesperson']);

    const revisions = revisionsOf(id);
    assert.equal(revisions.length, 1);
    assert.equal(revisions[0]!.event, 'created');
    assert.equal(revisions[0]!.version, 1);
    assert.equal(revisions[0]!.authorId, journalist.userId);
    assert.equal(revisions[0]!.comment, 'New party for the Taurus story');
    const snapshot = JSON.parse(revisions[0]!.snapshot);
    assert.equal(snapshot.party.name, 'Karin Fischer');
    assert.equal(snapshot.party.slug, 'karin-fischer');
    assert.equal(snapshot.roles.length, 2);
    assert.equal(snapshot.roles[1].heldUntil, '2022-12-31');
    assert.deepEqual(snapshot.aliases, ['Ms Fischer', 'the spokesperson']);

    const page = await journalist.follow(saved);
    assert.equal(page.status, 200);
    assert.equal(page.$('h1').text(), 'Karin Fischer');
    assert.match(page.$('.facts').text(), /Press officer \(former\) — from 1 May 2019 until 31 December 2022/);
    assert.equal(page.$('.revision-history tbody tr').length, 1);
    assert.match(page.$('.revision-history tbody tr').text(), /Created/);
    assert.match(page.$('.revision-history tbody tr').text(), /New party for the Taurus story/);
  });

  test('invalid input answers 422 with every value kept and a message by each field; nothing is written', async () => {
    const journalist = await server.signIn('journalist');
    const before = countParties();
    const page = await journalist.post('/desk/parties', {
      name: 'Erik <b>Bold</b>',
      slug: 'Erik Bold!',
      kind: 'spy',
      description: 'Keeps <script>alert(1)</script> this text',
      role_title: ['Envoy', '', 'Adviser'],
      role_status: ['current', 'current', 'former'],
      role_from: ['2024-05-01', '', '2024-02-30'],
      role_until: ['2024-04-01', '', ''],
      aliases: 'E. Bold\nMr Bold',
    });
    assert.equal(page.status, 422);
    assert.equal(countParties(), before);
    const $ = page.$;
    assert.equal($('[name=name]').val(), 'Erik <b>Bold</b>');
    assert.equal($('[name=slug]').val(), 'Erik Bold!');
    assert.equal($('[name=description]').text(), 'Keeps <script>alert(1)</script> this text');
    assert.equal($('[name=aliases]').text(), 'E. Bold\nMr Bold');
    assert.ok(!page.body.includes('<script>alert(1)'), 'user text is escaped');
    assert.deepEqual(roleValues(page, 'role_title'), ['Envoy', 'Adviser', '']);
    assert.deepEqual(roleValues(page, 'role_from'), ['2024-05-01', '2024-02-30', '']);
    assert.match($('#field-slug-error').text(), /lowercase letters a–z, digits and dashes.*“erik-bold”/);
    assert.match($('#field-kind-error').text(), /kind of party/);
    assert.match($('#field-role_until-0-error').text(), /cannot end \(2024-04-01\) before it starts \(2024-05-01\)/);
    assert.match($('#field-role_from-1-error').text(), /real date/);
    assert.equal($('#field-role_from-1').attr('aria-invalid'), 'true');
    assert.ok($('.error-summary a[href="#field-role_until-0"]').length, 'the summary links to the field');
  });

  test('an empty name, and a name with nothing to make a slug from, are refused', async () => {
    const journalist = await server.signIn('journalist');
    const empty = await journalist.post('/desk/parties', { name: '  ', kind: 'person' });
    assert.equal(empty.status, 422);
    assert.match(empty.$('#field-name-error').text(), /Enter the name/);
    // Issue 14: a Cyrillic name now transliterates (test/parties/scripts.test.ts); a script the
    // transliteration leaves as it is still needs a slug typed.
    const untransliterated = await journalist.post('/desk/parties', { name: '北京', kind: 'organisation' });
    assert.equal(untransliterated.status, 422);
    assert.match(untransliterated.$('#field-slug-error').text(), /Enter a slug/);
    assert.equal(untransliterated.$('[name=name]').val(), '北京');
    const cyrillic = await journalist.post('/desk/parties', { name: 'Дмитрий Песков', kind: 'person' });
    assert.equal(cyrillic.status, 303);
    assert.match(cyrillic.location ?? '', /\/desk\/parties\/\d+/);
  });

  test('slugs: too long, taken (typed or derived), and accents folded', async () => {
    const journalist = await server.signIn('journalist');
    const long = await journalist.post('/desk/parties', { name: 'Long', slug: 'a'.repeat(81), kind: 'person' });
    assert.equal(long.status, 422);
    assert.match(long.$('#field-slug-error').text(), /81 characters/);

    const taken = await journalist.post('/desk/parties', { name: 'Another', slug: 'boris-pistorius', kind: 'person' });
    assert.equal(taken.status, 422);
    assert.match(taken.$('#field-slug-error').text(), /Another party already uses the slug “boris-pistorius”/);

    const derivedTaken = await journalist.post('/desk/parties', { name: 'Boris Pistorius', kind: 'person' });
    assert.equal(derivedTaken.status, 422);
    assert.match(derivedTaken.$('#field-slug-error').text(), /already uses/);

    const accents = await journalist.post('/desk/parties', { name: 'Sénat Français Straße', kind: 'organisation' });
    assert.equal(accents.status, 303);
    assert.ok(partyBySlug('senat-francais-strasse'));
  });

  test('without JavaScript, "Add a role" shows one more blank row and saves nothing', async () => {
    const journalist = await server.signIn('journalist');
    const before = countParties();
    const page = await journalist.post('/desk/parties', {
      name: 'Row Adder',
      kind: 'person',
      role_title: ['First role', ''],
      role_status: ['current', 'current'],
      role_from: ['', ''],
      role_until: ['', ''],
      intent: 'add-role',
    });
    assert.equal(page.status, 200);
    assert.equal(countParties(), before);
    assert.deepEqual(roleValues(page, 'role_title'), ['First role', '', '']);
    assert.equal(page.$('[name=name]').val(), 'Row Adder');
    assert.equal(page.$('.error-summary').length, 0, 'no errors for a form still being filled in');
  });

  test('with htmx, a blank role row is fetched as a fragment with ids of its own', async () => {
    const journalist = await server.signIn('journalist');
    const a = await journalist.get('/desk/parties/role-row', { 'HX-Request': 'true' });
    const b = await journalist.get('/desk/parties/role-row', { 'HX-Request': 'true' });
    assert.equal(a.status, 200);
    assert.ok(!a.body.includes('<html'));
    assert.equal(a.$('fieldset.role-row [name=role_title]').length, 1);
    assert.equal(a.$('[name=role_status] option').length, 2);
    assert.notEqual(a.$('[name=role_title]').attr('id'), b.$('[name=role_title]').attr('id'));
    const form = await journalist.get('/desk/parties/new');
    const button = form.$('button[value=add-role]');
    assert.equal(button.attr('type'), 'submit');
    assert.equal(button.attr('data-hx-get'), '/desk/parties/role-row');
    assert.equal(button.attr('data-hx-target'), '#role-rows');
    assert.equal(button.attr('data-hx-swap'), 'beforeend');
    // Enter in a field submits with the first submit button: it must be "save".
    assert.equal(form.$('form#party-form button[type=submit]').first().attr('value'), 'save');
  });

  test('fields that are not on the form cannot be set (mass assignment)', async () => {
    const journalist = await server.signIn('journalist');
    const saved = await journalist.post('/desk/parties', {
      name: 'Mass Assign',
      kind: 'outlet',
      id: '1',
      version: '99',
      created_at: '2000-01-01T00:00:00.000Z',
      createdAt: '2000-01-01T00:00:00.000Z',
      author_id: '1',
      authorId: '1',
    });
    assert.equal(saved.status, 303);
    const party = partyBySlug('mass-assign')!;
    assert.notEqual(party.id, 1);
    assert.equal(party.version, 1);
    assert.notEqual(party.createdAt, '2000-01-01T00:00:00.000Z');
    assert.equal(revisionsOf(party.id)[0]!.authorId, journalist.userId);
    assert.equal(partyBySlug('boris-pistorius')!.name, 'Boris Pistorius');
  });
});

describe('editing a party', () => {
  test('a journalist edits their unpublished party: version and updated_at bump, a revision is written', async () => {
    const journalist = await server.signIn('journalist');
    const id = idFrom(await journalist.post('/desk/parties', { name: 'Lena Vogt', kind: 'person', role_title: 'Analyst', role_status: 'current' }));
    const before = partyBySlug('lena-vogt')!;
    const generation = publicationGeneration(server.db);

    const form = await journalist.get(`/desk/parties/${id}/edit`);
    assert.equal(form.status, 200);
    assert.equal(form.$('input[type=hidden][name=version]').val(), '1');
    assert.equal(form.$('[name=name]').val(), 'Lena Vogt');
    assert.deepEqual(roleValues(form, 'role_title'), ['Analyst', '']);

    const saved = await journalist.post(`/desk/parties/${id}/edit`, {
      version: '1',
      name: 'Lena Vogt',
      slug: 'lena-vogt',
      kind: 'person',
      description: 'Defence analyst.',
      role_title: ['', 'Senior analyst'],
      role_status: ['current', 'current'],
      role_from: ['', '2024-01-01'],
      role_until: ['', ''],
      aliases: 'Dr Vogt',
      comment: 'Promoted',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/desk/parties/${id}`);
    const after = partyBySlug('lena-vogt')!;
    assert.equal(after.version, 2);
    assert.ok(after.updatedAt > before.updatedAt, 'updated_at moves on');
    assert.equal(after.createdAt, before.createdAt);
    assert.deepEqual(rolesOf(id).map((r) => r.title), ['Senior analyst'], 'a cleared row removes the role');
    assert.deepEqual(aliasesOf(id), ['Dr Vogt']);
    const revisions = revisionsOf(id);
    assert.deepEqual(revisions.map((r) => [r.version, r.event]), [[1, 'created'], [2, 'edited']]);
    const snapshot = JSON.parse(revisions[1]!.snapshot);
    assert.equal(snapshot.party.version, 2);
    assert.equal(snapshot.party.description, 'Defence analyst.');
    assert.deepEqual(snapshot.roles, [{ title: 'Senior analyst', status: 'current', heldFrom: '2024-01-01', heldUntil: null }]);
    assert.deepEqual(snapshot.aliases, ['Dr Vogt']);
    assert.equal(publicationGeneration(server.db), generation, 'an unpublished party does not touch the public cache');

    const page = await journalist.get(`/desk/parties/${id}`);
    assert.equal(page.$('.revision-history tbody tr').length, 2);
    assert.match(page.$('.revision-history tbody tr').first().text(), /2\s*Edited.*journalist.*Promoted/s);
  });

  test('a journalist gets 403 editing a public party, and nothing changes', async () => {
    const journalist = await server.signIn('journalist');
    const boris = partyBySlug('boris-pistorius')!;
    const list = await journalist.get('/desk/parties?q=pistorius');
    assert.equal(list.$('tr[data-party=boris-pistorius] a[href$="/edit"]').length, 0, 'no edit link');
    assert.equal((await journalist.get(`/desk/parties/${boris.id}/edit`)).status, 403);
    const post = await journalist.post(`/desk/parties/${boris.id}/edit`, { version: String(boris.version), name: 'Hacked', kind: 'person' });
    assert.equal(post.status, 403);
    assert.equal(partyBySlug('boris-pistorius')!.name, 'Boris Pistorius');
    assert.equal(revisionsOf(boris.id).length, 0);
  });

  test("an editor's change to a public party shows on its public page at once", async () => {
    const editor = await server.signIn('editor');
    const boris = partyBySlug('boris-pistorius')!;
    const publicBefore = await server.client().get('/parties/boris-pistorius');
    assert.equal(publicBefore.status, 200);
    assert.ok(!publicBefore.body.includes('Edited by the desk'));
    await server.client().get('/parties/boris-pistorius'); // now served from the cache
    const generation = publicationGeneration(server.db);

    const form = await editor.get(`/desk/parties/${boris.id}/edit`);
    assert.equal(form.status, 200);
    const fields = recordFormFields(form);
    fields.description = 'Edited by the desk: Germany’s defence minister since January 2023.';
    const saved = await editor.post(`/desk/parties/${boris.id}/edit`, fields);
    assert.equal(saved.status, 303);
    assert.equal(publicationGeneration(server.db), generation + 1);

    const publicAfter = await server.client().get('/parties/boris-pistorius');
    assert.equal(publicAfter.status, 200);
    assert.ok(publicAfter.body.includes('Edited by the desk'), 'the cached page was refreshed');
    // Roles and aliases the editor did not touch are kept.
    assert.deepEqual(rolesOf(boris.id).map((r) => r.title), ['Germany’s defence minister']);
  });

  test('a stale version is refused with 409: both versions shown, nothing overwritten; a second save goes through', async () => {
    const first = await server.signIn('editor');
    const second = await server.signIn('editor');
    const id = idFrom(await first.post('/desk/parties', { name: 'Conflict Party', kind: 'organisation', description: 'Original.' }));

    const formA = await first.get(`/desk/parties/${id}/edit`);
    const formB = await second.get(`/desk/parties/${id}/edit`);
    const fieldsB = recordFormFields(formB);
    fieldsB.description = 'Their description.';
    fieldsB.comment = 'B was quicker';
    assert.equal((await second.post(`/desk/parties/${id}/edit`, fieldsB)).status, 303);

    const fieldsA = recordFormFields(formA);
    fieldsA.description = 'My description.';
    fieldsA.aliases = 'Alias A';
    const refused = await first.post(`/desk/parties/${id}/edit`, fieldsA);
    assert.equal(refused.status, 409);
    const saved = partyBySlug('conflict-party')!;
    assert.equal(saved.description, 'Their description.', 'nothing overwritten');
    assert.equal(saved.version, 2);
    assert.equal(revisionsOf(id).length, 2);

    const $ = refused.$;
    assert.equal($('[name=description]').text(), 'My description.', 'your input is kept');
    assert.equal($('[name=aliases]').text(), 'Alias A');
    assert.equal($('input[type=hidden][name=version]').val(), '2', 'the form now carries the current version');
    const notice = $('#conflict');
    assert.match(notice.text(), /Version 2 was saved by editor \d+/);
    assert.match(notice.text(), /B was quicker/);
    const row = notice.find('tr[data-field=Description]');
    assert.equal(row.find('.conflict-saved').text(), 'Their description.');
    assert.equal(row.find('.conflict-yours').text(), 'My description.');
    assert.match(row.find('th').text(), /changed by them/);
    assert.equal(notice.find('tr[data-field=Aliases] .conflict-yours').text(), 'Alias A');

    const resubmit = await first.post(`/desk/parties/${id}/edit`, recordFormFields(refused));
    assert.equal(resubmit.status, 303);
    const final = partyBySlug('conflict-party')!;
    assert.equal(final.description, 'My description.');
    assert.equal(final.version, 3);
  });

  test('a missing or forged version is treated as stale, never as a licence to overwrite', async () => {
    const editor = await server.signIn('editor');
    const id = idFrom(await editor.post('/desk/parties', { name: 'Version Check', kind: 'office' }));
    for (const version of [undefined, 'abc', '0', '7']) {
      const fields: Record<string, string> = { name: 'Changed', slug: 'version-check', kind: 'office' };
      if (version !== undefined) fields.version = version;
      const page = await editor.post(`/desk/parties/${id}/edit`, fields);
      assert.equal(page.status, 409, `version ${version}`);
    }
    assert.equal(partyBySlug('version-check')!.name, 'Version Check');
  });

  test('editing to a slug another party has answers 422; an edit keeping its own slug is fine', async () => {
    const journalist = await server.signIn('journalist');
    const id = idFrom(await journalist.post('/desk/parties', { name: 'Slug Owner', kind: 'person' }));
    const page = await journalist.post(`/desk/parties/${id}/edit`, { version: '1', name: 'Slug Owner', slug: 'dmitry-peskov', kind: 'person' });
    assert.equal(page.status, 422);
    assert.match(page.$('#field-slug-error').text(), /already uses the slug “dmitry-peskov”/);
    assert.equal(page.$('input[name=version]').val(), '1', 'a 422 keeps the version the form was opened at');
    const ok = await journalist.post(`/desk/parties/${id}/edit`, { version: '1', name: 'Slug Owner', slug: 'slug-owner', kind: 'person' });
    assert.equal(ok.status, 303);
  });
});

describe('htmx and addresses', () => {
  test('with htmx, a 422 answers the form alone; a save answers HX-Redirect', async () => {
    const journalist = await server.signIn('journalist');
    const hx = { 'HX-Request': 'true' };
    const invalid = await journalist.post('/desk/parties', { name: '', kind: 'person' }, hx);
    assert.equal(invalid.status, 422);
    assert.match(invalid.headers.get('vary') ?? '', /HX-Request/i);
    assert.ok(invalid.body.trimStart().startsWith('<form'), 'just the form');
    assert.equal(invalid.$('form#party-form').attr('data-hx-target'), 'this');
    const full = await journalist.post('/desk/parties', { name: '', kind: 'person' });
    assert.ok(full.body.includes('<html'));
    assert.match(full.headers.get('vary') ?? '', /HX-Request/i);

    const saved = await journalist.post('/desk/parties', { name: 'Htmx Party', kind: 'person' }, hx);
    assert.equal(saved.status, 204);
    assert.match(saved.headers.get('hx-redirect') ?? '', /^\/desk\/parties\/\d+$/);
  });

  test('non-numeric and unknown ids are 404', async () => {
    const editor = await server.signIn('editor');
    for (const path of ['/desk/parties/abc', '/desk/parties/1e3', '/desk/parties/-1/edit', '/desk/parties/999999', '/desk/parties/999999/edit']) {
      assert.equal((await editor.get(path)).status, 404, path);
    }
    assert.equal((await editor.post('/desk/parties/999999/edit', { name: 'x', kind: 'person' })).status, 404);
  });

  test('the list searches names, slugs and aliases; LIKE wildcards match themselves', async () => {
    const journalist = await server.signIn('journalist');
    const all = await journalist.get('/desk/parties');
    const names = all.$('tbody tr td:first-child').map((_, td) => all.$(td).text()).get();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })), 'alphabetical');
    const byName = await journalist.get('/desk/parties?q=pistor');
    assert.deepEqual(byName.$('tbody tr').map((_, tr) => byName.$(tr).attr('data-party')).get(), ['boris-pistorius']);
    assert.equal(byName.$('input[name=q]').val(), 'pistor');
    const byAlias = await journalist.get('/desk/parties?q=the%20spokesperson');
    assert.deepEqual(byAlias.$('tbody tr').map((_, tr) => byAlias.$(tr).attr('data-party')).get(), ['karin-fischer']);
    const wildcard = await journalist.get('/desk/parties?q=%25');
    assert.equal(wildcard.$('tbody tr').length, 0);
    assert.match(wildcard.body, /No party matches/);
  });
});

