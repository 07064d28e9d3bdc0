/** `/corrections`: every correction and retraction, newest first (the newsroom's corrections policy). */
import type { CorrectionListing } from '../../src/claims/queries.js';
import { formatDay } from '../../src/lib/dates.js';
import { Statement } from '../components/claim-bits.js';
import { Page } from '../layouts/page.js';

export function CorrectionsPage(props: { entries: CorrectionListing[] }) {
  return (
    <Page
      title="Corrections"
      description="Every correction and retraction of a published claim."
      feeds={[{ title: 'Claimdesk: corrections and retractions', href: '/corrections.atom' }]}
    >
      <h1>Corrections and retractions</h1>
      <p class="lede">
        When we change what readers were told about a published claim (what was said, by whom, when or where, the side
        it takes or our rating) or withdraw it, we say so here and on the claim’s page.
      </p>
      <p class="meta">
        <a href="/corrections.atom" type="application/atom+xml">
          Follow the corrections (Atom feed)
        </a>
      </p>
      {props.entries.length === 0 ? <p>No published claim has been corrected or retracted.</p> : null}
      <ol class="claim-list corrections-list">
        {props.entries.map((entry) => (
          <li data-claim={entry.claimId} data-kind={entry.kind}>
            <p>
              <strong>{entry.kind === 'retraction' ? 'Retraction' : 'Correction'}</strong>,{' '}
              <time datetime={entry.at.slice(0, 10)}>{formatDay(entry.at.slice(0, 10))}</time>:{' '}
              <a href={`/claims/${entry.claimId}`}>
                {entry.party.name}: <Statement claim={entry} maxLength={120} />
              </a>
            </p>
            <p>{entry.note}</p>
          </li>
        ))}
      </ol>
    </Page>
  );
}
