/**
 * `/corrections.atom`: the corrections and retractions as an Atom feed (RFC 4287), so readers,
 * partner newsrooms and archives learn of a change without visiting the page.
 */
import { excerpt } from '../lib/excerpt.js';
import type { CorrectionListing } from './queries.js';

function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest is escaped.
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function correctionsFeed(entries: CorrectionListing[], origin: string): string {
  // Newest first; a row without its time (never written by the app, but possible in old data) borrows the feed's.
  const updated = entries.find((entry) => entry.at)?.at ?? '1970-01-01T00:00:00.000Z';
  const items = entries.map((entry) => {
    const url = `${origin}/claims/${entry.claimId}`;
    const kind = entry.kind === 'retraction' ? 'Retraction' : 'Correction';
    return [
      '  <entry>',
      `    <id>${xml(`${url}#${entry.kind}-${entry.at}`)}</id>`,
      `    <title>${xml(`${kind}: ${entry.party.name}: ${excerpt(entry.statement, 100)}`)}</title>`,
      `    <updated>${xml(entry.at || updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <content type="text">${xml(entry.note)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(`${origin}/corrections`)}</id>`,
    '  <title>Claimdesk: corrections and retractions</title>',
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${origin}/corrections.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${origin}/corrections`)}"/>`,
    '  <author><name>Claimdesk</name></author>',
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
