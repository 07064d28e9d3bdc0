/**
 * oEmbed (oembed.com, version 1.0) for claim permalinks: `type: rich`, with `html` a
 * self-contained blockquote — the statement, the speaker, the date and a link back — and no
 * script, no style, no class the host page must know. Every text is escaped here.
 */
import type { Db } from '../db.js';
import { formatClaimDate } from '../lib/dates.js';

export const EMBED_WIDTH = 550;
export const EMBED_HEIGHT = 240;

export type OEmbed = {
  version: '1.0';
  type: 'rich';
  title: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
};

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The claim id a URL names, when it is one of our claim permalinks; else undefined. */
export function claimIdOfUrl(url: string, origin: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== origin) return undefined;
  const match = /^\/claims\/([1-9]\d{0,9})\/?$/.exec(parsed.pathname);
  return match ? Number(match[1]) : undefined;
}

export function claimEmbed(
  db: Db,
  claimId: number,
  origin: string,
  publisher: { name: string; url: string },
  size: { maxwidth?: number; maxheight?: number } = {},
): OEmbed | undefined {
  const row = db.$client
    .prepare(
      `SELECT c.statement, c.form, c.said_on AS saidOn, c.date_precision AS datePrecision, p.name AS party, p.slug AS partySlug
       FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = ? AND c.state = 'published'`,
    )
    .get(claimId) as { statement: string; form: string; saidOn: string; datePrecision: 'day' | 'approximate' | 'reported_by'; party: string; partySlug: string } | undefined;
  if (!row) return undefined;
  const url = `${origin}/claims/${claimId}`;
  const statement = row.form === 'verbatim' ? `“${row.statement}”` : row.statement;
  const when = formatClaimDate(row.saidOn, row.datePrecision);
  const width = Math.min(EMBED_WIDTH, size.maxwidth ?? EMBED_WIDTH);
  const height = Math.min(EMBED_HEIGHT, size.maxheight ?? EMBED_HEIGHT);
  const markup =
    `<blockquote cite="${html(url)}">` +
    `<p>${html(statement)}</p>` +
    `<footer>— ${html(row.party)}, <time datetime="${html(row.saidOn)}">${html(when)}</time>. ` +
    `<a href="${html(url)}">Sources and verification at ${html(publisher.name)}</a></footer>` +
    `</blockquote>`;
  return {
    version: '1.0',
    type: 'rich',
    title: `${row.party}: ${row.statement.length > 100 ? `${row.statement.slice(0, 99)}…` : row.statement}`,
    author_name: row.party,
    author_url: `${origin}/parties/${row.partySlug}`,
    provider_name: publisher.name,
    provider_url: `${origin}/`,
    cache_age: 3600,
    html: markup,
    width,
    height,
  };
}
