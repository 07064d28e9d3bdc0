import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { formatClaimDate, formatDay } from '../../src/lib/dates.js';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { roleLabel, rolesAt } from '../../src/parties/roles.js';

test('dates read as a newsroom writes them, with their precision', () => {
  assert.equal(formatDay('2024-03-05'), '5 March 2024');
  assert.equal(formatClaimDate('2024-02-20', 'approximate'), 'about 20 February 2024');
  assert.equal(formatClaimDate('2024-03-05', 'reported_by'), 'reported 5 March 2024');
  assert.equal(formatDay('not a date'), 'not a date');
});

test('a role reads as former once it has ended, by date or by status', () => {
  const chair = { title: 'Chair of the committee', status: 'former' as const, heldFrom: '2020-01-29', heldUntil: '2023-12-31' };
  assert.equal(roleLabel(chair, '2022-06-01'), 'Chair of the committee');
  assert.equal(roleLabel(chair, '2024-03-05'), 'Former chair of the committee');
  assert.deepEqual(rolesAt([chair], '2019-01-01'), [], 'not yet held');
  const minister = { title: 'Germany’s defence minister', status: 'former' as const, heldFrom: null, heldUntil: null };
  assert.equal(roleLabel(minister), 'Former Germany’s defence minister');
});

test('configuration has defaults and names the variable that is wrong', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.match(config.databasePath, /db\/claimdesk\.sqlite$/);
  assert.equal(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.sqlite' }).port, 8080);
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
});

test('Markdown keeps formatting and links, drops everything that could run', () => {
  const html = renderMarkdown('*a* [b](https://x.org) <a href="javascript:alert(1)">c</a> <span onclick="x()" hx-get="/y">d</span>');
  assert.match(html, /<em>a<\/em>/);
  assert.match(html, /href="https:\/\/x.org"/);
  assert.doesNotMatch(html, /javascript:|onclick|hx-get|<span/);
});

test('links in Markdown leave without the reader\'s page: rel is ours, whatever the author wrote', () => {
  assert.match(renderMarkdown('[b](https://x.org)'), /<a href="https:\/\/x.org" rel="nofollow noopener noreferrer">b<\/a>/);
  const authored = renderMarkdown('<a href="https://x.org" rel="opener">b</a>');
  assert.match(authored, /rel="nofollow noopener noreferrer"/);
  assert.doesNotMatch(authored, /rel="opener"/);
});
