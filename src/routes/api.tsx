/**
 * The public JSON API, /api/v1 (decision 021): read-only, published data only, every answer JSON.
 * Routes are declared with @hono/zod-openapi: the zod schemas of src/api/schemas.ts validate the
 * query, type the handlers' answers and generate /api/v1/openapi.json, so the document cannot
 * drift from the code. Each handler asks src/api/queries.ts, which reads through the public
 * pages' domain queries. Caching headers come from src/http/cache-headers.ts, as for the pages.
 */
import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import * as api from '../api/queries.js';
import * as s from '../api/schemas.js';
import type { Db } from '../db.js';
import { DomainError } from '../errors.js';
import { createLastModified, isNotModified, PUBLIC_CACHE_CONTROL, weakEtag } from '../http/cache-headers.js';
import type { Log } from '../http/env.js';
import { pageShows } from '../http/page-cache.js';
import { LISTING } from '../publication/page-keys.js';
import { storageErrorCode } from '../storage/errors.js';
import { ApiDocsPage } from '../../views/pages/api-docs.js';

export const API_BASE = '/api/v1';

const CODES: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'too_large',
  422: 'unprocessable',
  500: 'internal_error',
  503: 'unavailable',
};

function apiError(c: Context, status: 400 | 403 | 404 | 405 | 409 | 413 | 422 | 500 | 503, message: string, code = CODES[status]!) {
  return c.json({ status, code, message }, status);
}

/**
 * Before the app's CSRF and body checks: the API takes no writes, so anything but a read is a
 * JSON 405 (a cross-site POST gets the same answer as any other, never the site's HTML 403).
 */
export const apiRejectsWrites: MiddlewareHandler = async (c, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
  c.header('Allow', 'GET, HEAD, OPTIONS');
  if (c.req.raw.body) c.header('Connection', 'close');
  return apiError(c, 405, 'The API is read-only: use GET.');
};

const errorResponses = {
  400: { description: 'A malformed query parameter or cursor.', content: { 'application/json': { schema: s.ApiError } } },
  404: { description: 'Nothing published at this address.', content: { 'application/json': { schema: s.ApiError } } },
};

function ok<T extends z.ZodType>(schema: T, description: string) {
  return { 200: { description, content: { 'application/json': { schema } } }, ...errorResponses };
}

const slugParam = (name: string, example: string) =>
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/).openapi({ param: { name, in: 'path' }, example });
const idParam = z.string().regex(/^[1-9][0-9]{0,14}$/).openapi({ param: { name: 'id', in: 'path' }, example: '1', description: 'The number in the public page’s address.' });

/** The path parameters, each the same wherever it stands in an address. */
const storyPath = { params: z.object({ story: slugParam('story', 'taurus-leak') }) };
const partyPath = { params: z.object({ party: slugParam('party', 'boris-pistorius') }) };
const idPath = { params: z.object({ id: idParam }) };

/** A GET endpoint, tagged with its collection: '/stories/{story}/questions' is under Stories. */
const get = <P extends string, R extends Omit<RouteConfig, 'method' | 'path' | 'tags'>>(path: P, route: R) => {
  const collection = path.split('/')[1]!;
  const tag = collection.charAt(0).toUpperCase() + collection.slice(1);
  // The summary first, as the document has always listed it.
  return createRoute({ method: 'get', path, summary: route.summary, tags: [tag], ...route } as R & { method: 'get'; path: P });
};

/** A paginated list of a collection: it takes the page's cursor and size (PageQuery). */
const list = <P extends string, R extends Omit<RouteConfig, 'method' | 'path' | 'tags' | 'request'>>(path: P, route: R) =>
  get(path, { summary: route.summary, request: { query: s.PageQuery }, ...route });

const routes = {
  stories: list('/stories', { summary: 'Published stories', responses: ok(s.StoryList, 'A page of stories, oldest first.') }),
  story: get('/stories/{story}', { summary: 'A story with its questions and its matrix', request: storyPath, responses: ok(s.Story, 'The story.') }),
  questions: get('/stories/{story}/questions', {
    summary: 'The contested questions of a story',
    request: storyPath,
    responses: ok(s.QuestionList, 'Every question of the story, in the story’s order (one page).'),
  }),
  claims: get('/claims', { summary: 'Published claims', request: { query: s.ClaimQuery }, responses: ok(s.ClaimList, 'A page of claims, oldest first.') }),
  claim: get('/claims/{id}', {
    summary: 'A claim with its stances, citations, quote checks and corrections',
    request: idPath,
    responses: ok(s.Claim, 'The claim (published, or retracted with its notice).'),
  }),
  parties: list('/parties', { summary: 'Parties with a public page', responses: ok(s.PartyList, 'A page of parties.') }),
  party: get('/parties/{party}', { summary: 'A party: roles and aliases', request: partyPath, responses: ok(s.Party, 'The party.') }),
  sources: list('/sources', { summary: 'Sources cited by published claims', responses: ok(s.SourceList, 'A page of sources.') }),
  source: get('/sources/{id}', { summary: 'A source and its archived capture’s hash', request: idPath, responses: ok(s.Source, 'The source.') }),
  corrections: list('/corrections', { summary: 'Corrections and retractions', responses: ok(s.CorrectionList, 'A page of corrections and retractions, newest first.') }),
};

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Claimdesk public API',
    version: '1.0.0',
    description:
      'Read-only access to what the public site shows: published stories with their matrix, questions, parties, claims (with stances, citations and quote checks), sources and corrections. Lists are paginated with an opaque cursor; every answer carries ETag and Last-Modified and honours If-None-Match and If-Modified-Since; errors are JSON objects with status, code and message; CORS is open for GET.',
  },
  servers: [{ url: API_BASE }],
};

export function apiRoutes(db: Db, options: { log?: Log } = {}) {
  const log = options.log ?? (() => {});
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        // A path parameter that cannot name anything is a 404, like the public pages; a bad query is a 400.
        if (result.target === 'param') return apiError(c, 404, 'There is nothing published at this address.');
        return apiError(c, 400, `${where}${issue?.message ?? 'invalid request'}`);
      }
    },
  });
  const lastModified = createLastModified();

  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Last-Modified'], maxAge: 86400 }));
  // Conditional GET: the ETag is the hash of the JSON, so a publish elsewhere keeps this answer's.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status !== 200 || !['GET', 'HEAD'].includes(c.req.method)) return;
    // The page cache may keep the answer. An answer shows a little of everything (a claim carries
    // its speaker, story and sources' facts), so like the listing pages it is rendered again
    // after any change for readers, and is answered from memory between changes.
    pageShows(c, [LISTING]);
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = weakEtag(body);
    const url = new URL(c.req.url);
    const modified = lastModified(url.pathname + url.search, etag);
    const headers = { ETag: etag, 'Last-Modified': modified, 'Cache-Control': PUBLIC_CACHE_CONTROL, Vary: 'Accept-Encoding' };
    if (isNotModified((name) => c.req.header(name), etag, modified)) {
      const kept = new Headers(c.res.headers);
      for (const name of ['content-type', 'content-length']) kept.delete(name);
      for (const [name, value] of Object.entries(headers)) kept.set(name, value);
      c.res = new Response(null, { status: 304, headers: kept });
      return;
    }
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  const notFound = (c: Context, what: string) => c.json({ status: 404 as const, code: 'not_found', message: `There is no published ${what} at this address.` }, 404);

  /** A record asked for by its address: the record, or the 404 that says what is not published there. */
  const detail = <T extends object>(c: Context, found: T | undefined, what: string) => (found ? c.json(found, 200) : notFound(c, what));

  app.openapi(routes.stories, (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(api.listStories(db, cursor, limit), 200);
  });
  app.openapi(routes.story, (c) => detail(c, api.storyDetail(db, c.req.valid('param').story), 'story'));
  app.openapi(routes.questions, (c) => detail(c, api.storyQuestions(db, c.req.valid('param').story), 'story'));
  app.openapi(routes.claims, (c) => {
    const query = c.req.valid('query');
    const list = api.listClaims(db, query);
    return list ? c.json(list, 200) : c.json({ status: 404 as const, code: 'not_found', message: 'There is no published story or party with that name.' }, 404);
  });
  app.openapi(routes.claim, (c) => detail(c, api.claimDetail(db, Number(c.req.valid('param').id)), 'claim'));
  app.openapi(routes.parties, (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(api.listParties(db, cursor, limit), 200);
  });
  app.openapi(routes.party, (c) => detail(c, api.partyDetail(db, c.req.valid('param').party), 'party'));
  app.openapi(routes.sources, (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(api.listSources(db, cursor, limit), 200);
  });
  app.openapi(routes.source, (c) => detail(c, api.sourceDetail(db, Number(c.req.valid('param').id)), 'source'));
  app.openapi(routes.corrections, (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(api.listCorrections(db, cursor, limit), 200);
  });

  app.doc31('/openapi.json', OPENAPI_INFO);
  app.get('/docs', (c) => c.html(<ApiDocsPage document={app.getOpenAPI31Document(OPENAPI_INFO)} />));
  app.get('/', (c) => c.redirect(`${API_BASE}/docs`, 302));

  app.all('*', (c) => apiError(c, 404, 'There is no such API address. The endpoints are listed at /api/v1/openapi.json.'));

  app.onError((error, c) => {
    if (error instanceof DomainError) return apiError(c, error.status, error.message);
    const storage = storageErrorCode(error);
    if (storage) {
      c.header('Retry-After', '60');
      return apiError(c, 503, 'The database cannot be read right now; please try again in a moment.');
    }
    log({ level: 'error', msg: 'unhandled api error', path: c.req.path, error: String((error as Error)?.stack ?? error) });
    return apiError(c, 500, 'The error has been logged. Please try again in a moment.');
  });

  return app;
}
