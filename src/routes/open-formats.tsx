/**
 * Open formats for other software: the Atom feeds of published claims (all, per story, per
 * party) and the oEmbed endpoint for claim permalinks. Feeds are kept by the public page cache
 * like the pages (LISTING: any publication may change them); oEmbed answers are small and read
 * one row, so they are not.
 */
import { Hono, type Context } from 'hono';
import type { Db } from '../db.js';
import { NotFound } from '../errors.js';
import { claimsFeed, type FeedScope } from '../feeds/claims-feed.js';
import { pageShows } from '../http/page-cache.js';
import { claimEmbed, claimIdOfUrl } from '../oembed/embed.js';
import { LISTING, partyKey, storyKey } from '../publication/page-keys.js';
import { findBySlug } from '../publication/visibility.js';

const ATOM = { 'Content-Type': 'application/atom+xml; charset=utf-8' };

type Options = { origin: string; publisher: { name: string; url: string } };

export function openFormatRoutes(db: Db, { origin, publisher }: Options) {
  const routes = new Hono();
  const feed = (c: Context, scope: FeedScope, keys: string[]) => {
    pageShows(c, [LISTING, ...keys]);
    return c.body(claimsFeed(db, scope, origin, publisher.name), 200, ATOM);
  };

  routes.get('/feed.atom', (c) => feed(c, { kind: 'all' }, []));

  routes.get('/stories/:story/feed.atom', (c) => {
    const story = findBySlug(db, 'story', c.req.param('story'), { publishedOnly: true });
    if (!story) throw new NotFound('There is no published story at this address.');
    return feed(c, { kind: 'story', id: story.id, slug: story.slug, title: story.name }, [storyKey(story.id)]);
  });

  routes.get('/parties/:party/feed.atom', (c) => {
    const party = findBySlug(db, 'party', c.req.param('party'), { publishedOnly: true });
    if (!party) throw new NotFound('There is no party with published claims at this address.');
    return feed(c, { kind: 'party', ...party }, [partyKey(party.id)]);
  });

  routes.get('/oembed', (c) => {
    const error = (status: 400 | 404 | 501, code: string, message: string) => c.json({ status, code, message }, status);
    const url = c.req.query('url');
    const format = c.req.query('format') ?? 'json';
    // The oEmbed spec's answer to a format it defines but we do not serve is 501; anything else is bad input.
    if (format === 'xml') return error(501, 'format_not_implemented', 'Only format=json is served.');
    if (format !== 'json') return error(400, 'format_invalid', 'format must be json.');
    if (!url) return error(400, 'url_missing', 'Give the address of a claim: ?url=<claim address>.');
    const size = (name: string) => {
      const raw = c.req.query(name);
      return raw !== undefined && /^[1-9]\d{0,4}$/.test(raw) ? Number(raw) : undefined;
    };
    if (url.length > 2000) return error(400, 'url_invalid', 'That address is too long to be one of ours.');
    const claimId = claimIdOfUrl(url, origin);
    if (claimId === undefined) return error(404, 'not_a_claim', `Only claim addresses of ${origin} can be embedded (${origin}/claims/<number>).`);
    const embed = claimEmbed(db, claimId, origin, publisher, { maxwidth: size('maxwidth'), maxheight: size('maxheight') });
    if (!embed) return error(404, 'claim_not_found', 'There is no published claim at that address.');
    return c.json(embed);
  });

  return routes;
}
