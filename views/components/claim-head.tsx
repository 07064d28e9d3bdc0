/**
 * What a claim page adds to its <head> for machines: its ClaimReview as JSON-LD (when rated), and
 * the oEmbed discovery link. Absolute URLs from the configured origin only.
 */
import type { ClaimReview, WithContext } from 'schema-dts';
import { jsonForScript } from '../../src/claims/claim-review.js';

export function ClaimHead(props: { claimId: number; origin: string; review: WithContext<ClaimReview> | null; title: string }) {
  const url = `${props.origin}/claims/${props.claimId}`;
  return (
    <>
      <link
        rel="alternate"
        type="application/json+oembed"
        href={`${props.origin}/oembed?url=${encodeURIComponent(url)}&format=json`}
        title={props.title}
      />
      {props.review ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(props.review) }}></script> : null}
    </>
  );
}
