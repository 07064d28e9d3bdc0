/**
 * Finding 5 of the security review: with PUBLIC_ORIGIN unset, absolute URLs and the origin check
 * followed the Host header. They now come only from config.origin (PUBLIC_ORIGIN, else
 * http://HOST:PORT), the CSRF check accepts the loopback aliases on the same port only when HOST is
 * loopback and PUBLIC_ORIGIN unset, and start-up warns when HOST is not loopback without PUBLIC_ORIGIN.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configWarnings, loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { makeTestDb, TEST_PASSWORD_COST } from '../helpers/app.js';

test('config.origin is PUBLIC_ORIGIN, else http://HOST:PORT (localhost for a wildcard host)', () => {
  assert.equal(loadConfig({ PUBLIC_ORIGIN: 'https://claims.example.org/x' }).origin, 'https://claims.example.org');
  assert.equal(loadConfig({ HOST: '127.0.0.1', PORT: '3000' }).origin, 'http://127.0.0.1:3000');
  assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).origin, 'http://localhost:8080');
  assert.equal(loadConfig({ HOST: '::', PORT: '8080' }).origin, 'http://localhost:8080');
});

test('configWarnings: one line when HOST is not loopback and PUBLIC_ORIGIN is unset', () => {
  assert.deepEqual(configWarnings(loadConfig({})), []);
  assert.deepEqual(configWarnings(loadConfig({ HOST: 'localhost' })), []);
  assert.deepEqual(configWarnings(loadConfig({ HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://claims.example.org' })), []);
  const warnings = configWarnings(loadConfig({ HOST: '0.0.0.0' }));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /PUBLIC_ORIGIN/);
});

test('a forged Host header changes neither the export URLs, the feed, nor what the origin check accepts', async () => {
  const testDb = makeTestDb({ withStory: true });
  try {
    const config = loadConfig({ DATABASE_PATH: ':memory:', HOST: '127.0.0.1', PORT: '3000' });
    const app = createApp({ db: testDb.db, config, log: () => {}, passwordCost: TEST_PASSWORD_COST });
    const json = await app.request('http://evil.example/stories/taurus-leak/claims.json', { headers: { Host: 'evil.example' } });
    const text = await json.text();
    assert.doesNotMatch(text, /evil\.example/);
    assert.match(text, /"url":"http:\/\/127\.0\.0\.1:3000\/claims\/\d+"/);
    const feed = await (await app.request('http://evil.example/corrections.atom', { headers: { Host: 'evil.example' } })).text();
    assert.doesNotMatch(feed, /evil\.example/);
    const post = (origin: string) =>
      app.request('http://evil.example/login', {
        method: 'POST',
        headers: { Host: 'evil.example', Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'email=a%40b.c&password=x',
      });
    assert.equal((await post('http://evil.example')).status, 403);
    for (const alias of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      assert.notEqual((await post(alias)).status, 403, alias);
    }
    assert.equal((await post('http://localhost:4000')).status, 403);
  } finally {
    testDb.close();
  }
});
