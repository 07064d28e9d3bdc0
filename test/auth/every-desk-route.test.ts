/**
 * Every route the app serves under /desk, read from the app itself (so a new route cannot be
 * forgotten): an anonymous visitor gets the login page, and a post changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

function concrete(path: string): string {
  return path.replace(/:kind/g, 'stance').replace(/:[a-zA-Z]+/g, '1');
}

function fingerprint() {
  const sql = server.db.$client;
  return ['claims', 'stances', 'citations', 'revisions', 'parties', 'sources', 'source_snapshots', 'stories', 'questions', 'users', 'corrections']
    .map((table) => `${table}:${sql.prepare(`SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM ${table}`).pluck().get()}`)
    .join(' ');
}

test('every desk route sends an anonymous visitor to the login page and changes nothing', async () => {
  const routes = server.app.routes
    .filter((r) => r.path.startsWith('/desk') && !r.path.includes('*') && (r.method === 'GET' || r.method === 'POST'))
    .map((r) => ({ method: r.method, path: concrete(r.path) }));
  const unique = [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
  assert.ok(unique.length >= 40, `only ${unique.length} desk routes found`);
  const anonymous = server.client();
  const before = fingerprint();
  for (const route of unique) {
    const page = route.method === 'GET' ? await anonymous.get(route.path) : await anonymous.post(route.path, { version: '1', name: 'x', email: 'x@y.z', role: 'admin' });
    assert.equal(page.status, 303, `${route.method} ${route.path} answered ${page.status}`);
    assert.match(page.location ?? '', /^\/login/, `${route.method} ${route.path}`);
  }
  assert.equal(fingerprint(), before);
});
