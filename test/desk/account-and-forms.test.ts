/**
 * Changing a password asks for it twice and then leads back to the desk; the sign-in and password
 * forms carry what the browser script needs to show they are working (the forms post without it);
 * every date field says and accepts one format; the new-party fields are marked for showing only
 * while "New party…" is chosen.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_PASSWORD } from '../helpers/app.js';
import { startTestApp, type TestApp } from '../helpers/in-process.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

test('a new password typed differently twice is refused by the field, and nothing changes', async () => {
  const client = await t.signIn('journalist');
  const form = await client.get('/desk/password');
  assert.deepEqual(form.$('form[action="/desk/password"] input[type=password]').map((_, i) => form.$(i).attr('name')).get(), ['current', 'next', 'confirm']);
  const refused = await client.post('/desk/password', { current: TEST_PASSWORD, next: 'three unrelated words here', confirm: 'three unrelated words there' });
  assert.equal(refused.status, 422);
  assert.match(refused.$('#field-confirm-error').text(), /not the same/);
  const audited = () => t.db.$client.prepare("SELECT count(*) FROM audit_events WHERE action = 'password_changed' AND target_id = ?").pluck().get(client.userId);
  assert.equal(audited(), 0);
});

test('a changed password leads back to the desk, which says so', async () => {
  const client = await t.signIn('editor');
  const changed = await client.post('/desk/password', { current: TEST_PASSWORD, next: 'a passphrase of my own', confirm: 'a passphrase of my own' });
  assert.equal(changed.status, 303);
  assert.equal(changed.location, '/desk?password-changed');
  const desk = await client.follow(changed);
  assert.equal(desk.status, 200);
  assert.match(desk.$('.notice-success').text(), /Your password has been changed/);
});

test('the sign-in form is marked to show it is working, and the desk script that does it is served under the CSP', async () => {
  const anonymous = t.client();
  const login = await anonymous.get('/login');
  const form = login.$('form[action="/login"]');
  assert.match(form.attr('data-busy') ?? '', /Signing in/);
  assert.equal(form.find('[data-busy-status][role=status]').length, 1);
  const script = login.$('script[src*="/assets/desk."]').attr('src')!;
  const js = await anonymous.get(script);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.match(js.body, /aria-busy/);
});

test('every desk date field says and accepts YYYY-MM-DD, and a day in another format is refused by the field', async () => {
  const editor = await t.signIn('editor');
  for (const path of ['/desk/claims/new', '/desk/sources/1/edit', '/desk/stories/1/edit', '/desk/parties/1/edit']) {
    const page = await editor.get(path);
    assert.equal(page.$('input[type=date]').length, 0, path);
    const dates = page.$('input[placeholder="YYYY-MM-DD"]');
    assert.ok(dates.length > 0, path);
    dates.each((_, input) => {
      const $input = page.$(input);
      assert.equal($input.attr('pattern'), '[0-9]{4}-[0-9]{2}-[0-9]{2}', path);
      assert.match(page.$(`#${$input.attr('aria-describedby')?.split(' ')[0]}`).text(), /YYYY-MM-DD, for example 2024-03-05/, path);
    });
  }
  const form = await editor.get('/desk/sources/1/edit');
  const fields = Object.fromEntries(form.$('form.record-form').find('input[name], select[name], textarea[name]').map((_, el) => {
    const $el = form.$(el);
    const value = el.tagName === 'textarea' ? $el.text() : el.tagName === 'select' ? ($el.find('option[selected]').attr('value') ?? '') : ($el.attr('value') ?? '');
    return [[$el.attr('name')!, value]];
  }).get() as [string, string][]);
  const refused = await editor.post('/desk/sources/1/edit', { ...fields, published_on: '05/03/2024' });
  assert.equal(refused.status, 422);
  assert.match(refused.$('#field-published_on-error').text(), /YYYY-MM-DD/);
});

test('the new-party fields sit in their own group, shown by the stylesheet only while "New party…" is chosen', async () => {
  const editor = await t.signIn('editor');
  const page = await editor.get('/desk/claims/new');
  assert.equal(page.$('.new-party-fields input[name="new_party_name"]').length, 1);
  assert.equal(page.$('.new-party-fields select[name="new_party_kind"]').length, 1);
  const css = await editor.get(page.$('link[rel=stylesheet]').attr('href')!);
  assert.match(css.body, /form:has\(select\[name="party"\] option\[value="new"\]:checked\) \.new-party-fields/);
});
