/**
 * The Nu HTML Checker (the W3C validator, from `vnu-jar`, run locally with the system's Java) over
 * a folder of saved pages, in one JVM start (starting the checker is the slow part). Any message
 * of type "error" fails; warnings are reported as diagnostics but do not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestContext } from 'node:test';

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

/** Check the files; `fileToPath` names each file (by base name) by the request that produced it. */
export function assertValidHtml(t: TestContext, dir: string, fileToPath: Map<string, string>, timeoutMs: number): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.ok(
    !java.error && java.status === 0,
    `Java is needed to run the Nu HTML Checker (apt-get install default-jre-headless): ${java.error ?? java.stderr}`,
  );
  assert.ok(fs.existsSync(VNU_JAR), `The Nu HTML Checker is missing at ${VNU_JAR}: run npm ci`);

  const files = [...fileToPath.keys()].map((name) => path.join(dir, name));
  // The checker exits 1 when it finds errors, so its status is not the verdict: the JSON on stdout is.
  const run = spawnSync('java', ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
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

  t.diagnostic(`checked ${files.length} pages`);
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  if (warnings.length) t.diagnostic(`${warnings.length} warning(s):\n${warnings.map(describe).join('\n')}`);
  const notes = messages.filter((m) => m.type === 'info' && m.subType !== 'warning');
  if (notes.length) t.diagnostic(`${notes.length} informational note(s) (not shown; e.g. "${notes[0]!.message}")`);

  // "non-document-error" means the checker could not read a file: as bad as an error.
  const errors = messages.filter((m) => m.type !== 'info');
  assert.equal(errors.length, 0, `The Nu HTML Checker found ${errors.length} error(s) in ${files.length} pages:\n${errors.map(describe).join('\n')}`);
}
