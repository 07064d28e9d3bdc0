/**
 * PAGE_CACHE=off, which the benchmark uses to measure fresh renders: read and validated with the
 * rest of the configuration, and honoured by the real server (a cached page carries the cache's
 * ETag; a page rendered afresh has none).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startClaimdesk } from './processes.js';

test('the page cache is on unless PAGE_CACHE=off, and another value stops the app', () => {
  assert.equal(loadConfig({}).pageCache, true);
  assert.equal(loadConfig({ PAGE_CACHE: 'on' }).pageCache, true);
  assert.equal(loadConfig({ PAGE_CACHE: 'off' }).pageCache, false);
  assert.throws(() => loadConfig({ PAGE_CACHE: 'no' }), (error: unknown) => error instanceof ConfigError && /PAGE_CACHE/.test(error.message));
});

test('the server started with PAGE_CACHE=off renders public pages afresh', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-page-cache-'));
  try {
    for (const [pageCache, cached] of [[true, true], [false, false]] as const) {
      const server = await startClaimdesk(path.join(dir, `cache-${pageCache}.sqlite`), pageCache);
      try {
        const first = await fetch(`${server.url}/stories/taurus-leak`);
        assert.equal(first.status, 200);
        await first.arrayBuffer();
        const again = await fetch(`${server.url}/stories/taurus-leak`);
        await again.arrayBuffer();
        assert.equal(again.headers.has('ETag'), cached, `PAGE_CACHE=${pageCache ? 'on' : 'off'}: ETag ${again.headers.get('ETag')}`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
