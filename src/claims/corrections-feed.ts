/**
 * `/corrections.atom`: the corrections and retractions as an Atom feed (RFC 4287), so readers,
 * partner newsrooms and archives learn of a change without visiting the page. Built like the
 * other feeds (src/feeds/atom.ts).
 */
import { atomFeed, EPOCH } from '../feeds/atom.js';
import { excerpt } from '../lib/excerpt.js';
import type { CorrectionListing } from './queries.js';

export function correctionsFeed(entries: CorrectionListing[], origin: string, author = 'Claimdesk'): string {
  // Newest first; a row without its time (never written by the app, but possible in old data) borrows the feed's.
  const updated = entries.find((entry) => entry.at)?.at ?? EPOCH;
  return atomFeed({
    id: `${origin}/corrections`,
    title: 'Claimdesk: corrections and retractions',
    selfUrl: `${origin}/corrections.atom`,
    pageUrl: `${origin}/corrections`,
    author,
    entries: entries.map((entry) => {
      const url = `${origin}/claims/${entry.claimId}`;
      const kind = entry.kind === 'retraction' ? 'Retraction' : 'Correction';
      return {
        id: `${url}#${entry.kind}-${entry.at}`,
        title: `${kind}: ${entry.party.name}: ${excerpt(entry.statement, 100)}`,
        url,
        updated: entry.at || updated,
        content: entry.note,
      };
    }),
  });
}
