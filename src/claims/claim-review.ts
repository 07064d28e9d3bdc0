/**
 * ClaimReview (schema.org) for a rated claim's page, so search engines and fact-check aggregators
 * can read our verdict (decision 020). Typed with schema-dts. The rating scale is ours and
 * documented: confirmed 5, partly supported 4, unverified 3, disputed 2, false 1 (best 5, worst
 * 1); "not applicable" (an opinion, a prediction: nothing to check) carries no ClaimReview, nor
 * does a retracted claim, whose review we withdrew.
 */
import type { ClaimReview, CreativeWork, Organization, Person, WithContext } from 'schema-dts';
import type * as t from '../../db/schema/index.js';
import { RATING_LABELS } from '../lib/labels.js';
import type { ClaimPage } from './queries.js';

type Rating = (typeof t.RATINGS)[number];

export const RATING_VALUES: Record<Exclude<Rating, 'not_applicable'>, number> = {
  confirmed: 5,
  partly_supported: 4,
  unverified: 3,
  disputed: 2,
  false: 1,
};

export type Publisher = { name: string; url: string };

export function claimReview(page: ClaimPage, partyKind: (typeof t.PARTY_KINDS)[number], origin: string, publisher: Publisher): WithContext<ClaimReview> | null {
  const { claim, citations, speakerRoles } = page;
  if (claim.rating === 'not_applicable' || claim.state !== 'published') return null;
  const url = `${origin}/claims/${claim.id}`;
  const speaker: Person | Organization =
    partyKind === 'person'
      ? { '@type': 'Person', name: claim.party.name, ...(speakerRoles.length ? { jobTitle: speakerRoles.join('; ') } : {}) }
      : { '@type': 'Organization', name: claim.party.name };
  const works = citations.map(
    (citation): CreativeWork => ({
      '@type': 'CreativeWork',
      url: citation.source.url ?? `${origin}/sources/${citation.source.id}`,
      name: citation.source.title,
      publisher: { '@type': 'Organization', name: citation.source.publisher },
      ...(citation.source.publishedOn ? { datePublished: citation.source.publishedOn } : {}),
    }),
  );
  // Where it was said, else the earliest dated report of it.
  const firstIndex = (() => {
    const venue = citations.findIndex((c) => c.role === 'original_venue');
    if (venue >= 0) return venue;
    const dated = citations.map((c, i) => [c.source.publishedOn, i] as const).filter(([d]) => d).sort(([a], [b]) => a!.localeCompare(b!));
    return dated[0]?.[1] ?? (citations.length ? 0 : -1);
  })();
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.statement,
    ...(claim.publishedAt ? { datePublished: claim.publishedAt.slice(0, 10) } : {}),
    author: { '@type': 'Organization', name: publisher.name, url: publisher.url },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: RATING_VALUES[claim.rating],
      bestRating: 5,
      worstRating: 1,
      alternateName: RATING_LABELS[claim.rating],
    },
    itemReviewed: {
      '@type': 'Claim',
      author: speaker,
      datePublished: claim.saidOn,
      // Issue 14: the language it was said in, and the words as said when the newsroom has them.
      ...(page.words?.language ? { inLanguage: page.words.language } : {}),
      ...(page.words?.original.trim() ? { text: page.words.original } : {}),
      ...(works.length ? { appearance: works } : {}),
      ...(firstIndex >= 0 ? { firstAppearance: works[firstIndex]! } : {}),
    },
  };
}

/** JSON for a <script type="application/ld+json">: nothing in it can close the element or start markup. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
