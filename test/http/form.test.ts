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

test('one parser: the body is read and parsed once, urlencoded and multipart give the same fields, a file is refused where text is expected', async () => {
  const { Hono } = await import('hono');
  const { readForm, readFormEntries, readFormWithFiles } = await import('../../src/http/form.js');
  const app = new Hono();
  app.post('/text', async (c) => {
    const first = readFormEntries(c);
    assert.equal(readFormEntries(c), first, 'a second read answers the same parse');
    return c.json(await readForm(c));
  });
  app.post('/files', async (c) => {
    const { form, files } = await readFormWithFiles(c);
    return c.json({ form, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.map((f) => [f.filename, f.bytes.length])])) });
  });
  app.onError((error, c) => c.text(error.message, 400));
  const urlencoded = await app.request('/text', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'a=1&a=2&b=x+y%20z&flag&&c=%zz%E2%80%9C',
  });
  assert.deepEqual(await urlencoded.json(), { a: ['1', '2'], b: ['x y z'], flag: [''], c: ['%zz“'] });
  const boundary = 'b0undary';
  const multipart = (parts: string) => ({ method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: parts });
  const textPart = `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nline one\r\nline two\r\n`;
  const filePart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`;
  const withFile = await app.request('/files', multipart(`${textPart}${filePart}--${boundary}--\r\n`));
  assert.deepEqual(await withFile.json(), { form: { a: ['line one\r\nline two'] }, files: { file: [['notes.txt', 5]] } });
  const refused = await app.request('/text', multipart(`${textPart}${filePart}--${boundary}--\r\n`));
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /“file” must be text/);
  const cutOff = await app.request('/text', multipart(textPart));
  assert.equal(cutOff.status, 400);
  assert.match(await cutOff.text(), /could not be read/);
});
