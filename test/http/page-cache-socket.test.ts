/**
 * Kept pages over a real socket: under the server, a hit is written on Node's own response
 * (src/http/serve-app.ts) instead of crossing @hono/node-server. It must answer exactly what the
 * app's own path answers (every header, the body, 304s, HEAD, encodings, htmx fragments), echo
 * the request id, log the hit, and never outlive a change for readers.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/app.js';

type Got = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; hit: boolean; line?: Record<string, unknown> };

describe('kept pages answered on the socket', () => {
  let server: TestServer;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    server = await startTestServer({ log: (line) => lines.push(line) });
  });
  after(() => server.stop());

  /** A raw HTTP request (fetch would add and undo an encoding of its own). */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
    const seen = lines.length;
    return new Promise((resolve, reject) => {
      const request = http.request(`${server.url}${path}`, { method, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const line = lines.slice(seen).find((l) => l.msg === 'request');
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks), hit: line?.cache === 'hit', line });
        });
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** Headers that differ between any two responses, kept or not. */
  const perResponse = new Set(['x-request-id', 'date', 'connection', 'keep-alive']);
  const stable = (headers: http.IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !perResponse.has(name)));

  test('a kept page is sent with the same headers and bytes as its first render, and the hit is logged', async () => {
    const first = await get('/stories/taurus-leak');
    assert.equal(first.status, 200);
    assert.equal(first.hit, false);
    // Counted at the app's fetch: a hit on the socket never reaches it.
    const fetch = server.app.fetch;
    let fetched = 0;
    server.app.fetch = (...args) => (fetched++, fetch(...args));
    const second = await get('/stories/taurus-leak');
    server.app.fetch = fetch;
    assert.equal(second.hit, true);
    assert.equal(fetched, 0, 'answered before the adapter');
    assert.deepEqual(second.body, first.body);
    assert.deepEqual(stable(second.headers), stable(first.headers));
    assert.equal(second.headers['content-length'], String(second.body.byteLength));
    assert.match(String(second.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(second.line?.path, '/stories/taurus-leak');
    assert.equal(second.line?.status, 200);
  });

  test('the request id a proxy sends is echoed and logged; otherwise one is made', async () => {
    await get('/parties/boris-pistorius');
    const traced = await get('/parties/boris-pistorius', { 'X-Request-Id': 'edge-42' });
    assert.equal(traced.hit, true);
    assert.equal(traced.headers['x-request-id'], 'edge-42');
    assert.equal(traced.line?.requestId, 'edge-42');
    const untraced = await get('/parties/boris-pistorius');
    assert.match(String(untraced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('a revalidation is a 304 without a body, HEAD has the length and no body', async () => {
    const page = await get('/claims/1');
    const revalidated = await get('/claims/1', { 'If-None-Match': String(page.headers.etag) });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.hit, true);
    assert.equal(revalidated.body.byteLength, 0);
    assert.equal(revalidated.headers['content-type'], undefined);
    assert.equal(revalidated.headers.etag, page.headers.etag);
    const head = await get('/claims/1', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.hit, true);
    assert.equal(head.body.byteLength, 0);
    assert.equal(head.headers['content-length'], String(page.body.byteLength));
  });

  test('the encoding the client accepts, and an htmx swap kept apart from the page', async () => {
    const plain = await get('/stories/taurus-leak');
    const br = await get('/stories/taurus-leak', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);
    await get('/stories/taurus-leak', { 'HX-Request': 'true' });
    const fragment = await get('/stories/taurus-leak', { 'HX-Request': 'true' });
    assert.equal(fragment.hit, true);
    assert.ok(fragment.body.byteLength < plain.body.byteLength, 'the swap is the fragment, not the page');
    assert.doesNotMatch(fragment.body.toString(), /<html/);
  });

  test('a query string the page does not read is the same page; one it reads is another', async () => {
    await get('/stories/taurus-leak');
    const tracked = await get('/stories/taurus-leak?utm_source=newsletter');
    assert.equal(tracked.hit, true);
    const filtered = await get('/stories/taurus-leak?party=boris-pistorius');
    assert.equal(filtered.hit, false);
  });

  test('a change for readers is never answered from memory', async () => {
    await get('/stories/taurus-leak');
    assert.equal((await get('/stories/taurus-leak')).hit, true);
    server.db.$client.prepare("UPDATE stories SET title = 'A title readers have not seen' WHERE slug = 'taurus-leak'").run();
    server.db.$client.prepare('UPDATE publication_state SET generation = generation + 1').run();
    const after = await get('/stories/taurus-leak');
    assert.equal(after.hit, false);
    assert.match(after.body.toString(), /A title readers have not seen/);
  });

  test('pages the cache does not keep go to the app as before', async () => {
    const health = await get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.hit, false);
    const desk = await get('/desk');
    assert.equal(desk.status, 303);
    assert.equal(desk.hit, false);
  });
});
