/**
 * Every public page is valid HTML by the Nu HTML Checker (the W3C validator, from `vnu-jar`,
 * run locally with the system's Java). All pages are written to one temporary folder and
 * checked in one JVM start, because starting the checker is the slow part. Any message of type
 * "error" fails the test; warnings are printed but do not.
 *
 * The htmx fragment (`/stories/<slug>` with `HX-Request: true`) is not a document, so it is
 * not checked here: it is checked inside the full story page, which renders the same section.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { assertValidHtml } from './vnu.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { PUBLIC_PAGES } from './support.js';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-vnu-'));
});

after(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('every public page is valid HTML (Nu HTML Checker)', { timeout: 180_000 }, async (t) => {
  const fileToPath = new Map<string, string>();
  for (const page of PUBLIC_PAGES) {
    const response = await fetch(server.url + page.path);
    assert.equal(response.status, page.status, `GET ${page.path}`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/, `GET ${page.path} content type`);
    const file = path.join(dir, `${page.name}.html`);
    fs.writeFileSync(file, await response.text());
    fileToPath.set(path.basename(file), page.path);
  }

  assertValidHtml(t, dir, fileToPath, 150_000);
});
