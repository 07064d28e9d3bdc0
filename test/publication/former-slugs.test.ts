/**
 * Renaming keeps old addresses working: an editor changes the slug of a public party, story or
 * question through the desk forms, and the old public addresses answer a permanent redirect to
 * the new ones (a saved comparison naming the old slugs too). A slug taken again by a live record
 * is that record's; renaming back leaves no redirect loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';
import { recordFormFields } from '../helpers/forms.js';

let server: TestServer;
let editor: Client;
before(async () => {
  server = await startTestServer();
  editor = await server.signIn('editor');
});
after(() => server.stop());

const sql = () => server.db.$client;
const id = (query: string, ...params: unknown[]) => sql().prepare(query).pluck().get(...params) as number;


/** Open a desk edit form, change the slug, save. */
async function rename(editPath: string, slug: string) {
  const form = await editor.get(editPath);
  assert.equal(form.status, 200, editPath);
  const saved = await editor.post(editPath, { ...recordFormFields(form), slug });
  assert.equal(saved.status, 303, `${editPath}: ${saved.body.slice(0, 300)}`);
}

async function redirectOf(path: string) {
  const response = await fetch(server.url + path, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

describe('renaming a public party', () => {
  test('the old address and saved comparisons naming it redirect permanently; the new address serves the page', async () => {
    const dannatt = id("SELECT id FROM parties WHERE slug = 'richard-dannatt'");
    await rename(`/desk/parties/${dannatt}/edit`, 'lord-dannatt');
    assert.equal((await fetch(`${server.url}/parties/lord-dannatt`)).status, 200);
    assert.deepEqual(await redirectOf('/parties/richard-dannatt'), { status: 301, location: '/parties/lord-dannatt' });
    assert.deepEqual(await redirectOf('/stories/taurus-leak?party=richard-dannatt&party=boris-pistorius&question=officers-should-be-punished'), {
      status: 301,
      location: '/stories/taurus-leak?party=lord-dannatt&party=boris-pistorius&question=officers-should-be-punished',
    });
    // The comparison it leads to has Lord Dannatt in it, not "left out".
    const page = await editor.get('/stories/taurus-leak?party=lord-dannatt&party=boris-pistorius');
    assert.equal(page.$('th[data-party="lord-dannatt"], [data-party="lord-dannatt"]').length > 0, true);
    assert.doesNotMatch(page.$('main').text(), /left out of the comparison/);

    // Renamed back: the live slug is never a redirect, and the in-between one leads home.
    await rename(`/desk/parties/${dannatt}/edit`, 'richard-dannatt');
    assert.equal((await fetch(`${server.url}/parties/richard-dannatt`, { redirect: 'manual' })).status, 200);
    assert.deepEqual(await redirectOf('/parties/lord-dannatt'), { status: 301, location: '/parties/richard-dannatt' });
    assert.equal(id("SELECT count(*) FROM former_slugs WHERE slug = 'richard-dannatt'"), 0);
  });

  test('a new party that takes a former slug owns it: no redirect any more', async () => {
    const ellwood = id("SELECT id FROM parties WHERE slug = 'tobias-ellwood'");
    await rename(`/desk/parties/${ellwood}/edit`, 'tobias-ellwood-mp');
    assert.deepEqual(await redirectOf('/parties/tobias-ellwood'), { status: 301, location: '/parties/tobias-ellwood-mp' });
    const created = await editor.post('/desk/parties', { name: 'Another Ellwood', slug: 'tobias-ellwood', kind: 'person', description: '', aliases: '' });
    assert.equal(created.status, 303, created.body.slice(0, 300));
    assert.equal(id("SELECT count(*) FROM former_slugs WHERE slug = 'tobias-ellwood'"), 0);
    // The new party has no published claim: its address is simply not public yet.
    assert.equal((await redirectOf('/parties/tobias-ellwood')).status, 404);
  });
});

describe('renaming a public story and one of its questions', () => {
  test('the story, the question, and the question under the old story address all redirect to the new address', async () => {
    const story = id("SELECT id FROM stories WHERE slug = 'taurus-leak'");
    const question = id("SELECT id FROM questions WHERE slug = 'how-the-call-was-intercepted'");
    await rename(`/desk/stories/${story}/questions/${question}/edit`, 'how-the-call-leaked');
    await rename(`/desk/stories/${story}/edit`, 'taurus-call-leak');
    assert.equal((await fetch(`${server.url}/stories/taurus-call-leak/questions/how-the-call-leaked`)).status, 200);
    assert.deepEqual(await redirectOf('/stories/taurus-leak'), { status: 301, location: '/stories/taurus-call-leak' });
    assert.deepEqual(await redirectOf('/stories/taurus-leak?party=boris-pistorius'), { status: 301, location: '/stories/taurus-call-leak?party=boris-pistorius' });
    for (const old of [
      '/stories/taurus-leak/questions/how-the-call-was-intercepted',
      '/stories/taurus-leak/questions/how-the-call-leaked',
      '/stories/taurus-call-leak/questions/how-the-call-was-intercepted',
    ]) {
      assert.deepEqual(await redirectOf(old), { status: 301, location: '/stories/taurus-call-leak/questions/how-the-call-leaked' }, old);
    }
    assert.deepEqual(await redirectOf('/stories/taurus-call-leak?question=how-the-call-was-intercepted'), {
      status: 301,
      location: '/stories/taurus-call-leak?question=how-the-call-leaked',
    });
    // Unknown slugs are still plain 404s.
    assert.equal((await redirectOf('/stories/no-such-story')).status, 404);
    assert.equal((await redirectOf('/stories/taurus-call-leak/questions/no-such-question')).status, 404);
  });
});
