/**
 * Issue 14: the pages that show text in other languages — a claim with its original (German),
 * renderings and their comparison, the story's "translations that part ways", the story page with
 * its marks, and the desk's words page — are valid HTML (Nu HTML Checker) and have no axe
 * violation; every German text carries lang="de".
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { like } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import * as t from '../../db/schema/index.js';
import { readClaimMeta } from '../../src/claims/record.js';
import { addRendering, setOriginal } from '../../src/claims/rendering-service.js';
import { editableRecord, saveClaim } from '../../src/claims/service.js';
import { publishClaim } from '../../src/review/service.js';
import { captureSnapshot } from '../../src/sources/archive.js';
import { createSource } from '../../src/sources/service.js';
import { emptySourceForm, validateSource } from '../../src/sources/form.js';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';
import { SECOND_REPORT } from '../claims/second-report.js';
import { runAxe } from './page-checks.js';
import { launchChromium } from './support.js';
import { assertValidHtml } from './vnu.js';

let server: TestServer;
let browser: Browser;
let editor: Client & { userId: number };
let chanceHit: number;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  editor = await server.signIn('editor');
  const db = server.db;
  const actor = { id: editor.userId, role: 'editor' as const, name: 'Ed' };
  const approve = (id: number, note = '') =>
    assert.equal(publishClaim(db, actor, id, readClaimMeta(db, id).version, { overrideReason: 'test', correctionNote: note }).kind, 'saved');
  const { input } = validateSource({ ...emptySourceForm(), title: 'Minister on the call', publisher: 'Rhine Wire', kind: 'news_report', language: 'en' });
  const wire = (createSource(db, actor, input) as { id: number }).id;
  captureSnapshot(db, actor, wire, { text: SECOND_REPORT, origin: 'paste' });
  chanceHit = db.select({ id: t.claims.id }).from(t.claims).where(like(t.claims.statement, '%chance hit%')).get()!.id;
  const { record, meta } = editableRecord(db, chanceHit);
  saveClaim(db, actor, chanceHit, meta.version, { record: { ...record, citations: [...record.citations, { sourceId: wire, role: 'reports', passage: '' }] }, newParty: null, newSource: null, comment: '' });
  approve(chanceHit);
  const text = 'It has to be assumed that access to this conference was a random hit as part of a wide, scattered approach.';
  addRendering(db, actor, chanceHit, readClaimMeta(db, chanceHit).version, { text, language: 'en', source: String(wire), translatedBy: 'outlet', translatorName: '', comment: '' });
  // Words of our own, for the test: the claim with an original in German.
  setOriginal(db, actor, chanceHit, readClaimMeta(db, chanceHit).version, { language: 'de', original: 'Testwörter auf Deutsch.', comment: '' });
  approve(chanceHit, 'Test original.');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const pages = () => [
  { name: 'claim', path: `/claims/${chanceHit}`, client: server.client() },
  { name: 'translations', path: '/stories/taurus-leak/translations', client: server.client() },
  { name: 'story', path: '/stories/taurus-leak', client: server.client() },
  { name: 'desk-words', path: `/desk/claims/${chanceHit}/words`, client: editor },
];

test('the pages with other languages are valid HTML and mark German text with lang="de"', { timeout: 180_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-vnu-lang-'));
  try {
    const fileToPath = new Map<string, string>();
    for (const page of pages()) {
      const response = await page.client.get(page.path);
      assert.equal(response.status, 200, page.path);
      fs.writeFileSync(path.join(dir, `${page.name}.html`), response.body);
      fileToPath.set(`${page.name}.html`, page.path);
      if (page.name === 'claim' || page.name === 'desk-words') {
        const german = response.$('[lang="de"]').filter((_, el) => /Testwörter/.test(response.$(el).text()));
        assert.ok(german.length >= 1, `${page.path}: the German words carry lang="de"`);
      }
    }
    assertValidHtml(t, dir, fileToPath, 150_000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the public pages with renderings have no axe violation', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    for (const target of pages().filter((p) => !p.name.startsWith('desk'))) {
      const page = await context.newPage();
      const response = await page.goto(server.url + target.path);
      assert.equal(response?.status(), 200);
      const axe = await runAxe(page);
      assert.ok(axe.passes > 0);
      assert.equal(axe.violations, 0, `axe on ${target.path}:\n${axe.report}`);
      await page.close();
    }
  } finally {
    await context.close();
  }
});
