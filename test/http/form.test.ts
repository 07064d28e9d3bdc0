/**
 * Invalid UTF-8 in a form field is refused with a 400 naming the field, and nothing is saved —
 * urlencoded and multipart alike (finding 6 of the security review).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as t from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const countParties = () => server.db.select({ id: t.parties.id }).from(t.parties).all().length;

test('an urlencoded field with invalid UTF-8 answers 400 naming the field and saves nothing', async () => {
  const journalist = await server.signIn('journalist');
  const before = countParties();
  const response = await journalist.request('POST', '/desk/parties', {
    body: 'name=Bad%FF%FEName&kind=person',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
  });
  assert.equal(response.status, 400);
  assert.match(response.body, /name/);
  assert.match(response.body, /UTF-8/);
  assert.equal(countParties(), before);
});

test('a multipart field with invalid UTF-8 answers 400 naming the field and saves nothing', async () => {
  const journalist = await server.signIn('journalist');
  const before = countParties();
  const boundary = 'XyZboundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nperson\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nBad`),
    Buffer.from([0xc3, 0x28]),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await journalist.request('POST', '/desk/parties', {
    body,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: server.url },
  });
  assert.equal(response.status, 400);
  assert.match(response.body, /name/);
  assert.match(response.body, /UTF-8/);
  assert.equal(countParties(), before);
});

test('valid UTF-8 still saves', async () => {
  const journalist = await server.signIn('journalist');
  const response = await journalist.post('/desk/parties', { name: 'Дмитрий Ü Valid', kind: 'person' });
  assert.equal(response.status, 303);
});
