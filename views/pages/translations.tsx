/** `/stories/<slug>/translations`: every statement of the story whose translations part ways (ADR 027). */
import type { TranslationsPage as Data } from '../../src/stories/translations.js';
import { ClaimDate } from '../components/claim-bits.js';
import { ComparisonView } from '../components/renderings.js';
import { Page } from '../layouts/page.js';

export function TranslationsPage(props: { data: Data }) {
  const { story, claims } = props.data;
  return (
    <Page title={`Translations that part ways: ${story.title}`} description={`Statements in “${story.title}” that outlets rendered in different words.`}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/stories/${story.slug}`}>{story.title}</a>
      </nav>
      <h1>Translations that part ways</h1>
      <p class="meta">
        Statements whose published renderings in one language use different words. Each shows where the wording differs; the
        claim’s page has every rendering with its source.
      </p>
      {claims.length === 0 ? <p>No statement of this story has renderings that differ.</p> : null}
      {claims.map((claim) => (
        <section aria-labelledby={`parting-${claim.id}`} class="parting-claim" data-claim={claim.id}>
          <h2 id={`parting-${claim.id}`}>
            <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a>, <ClaimDate claim={claim} />
          </h2>
          {claim.words.note ? <p class="words-note">{claim.words.note}</p> : null}
          {claim.words.comparisons.map((c) => (
            <ComparisonView comparison={c} />
          ))}
          <p>
            <a href={`/claims/${claim.id}`}>
              Claim {claim.id}
              <span class="visually-hidden"> by {claim.party.name}</span>
            </a>
          </p>
        </section>
      ))}
    </Page>
  );
}
