/**
 * An unknown email at the production password cost is verified against the built-in dummy hash
 * (no second scrypt computed at the first sign-in) and refused like a wrong password.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authenticate } from '../../src/users/service.js';
import { makeTestDb } from '../helpers/app.js';

test('an unknown email at the default cost is refused as invalid', async () => {
  const testDb = makeTestDb({ withStory: false });
  try {
    const result = await authenticate(testDb.db, { email: 'nobody@newsroom.test', password: 'whatever it is', ip: '127.0.0.1' });
    assert.deepEqual(result, { ok: false, reason: 'invalid' });
  } finally {
    testDb.close();
  }
});
