/**
 * What a claim's page offers for quoting it elsewhere: its canonical address and link-preview
 * metadata (Open Graph, Twitter card) for the <head>, a citation to copy, and share links that
 * are plain links: no third-party script, nothing loaded from elsewhere until a reader clicks.
 */
import type { ClaimPage } from '../../src/claims/queries.js';
import { formatClaimDate, formatDay } from '../../src/lib/dates.js';
import { excerpt } from '../../src/lib/excerpt.js';

/** The claim's permanent address: from the configured origin, never from the request. */
export const claimPermalink = (origin: string, claimId: number) => `${origin}/claims/${claimId}`;

/** "Boris Pistorius: “There was no spy on the call.”" */
function quoted(claim: ClaimPage['claim']): string {
  return claim.form === 'verbatim' ? `“${claim.statement}”` : claim.statement;
}

/** The canonical address and link-preview metadata (claim-head.tsx adds what machines read). */
export function ClaimPreviewHead(props: { data: ClaimPage; origin: string }) {
  const { claim, story } = props.data;
  const url = claimPermalink(props.origin, claim.id);
  const title = `${claim.state === 'retracted' ? 'Retracted: ' : ''}${claim.party.name}: ${excerpt(quoted(claim), 180)}`;
  const description = `${claim.party.name}, ${formatClaimDate(claim.saidOn, claim.datePrecision)}, in “${story.title}”. With its sources, on Claimdesk.`;
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content="Claimdesk" />
      <meta property="og:url" content={url} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
    </>
  );
}

/** Speaker, statement, date, venue, source, permalink: one paragraph a reader can paste. */
export function citationText(data: ClaimPage, origin: string): string {
  const { claim, citations } = data;
  const venue = claim.venue ? `, ${claim.venue}` : '';
  const first = citations.find((c) => c.role === 'reports') ?? citations[0];
  const source = first
    ? ` Source: ${first.source.publisher}${first.source.publishedOn ? `, ${formatDay(first.source.publishedOn)}` : ''}.`
    : '';
  const retracted = claim.state === 'retracted' ? ' Retracted by Claimdesk.' : '';
  return `${claim.party.name}: ${quoted(claim)} (${formatClaimDate(claim.saidOn, claim.datePrecision)}${venue}).${source}${retracted} Claimdesk, claim ${claim.id}: ${claimPermalink(origin, claim.id)}`;
}

export function CiteAndShare(props: { data: ClaimPage; origin: string }) {
  const { claim } = props.data;
  const url = claimPermalink(props.origin, claim.id);
  const text = `${claim.party.name}: ${excerpt(quoted(claim), 200)}`;
  const q = encodeURIComponent;
  const links: [string, string][] = [
    ['Email', `mailto:?subject=${q(text)}&body=${q(`${text}\n\n${url}`)}`],
    ['Bluesky', `https://bsky.app/intent/compose?text=${q(`${text} ${url}`)}`],
    ['Mastodon', `https://mastodonshare.com/?text=${q(text)}&url=${q(url)}`],
    ['X', `https://x.com/intent/post?text=${q(text)}&url=${q(url)}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${q(url)}`],
    ['LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${q(url)}`],
  ];
  return (
    <section aria-labelledby="cite-heading" class="cite-share">
      <h2 id="cite-heading">Cite or share this claim</h2>
      <label for="cite-text" class="cite-label">
        Cite this claim
      </label>
      <p class="copy-hint meta" id="cite-hint">
        Select the text and copy it.
      </p>
      <textarea id="cite-text" class="cite-text" readonly rows={4} aria-describedby="cite-hint">
        {citationText(props.data, props.origin)}
      </textarea>
      <p class="permalink">
        Permanent address: <a href={url}>{url}</a>
      </p>
      <ul class="share-links inline-list" aria-label="Share this claim">
        {links.map(([name, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer nofollow">
              {name}
              <span class="visually-hidden"> (share this claim)</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
