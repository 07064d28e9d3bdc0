/**
 * The public API against its own OpenAPI document: every endpoint's answer is validated by the
 * JSON Schema the document publishes (turned back into a validator with zod's fromJSONSchema, so
 * the check reads the document, not our code), and by the zod schema it was generated from.
 * Also: published data only, cursor pagination, conditional GETs, CORS and JSON errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createApp } from '../../src/app.js';
import * as s from '../../src/api/schemas.js';
import { makeTestDb, testConfig, type TestDb } from '../helpers/app.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } };

let testDb: TestDb;
let app: ReturnType<typeof createApp>;
let doc: Doc;
let chanceHit: number;
const ORIGINAL = 'Es muss also davon ausgegangen werden, dass der Zugriff auf diese Konferenz ein Zufallstreffer war.';

/** The document's schema with every $ref replaced by the component it names. */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (schema && typeof schema === 'object') {
    const ref = (schema as { $ref?: string }).$ref;
    if (ref) return inline(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v)]));
  }
  return schema;
}

/** Validate a response against the document's schema for its path template and status. */
async function checked(path: string, template: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await app.request(path, init);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${path} answers JSON`);
  const body = await response.json();
  const operation = doc.paths[template]?.get;
  assert.ok(operation, `the document describes ${template}`);
  const schema = operation.responses[String(response.status)]?.content?.['application/json']?.schema;
  assert.ok(schema, `the document describes status ${response.status} of ${template}`);
  const validator = z.fromJSONSchema(inline(schema) as never);
  const result = validator.safeParse(body);
  assert.ok(result.success, `${path} matches the document: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`);
  return { status: response.status, body, headers: response.headers };
}

before(async () => {
  testDb = makeTestDb();
  // A retraction and a draft: the first is on record (its page stays), the second is never public.
  testDb.db.$client.exec(`
    UPDATE claims SET state = 'retracted', retraction_note = 'We could not confirm who said it.', retracted_at = '2024-04-01T10:00:00.000Z' WHERE id = (SELECT max(id) FROM claims WHERE state = 'published');
    INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) SELECT story_id, party_id, 'A DRAFT NOBODY MAY SEE', 'paraphrase', 'factual', '2024-03-02', 'day', 'draft' FROM claims LIMIT 1;
  `);
  // The “chance hit” claim (said in German, The Independent's translation) gets its original words and two more renderings.
  chanceHit = testDb.db.$client.prepare("SELECT id FROM claims WHERE statement LIKE '%chance hit%'").pluck().get() as number;
  testDb.db.$client.prepare('UPDATE claims SET original_statement = @original WHERE id = @id').run({ id: chanceHit, original: ORIGINAL });
  testDb.db.$client
    .prepare(
      `INSERT INTO claim_renderings (claim_id, position, text, language, source_id, translated_by, translator_name) VALUES
         (@id, 1, 'It has to be assumed that access to this conference was a random hit.', 'en', NULL, 'newsroom', ''),
         (@id, 2, 'Следует предположить, что доступ к этой конференции был случайным попаданием.', 'ru', NULL, 'translator', 'A. Translator')`,
    )
    .run({ id: chanceHit });
  app = createApp({ db: testDb.db, config: testConfig(), log: () => {} });
  doc = (await (await app.request('/api/v1/openapi.json')).json()) as Doc;
});
after(() => testDb.close());

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every endpoint with its schemas', () => {
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/stories', '/stories/{story}', '/stories/{story}/questions', '/claims', '/claims/{id}', '/parties', '/parties/{party}', '/sources', '/sources/{id}', '/corrections']) {
      assert.ok(doc.paths[path]?.get, path);
      assert.ok(doc.paths[path]!.get!.responses['200'] && doc.paths[path]!.get!.responses['404'], `${path} documents 200 and 404`);
    }
    for (const name of ['Story', 'Claim', 'Party', 'Source', 'Question', 'Correction', 'Error']) assert.ok(doc.components.schemas[name], name);
  });

  it('turns into validators that reject what does not match', () => {
    const story = z.fromJSONSchema(inline(doc.components.schemas.Story) as never);
    assert.equal(story.safeParse({}).success, false);
    assert.equal(story.safeParse({ slug: 'x' }).success, false);
  });

  it('has a server-rendered documentation page', async () => {
    const page = await app.request('/api/v1/docs');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /GET \/api\/v1\/claims\/\{id\}/);
    assert.doesNotMatch(html, /<script[^>]+src="https?:/);
    assert.equal((await app.request('/api')).headers.get('location'), '/api/v1/docs');
  });
});

describe('every endpoint answers what the document says', () => {
  it('walks every list, every item, and the errors', async () => {
    const stories = await checked('/api/v1/stories', '/stories');
    assert.ok(stories.body.items.length >= 1);
    for (const story of stories.body.items) {
      const detail = await checked(`/api/v1/stories/${story.slug}`, '/stories/{story}');
      assert.ok(detail.body.matrix.rows.length > 0);
      assert.ok(s.Story.safeParse(detail.body).success);
      await checked(`/api/v1/stories/${story.slug}/questions`, '/stories/{story}/questions');
    }
    const claims = await walk('/api/v1/claims?limit=7', '/claims');
    for (const claim of claims.slice(0, 5)) await checked(`/api/v1/claims/${claim.id}`, '/claims/{id}');
    const parties = await walk('/api/v1/parties?limit=5', '/parties');
    for (const party of parties.slice(0, 5)) assert.ok(s.Party.safeParse((await checked(`/api/v1/parties/${party.slug}`, '/parties/{party}')).body).success);
    const sources = await walk('/api/v1/sources?limit=3', '/sources');
    for (const source of sources.slice(0, 5)) await checked(`/api/v1/sources/${source.id}`, '/sources/{id}');
    const corrections = await walk('/api/v1/corrections', '/corrections');
    assert.equal(corrections.filter((c: any) => c.kind === 'retraction').length, 1);
    for (const [path, template] of [
      ['/api/v1/stories/no-such-story', '/stories/{story}'],
      ['/api/v1/stories/NOT_A_SLUG', '/stories/{story}'],
      ['/api/v1/claims/99999', '/claims/{id}'],
      ['/api/v1/claims/abc', '/claims/{id}'],
      ['/api/v1/parties/nobody', '/parties/{party}'],
      ['/api/v1/sources/0', '/sources/{id}'],
      ['/api/v1/claims?story=no-such-story', '/claims'],
    ] as const) {
      const answer = await checked(path, template);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.code, 'not_found');
    }
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=%22%3E', 'cursor=bm90IGpzb24', `cursor=${Buffer.from('["v1","x"]').toString('base64url')}`]) {
      const answer = await checked(`/api/v1/claims?${query}`, '/claims');
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.status, 400);
    }
  });

  async function walk(first: string, template: string): Promise<any[]> {
    const items: any[] = [];
    let next: string | null = first;
    for (let pages = 0; next && pages < 100; pages++) {
      const page = await checked(next, template);
      items.push(...page.body.items);
      next = page.body.next === null ? null : `${first.split('?')[0]}?${new URLSearchParams({ ...Object.fromEntries(new URL(first, 'http://x').searchParams), cursor: page.body.next })}`;
    }
    return items;
  }
});

describe('published data only', () => {
  it('lists each published claim once, across pages, and never a draft', async () => {
    const all: any[] = [];
    let cursor = '';
    do {
      const page = await checked(`/api/v1/claims?limit=4${cursor ? `&cursor=${cursor}` : ''}`, '/claims');
      assert.ok(page.body.items.length <= 4);
      all.push(...page.body.items);
      cursor = page.body.next ?? '';
    } while (cursor);
    const published = testDb.db.$client.prepare("SELECT id FROM claims WHERE state = 'published' ORDER BY id").pluck().all();
    assert.deepEqual(all.map((c) => c.id), published);
    const draft = testDb.db.$client.prepare("SELECT id FROM claims WHERE state = 'draft'").pluck().get() as number;
    assert.equal((await app.request(`/api/v1/claims/${draft}`)).status, 404);
    const everything = JSON.stringify(all);
    assert.doesNotMatch(everything, /A DRAFT NOBODY MAY SEE/);
  });

  it('keeps a retracted claim at its address, with the notice', async () => {
    const id = testDb.db.$client.prepare("SELECT id FROM claims WHERE state = 'retracted'").pluck().get() as number;
    const claim = await checked(`/api/v1/claims/${id}`, '/claims/{id}');
    assert.equal(claim.body.state, 'retracted');
    assert.equal(claim.body.retractionNote, 'We could not confirm who said it.');
  });

  it('filters claims by story and party', async () => {
    const party = (await checked('/api/v1/parties?limit=1', '/parties')).body.items[0];
    const claims = await checked(`/api/v1/claims?party=${party.slug}&limit=100`, '/claims');
    assert.ok(claims.body.items.length > 0);
    assert.ok(claims.body.items.every((c: any) => c.speaker.slug === party.slug));
  });

  it('shows citations with quote checks and the capture hashes of sources', async () => {
    const claims = await checked('/api/v1/claims?limit=100', '/claims');
    assert.ok(claims.body.items.some((c: any) => c.citations.some((x: any) => x.quoteCheck !== null)));
    const sources = await checked('/api/v1/sources?limit=100', '/sources');
    assert.ok(sources.body.items.some((x: any) => x.capture && /^[0-9a-f]{64}$/.test(x.capture.sha256)));
  });
});

describe('languages and renderings (ADR 027)', () => {
  it('says the language a claim was said in, its original words, and each rendering with whose translation it is', async () => {
    const { body: claim } = await checked(`/api/v1/claims/${chanceHit}`, '/claims/{id}');
    assert.equal(claim.language, 'de');
    assert.equal(claim.originalStatement, ORIGINAL);
    const independent = testDb.db.$client.prepare("SELECT id FROM sources WHERE publisher = 'The Independent'").pluck().get() as number;
    const cited = claim.citations.find((c: any) => c.source.id === independent);
    assert.ok(cited?.quoteCheck, 'the lead rendering’s source is cited and checked');
    assert.deepEqual(claim.renderings, [
      { text: claim.statement, language: 'en', sourceId: independent, translated: true, translatedBy: 'outlet', translatorName: '', quoteCheck: cited.quoteCheck.outcome },
      { text: 'It has to be assumed that access to this conference was a random hit.', language: 'en', sourceId: null, translated: true, translatedBy: 'newsroom', translatorName: '', quoteCheck: null },
      {
        text: 'Следует предположить, что доступ к этой конференции был случайным попаданием.',
        language: 'ru',
        sourceId: null,
        translated: true,
        translatedBy: 'translator',
        translatorName: 'A. Translator',
        quoteCheck: null,
      },
    ]);
    assert.ok(s.Claim.safeParse(claim).success);
    assert.equal(cited.source.language, 'en');
  });

  it('gives every listed claim its language fields, as its own address does, and sources their language', async () => {
    const { body: list } = await checked('/api/v1/claims?limit=100', '/claims');
    for (const claim of list.items) {
      assert.ok(claim.renderings.length >= 1, `claim ${claim.id} has its lead rendering`);
      assert.equal(claim.renderings[0].text, claim.statement);
      assert.ok(claim.renderings.every((r: any) => r.sourceId === null || claim.citations.some((c: any) => c.source.id === r.sourceId)), 'renderings name cited sources');
      assert.ok('language' in claim && 'originalStatement' in claim);
    }
    const listed = list.items.find((c: any) => c.id === chanceHit);
    assert.deepEqual(listed, (await checked(`/api/v1/claims/${chanceHit}`, '/claims/{id}')).body);
    const plain = list.items.find((c: any) => c.id !== chanceHit);
    assert.equal(plain.originalStatement, null, 'no original words: null');
    // Paraphrases of German speech are not marked as translations; verbatim quotes of it are The Independent's.
    const german = list.items.filter((c: any) => c.language === 'de');
    assert.ok(german.some((c: any) => c.form === 'verbatim' && c.renderings[0].translatedBy === 'outlet'));
    const paraphrased = german.filter((c: any) => c.form === 'paraphrase');
    assert.ok(paraphrased.length > 0 && paraphrased.every((c: any) => c.renderings[0].translatedBy === null));
    assert.ok(list.items.some((c: any) => c.language === 'ru' && c.renderings[0].translatedBy === 'outlet'), 'a Russian statement as The Independent translated it');
    const { body: sources } = await checked('/api/v1/sources?limit=100', '/sources');
    const languages = new Map(testDb.db.$client.prepare('SELECT id, language FROM sources').all().map((r: any) => [r.id, r.language]));
    for (const source of sources.items) assert.equal(source.language, languages.get(source.id), `source ${source.id}`);
    assert.ok(sources.items.some((x: any) => x.language === 'de'));
  });
});

describe('HTTP behaviour', () => {
  it('answers 304 to a matching If-None-Match or If-Modified-Since', async () => {
    const first = await app.request('/api/v1/stories/taurus-leak');
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    assert.match(etag, /^W\/"/);
    assert.ok(modified && !Number.isNaN(Date.parse(modified)));
    assert.match(first.headers.get('cache-control')!, /s-maxage=\d+.*stale-while-revalidate=\d+/);
    const again = await app.request('/api/v1/stories/taurus-leak', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const since = await app.request('/api/v1/stories/taurus-leak', { headers: { 'If-Modified-Since': modified } });
    assert.equal(since.status, 304);
    const changed = await app.request('/api/v1/stories/taurus-leak', { headers: { 'If-None-Match': 'W/"other"' } });
    assert.equal(changed.status, 200);
  });

  it('is open to other origins for GET, and answers preflights', async () => {
    const answer = await app.request('/api/v1/claims', { headers: { Origin: 'https://elsewhere.example' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    const preflight = await app.request('/api/v1/claims', { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /GET/);
  });

  it('answers writes and unknown addresses with JSON errors, never HTML', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await app.request('/api/v1/claims', { method, body: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' } });
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.get('allow'), 'GET, HEAD, OPTIONS');
      const body = await answer.json();
      assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'status']);
      assert.ok(s.ApiError.safeParse(body).success);
    }
    const unknown = await app.request('/api/v1/claims/1/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).code, 'not_found');
  });
});
