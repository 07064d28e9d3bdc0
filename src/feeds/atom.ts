/**
 * Building an Atom feed (RFC 4287) with the `feed` library, behind a small interface that takes
 * plain text and absolute URLs. `feed` writes entry titles and content as `type="html"` inside
 * CDATA, as given: so every text is escaped as HTML here (no markup from data ever reaches a
 * reader, and no `]]>` can end the CDATA early — `feed` only splits the first), and characters
 * XML 1.0 cannot carry are dropped.
 */
import { Feed } from 'feed';

export type AtomEntry = {
  /** Stable: the same entry keeps its id when it changes (its `updated` moves instead). */
  id: string;
  title: string;
  url: string;
  /** ISO time; a missing one borrows the feed's. */
  updated: string;
  published?: string | null;
  /** Plain text. */
  content: string;
};

export type AtomFeed = {
  id: string;
  title: string;
  selfUrl: string;
  pageUrl: string;
  author: string;
  entries: AtomEntry[];
};

export const EPOCH = '1970-01-01T00:00:00.000Z';

/** Text as HTML text: escaped, with the characters XML cannot hold removed. */
function htmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlSafe(text: string): string {
  return text.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
}

function date(iso: string | null | undefined, fallback: string): Date {
  const parsed = iso ? new Date(iso) : new Date(fallback);
  return Number.isNaN(parsed.getTime()) ? new Date(fallback) : parsed;
}

export function atomFeed(spec: AtomFeed): string {
  // The newest entry's time: the feed changes exactly when an entry does.
  const updated = spec.entries.map((e) => e.updated).filter(Boolean).sort().at(-1) ?? EPOCH;
  const feed = new Feed({
    id: spec.id,
    title: xmlSafe(spec.title),
    updated: date(updated, EPOCH),
    link: spec.pageUrl,
    feedLinks: { atom: spec.selfUrl },
    author: { name: xmlSafe(spec.author) },
    generator: false,
  });
  for (const entry of spec.entries) {
    feed.addItem({
      id: entry.id,
      title: htmlText(entry.title),
      link: entry.url,
      date: date(entry.updated, updated),
      ...(entry.published ? { published: date(entry.published, updated) } : {}),
      content: htmlText(entry.content),
    });
  }
  return `${feed.atom1()}\n`;
}

/** The <link> a page's head carries for a feed (autodiscovery). */
export type FeedLink = { title: string; href: string };
