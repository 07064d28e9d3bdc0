/**
 * Renders every desk page, for each role, on a freshly seeded database, into a folder: run it
 * before and after a refactoring of the desk's views and diff the folders (`diff -r a b`).
 * Times and random keys are masked so two runs compare. Usage: tsx test/tools/desk-snapshot.ts OUT
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp } from '../helpers/in-process.js';
import { claimFieldsFor } from '../helpers/claim-fields.js';
import type { Client } from '../helpers/app.js';

const out = process.argv[2] ?? '';
if (!out) throw new Error('usage: desk-snapshot.ts OUT_DIR');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const t = startTestApp();
const claimFields = claimFieldsFor(t);

function mask(html: string): string {
  return html
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'ISO')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}( UTC)?/g, 'WHEN')
    .replace(/\d{2}:\d{2} UTC/g, 'HH:MM UTC')
    .replace(/-n[0-9a-f]{8}/g, '-nKEY')
    .replace(/(waited|ago|for) [^<]{0,30}/g, '$1 …')
    .replace(/></g, '>\n<');
}

let n = 0;
async function save(client: Client, name: string, method: 'GET' | 'POST', url: string, fields?: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const page = method === 'GET' ? await client.get(url, headers) : await client.post(url, fields ?? {}, headers);
  const file = `${String(++n).padStart(3, '0')}-${name}-${method}${url.replace(/[^a-z0-9]+/gi, '_')}${headers['HX-Request'] ? '-hx' : ''}.html`;
  fs.writeFileSync(path.join(out, file), `${page.status} ${page.location ?? ''}\n${mask(page.body)}`);
  return page;
}

const anonymous = t.client();
await save(anonymous, 'anon', 'GET', '/login');
await save(anonymous, 'anon', 'POST', '/login', { email: 'nobody@newsroom.test', password: 'wrong' });
const journalist = await t.signIn('journalist');
const editor = await t.signIn('editor');
const admin = await t.signIn('admin');

// A draft, a claim in review, and a published claim with a pending edit.
const draft = await journalist.post('/desk/claims', claimFields({ statement: 'A draft statement.' }));
if (draft.status !== 303) throw new Error(`${draft.status} ${draft.location} ${draft.body.slice(0, 2000)}`);
const draftId = Number(/claims\/(\d+)/.exec(draft.location!)![1]);
const inReview = await journalist.post('/desk/claims', claimFields());
const reviewId = Number(/claims\/(\d+)/.exec(inReview.location!)![1]);
await journalist.post(`/desk/claims/${reviewId}/submit`, { version: '1' });
const changes = await journalist.post('/desk/claims', claimFields({ statement: 'Sent back.' }));
const changesId = Number(/claims\/(\d+)/.exec(changes.location!)![1]);
await journalist.post(`/desk/claims/${changesId}/submit`, { version: '1' });
await editor.post(`/desk/review/${changesId}/request-changes`, { version: '2', review_note: 'Check the date.' });

const pages = [
  '/desk',
  '/desk/claims',
  '/desk/claims/new',
  '/desk/claims/1',
  '/desk/claims/1/edit',
  '/desk/claims/1/history',
  `/desk/claims/${draftId}`,
  `/desk/claims/${draftId}/edit`,
  `/desk/claims/${reviewId}`,
  `/desk/claims/${changesId}`,
  '/desk/claims/rows/stance',
  '/desk/claims/rows/citation',
  '/desk/review',
  `/desk/review/${reviewId}`,
  '/desk/parties',
  '/desk/parties?q=peskov',
  '/desk/parties?q=zzzz',
  '/desk/parties/1',
  '/desk/parties/1/edit',
  '/desk/parties/new',
  '/desk/parties/role-row',
  '/desk/sources',
  '/desk/sources?q=zzzz',
  '/desk/sources/1',
  '/desk/sources/2',
  '/desk/sources/1/edit',
  '/desk/sources/1/archive',
  '/desk/sources/1/suggest',
  '/desk/sources/new',
  '/desk/stories',
  '/desk/stories/1',
  '/desk/stories/1/edit',
  '/desk/stories/new',
  '/desk/stories/1/questions/1',
  '/desk/stories/1/questions/1/edit',
  '/desk/stories/1/questions/new',
  '/desk/users',
  '/desk/users/1/reset-password',
  '/desk/audit',
  '/desk/password',
];
for (const [role, client] of [['journalist', journalist], ['editor', editor], ['admin', admin]] as const) {
  for (const url of pages) await save(client, role, 'GET', url);
}

// Refused saves: 422 (empty) and 409 (stale version), as whole pages and as htmx fragments.
const forms: [string, Record<string, string>][] = [
  ['/desk/parties/1/edit', { name: 'Changed', slug: '', kind: 'person', description: '', aliases: '', comment: '' }],
  ['/desk/sources/1/edit', { title: 'Changed', publisher: 'P', author: '', url: '', published_on: '', accessed_on: '', kind: 'news_report', description: '', comment: '' }],
  ['/desk/stories/1/edit', { title: 'Changed', slug: 'taurus-leak', summary_md: 'x', starts_on: '2024-03-01', ends_on: '', comment: '' }],
  ['/desk/stories/1/questions/1/edit', { proposition: 'Changed', short_label: 'c', slug: '', position: '1', comment: '' }],
];
for (const [url, fields] of forms) {
  for (const headers of [{}, { 'HX-Request': 'true' }] as Record<string, string>[]) {
    await save(editor, 'invalid', 'POST', url, { version: '1', ...Object.fromEntries(Object.keys(fields).map((k) => [k, ''])) }, headers);
    await save(editor, 'stale', 'POST', url, { ...fields, version: '0' }, headers);
  }
}
for (const url of ['/desk/parties', '/desk/sources', '/desk/stories', '/desk/stories/1/questions']) {
  await save(editor, 'new-invalid', 'POST', url, { comment: '' });
}
await save(editor, 'add-role', 'POST', '/desk/parties/1/edit', { version: '1', intent: 'add-role', name: 'x', role_title: ['a', ''] });
await save(editor, 'story-preview', 'POST', '/desk/stories/1/edit', { version: '1', intent: 'preview', title: 'x', summary_md: '*hi*' });
await journalist.post(`/desk/claims/${draftId}`, claimFields({ version: '1', statement: 'Theirs.' }));
await save(journalist, 'claim-stale', 'POST', `/desk/claims/${draftId}`, claimFields({ version: '1', statement: 'Mine.' }));
await save(journalist, 'claim-stale', 'POST', `/desk/claims/${draftId}`, claimFields({ version: '1', statement: 'Mine.' }), { 'HX-Request': 'true' });
await save(editor, 'claim-invalid', 'POST', `/desk/claims/${draftId}`, { version: '1' });
await save(editor, 'publish-refused', 'POST', `/desk/review/${reviewId}/publish`, { version: '2' });
t.close();
console.log(`${n} pages in ${out}`);
