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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { PUBLIC_PAGES } from './support.js';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

type VnuMessage = {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal';
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
};

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

  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.ok(
    !java.error && java.status === 0,
    `Java is needed to run the Nu HTML Checker (apt-get install default-jre-headless): ${java.error ?? java.stderr}`,
  );
  assert.ok(fs.existsSync(VNU_JAR), `The Nu HTML Checker is missing at ${VNU_JAR}: run npm ci`);

  const files = [...fileToPath.keys()].map((name) => path.join(dir, name));
  // One JVM for all files. The checker exits 1 when it finds errors, so its status is not the
  // verdict: the JSON on stdout is.
  const run = spawnSync('java', ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 150_000,
  });
  assert.ok(!run.error, `could not run the Nu HTML Checker: ${run.error}`);
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    assert.fail(`the Nu HTML Checker gave no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }

  const describe = (m: VnuMessage) => {
    const name = m.url ? path.basename(new URL(m.url).pathname) : '?';
    const where = `${fileToPath.get(name) ?? name}${m.lastLine ? ` line ${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : ''}`;
    const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
    return `  ${where}: ${m.message}${extract}`;
  };

  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  if (warnings.length) t.diagnostic(`${warnings.length} warning(s):\n${warnings.map(describe).join('\n')}`);
  const notes = messages.filter((m) => m.type === 'info' && m.subType !== 'warning');
  if (notes.length) t.diagnostic(`${notes.length} informational note(s) (not shown; e.g. "${notes[0]!.message}")`);

  // "non-document-error" means the checker could not read a file: as bad as an error.
  const errors = messages.filter((m) => m.type !== 'info');
  assert.equal(
    errors.length,
    0,
    `The Nu HTML Checker found ${errors.length} error(s) in ${files.length} pages:\n${errors.map(describe).join('\n')}`,
  );
});
