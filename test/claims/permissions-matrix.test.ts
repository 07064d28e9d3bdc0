import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can } from '../../src/auth/permissions.js';

const journalist = { id: 1, role: 'journalist' as const };
const editor = { id: 2, role: 'editor' as const };
const admin = { id: 3, role: 'admin' as const };

test('own-scoped permissions: journalists only on their records, editors and admins on any', () => {
  assert.equal(can(journalist, 'edit:claim:own', { authorId: 1 }), true);
  assert.equal(can(journalist, 'edit:claim:own', { authorId: 2 }), false);
  assert.equal(can(journalist, 'edit:claim:own', { authorId: null }), false);
  assert.equal(can(journalist, 'edit:claim:own'), false);
  assert.equal(can(editor, 'edit:claim:own', { authorId: null }), true);
  assert.equal(can(admin, 'edit:claim:own', { authorId: 99 }), true);
});

test('only editors and admins publish, review and retract; only admins manage users', () => {
  for (const p of ['publish:claim', 'review:claim', 'retract:claim', 'restore:claim'] as const) {
    assert.equal(can(journalist, p), false, p);
    assert.equal(can(editor, p), true, p);
    assert.equal(can(admin, p), true, p);
  }
  assert.equal(can(editor, 'manage:users'), false);
  assert.equal(can(admin, 'manage:users'), true);
  assert.equal(can(null, 'view:desk'), false);
});
