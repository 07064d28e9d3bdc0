/**
 * Every desk page is valid HTML by the Nu HTML Checker (vnu-jar, run locally with the system's
 * Java), as an admin sees it (an admin may see every page, /desk/users included), after a little
 * desk activity so lists, diffs and review forms are filled in. Also checked: the pages a refused
 * save renders (422 with the messages by the fields, 409 with the other person's change), the
 * no-JavaScript re-renders of the claim form ("Add a stance", "Preview"), a refused publish, and
 * the pages that show a one-time password (an invitation, a password reset) and the question before
 * a reset.
 * All pages are written to one temporary folder and checked in one JVM start. Any message of
 * type "error" fails; warnings are printed but do not.
 *
 * htmx fragments (the form alone, a new stance row) are not documents, so they are not checked
 * on their own: each is checked inside the full page that renders the same markup.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { assertValidHtml } from './vnu.js';
import { startTestServer, type Client, type Page as HttpPage, type TestServer } from '../helpers/app.js';
import { DESK_PAGES, claimFields, claimRow, createDraft, seedDeskActivity, seededPages } from './desk-support.js';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-desk-vnu-'));
});

after(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('every desk page, and every refused or re-rendered form, is valid HTML (Nu HTML Checker)', { timeout: 240_000 }, async (t) => {
  const seed = await seedDeskActivity(server);
  const admin = await server.signIn('admin');
  const fileToPath = new Map<string, string>();

  const keep = (name: string, label: string, page: HttpPage, status: number) => {
    assert.equal(page.status, status, `${label}: status (${page.body.slice(0, 300)})`);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/, `${label}: content type`);
    assert.match(page.body, /^<!DOCTYPE html>/i, `${label}: a whole document`);
    const file = path.join(dir, `${name}.html`);
    fs.writeFileSync(file, page.body);
    fileToPath.set(path.basename(file), label);
  };

  for (const target of [...DESK_PAGES, ...seededPages(seed)]) {
    const client: Client = 'signedOut' in target && target.signedOut ? server.client() : admin;
    keep(target.name, `GET ${target.path}`, await client.get(target.path), 200);
  }

  // The claim form refused with 422: messages by the fields, the input kept.
  keep(
    'claim-new-422',
    'POST /desk/claims (invalid: empty statement, a date in the future)',
    await admin.post('/desk/claims', claimFields(server, { statement: '', said_on: '2999-01-01' })),
    422,
  );
  // The same, on the edit form of an existing claim.
  const draft = await createDraft(server, admin, { comment: 'for the validity test' });
  keep(
    'claim-edit-422',
    `POST /desk/claims/${draft} (invalid)`,
    await admin.post(`/desk/claims/${draft}`, claimFields(server, { version: '1', statement: ' ', said_on: '1850-01-01' })),
    422,
  );

  // The claim form refused with 409: someone saved since the form was opened.
  const first = await admin.post(`/desk/claims/${draft}`, claimFields(server, { version: '1', venue: 'FIRST-VENUE', comment: 'first' }));
  assert.equal(first.status, 303, 'the first save goes through');
  assert.equal(claimRow(server, draft)!.version, 2);
  keep(
    'claim-edit-409',
    `POST /desk/claims/${draft} (stale version)`,
    await admin.post(`/desk/claims/${draft}`, claimFields(server, { version: '1', venue: 'SECOND-VENUE', comment: 'second' })),
    409,
  );

  // The no-JavaScript re-renders of the claim form: one more stance row, the Markdown preview.
  keep('claim-new-add-stance', 'POST /desk/claims intent=add-stance', await admin.post('/desk/claims', claimFields(server, { intent: 'add-stance' })), 200);
  keep(
    'claim-new-preview',
    'POST /desk/claims intent=preview',
    await admin.post('/desk/claims', claimFields(server, { intent: 'preview', rating_explanation: '**Bold**, a [link](https://example.org) and a list:\n\n- one\n- two' })),
    200,
  );

  // A refused publish: the review screen with the message by the override reason.
  keep(
    'review-422',
    `POST /desk/review/${seed.inReviewId}/publish (no override reason)`,
    await admin.post(`/desk/review/${seed.inReviewId}/publish`, { version: String(claimRow(server, seed.inReviewId)!.version) }),
    422,
  );

  // The pages that show a one-time password: after an invitation, after a password reset.
  keep('user-invited', 'POST /desk/users', await admin.post('/desk/users', { email: 'valid@newsroom.test', name: 'Val Idity', role: 'journalist' }), 201);
  const someone = await server.addUser('journalist');
  keep('user-reset-confirm', `GET /desk/users/${someone.id}/reset-password`, await admin.get(`/desk/users/${someone.id}/reset-password`), 200);
  keep('user-reset', `POST /desk/users/${someone.id}/reset-password`, await admin.post(`/desk/users/${someone.id}/reset-password`, {}), 200);

  assertValidHtml(t, dir, fileToPath, 200_000);
});
