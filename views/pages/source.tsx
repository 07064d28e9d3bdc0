/** `/sources/<id>`: a source, its kind and publisher, its archived text, and the claims resting on it. */
import type { sourcePage } from '../../src/sources/queries.js';
import { langAttribute, languageName } from '../../src/claims/languages.js';
import { formatDay } from '../../src/lib/dates.js';
import { CITATION_ROLE_LABELS, SOURCE_KIND_LABELS } from '../../src/lib/labels.js';
import { ClaimDate, Statement } from '../components/claim-bits.js';
import { Fact } from '../components/facts.js';
import { Pager } from '../components/pager.js';
import { Page } from '../layouts/page.js';

type Data = NonNullable<ReturnType<typeof sourcePage>>;

export function SourcePage(props: { data: Data }) {
  const { source, citing, snapshot } = props.data;
  return (
    <Page title={source.title} description={`${source.title} (${source.publisher}) and the claims that rest on it.`}>
      <h1>{source.title}</h1>
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{SOURCE_KIND_LABELS[source.kind]}</dd>
        <dt>Publisher</dt>
        <dd>{source.publisher}</dd>
        {source.author ? <Fact term="Author">{source.author}</Fact> : null}
        <dt>Published</dt>
        <dd>{source.publishedOn ? formatDay(source.publishedOn) : 'Date not known'}</dd>
        {source.accessedOn ? <Fact term="Accessed">{formatDay(source.accessedOn)}</Fact> : null}
        <dt>Language</dt>
        <dd>{languageName(source.language)}</dd>
        <dt>Link</dt>
        <dd>
          {source.url ? (
            <a href={source.url} rel="nofollow noopener noreferrer">
              {source.url}
            </a>
          ) : (
            'No link recorded.'
          )}
        </dd>
      </dl>
      {source.description ? <p>{source.description}</p> : null}

      {snapshot ? (
        <section aria-labelledby="archive-heading">
          <h2 id="archive-heading">Archived text</h2>
          <p class="meta">
            <Provenance snapshot={snapshot} publishedOn={source.publishedOn} /> · SHA-256 <code class="hash">{snapshot.sha256}</code>
          </p>
          <p class="meta">
            Highlighted: passages that published claims rest on, each followed by links to those claims. Page furniture (appeals,
            comment prompts) is kept but set aside, folded away where it appears.
          </p>
          <div class="archived-text" lang={langAttribute(source.language)}>
            {runs(props.data.paragraphs).map((run) =>
              run.furniture ? (
                <details class="furniture-run">
                  <summary>
                    Page furniture set aside: {run.paragraphs.length} {run.paragraphs.length === 1 ? 'paragraph' : 'paragraphs'} (
                    {[...new Set(run.paragraphs.flatMap((p) => p.map((s) => (s.furniture ?? '').replace('_', ' '))))].filter(Boolean).join(', ')})
                  </summary>
                  {run.paragraphs.map((segments) => (
                    <Paragraph segments={segments} />
                  ))}
                </details>
              ) : (
                run.paragraphs.map((segments) => <Paragraph segments={segments} />)
              ),
            )}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">Claims resting on this source</h2>
        {citing.pageCount > 1 ? (
          <p class="meta">
            {citing.total} claims · page {citing.page} of {citing.pageCount}
          </p>
        ) : null}
        <ul class="claim-list">
          {citing.items.map((c) => (
            <li data-claim={c.id} data-role={c.role}>
              <a href={`/parties/${c.party.slug}`}>{c.party.name}</a>: <Statement claim={c} maxLength={200} />{' '}
              <span class="meta">
                ({CITATION_ROLE_LABELS[c.role].toLowerCase()} · <ClaimDate claim={c} /> ·{' '}
                <a href={`/claims/${c.id}`}>claim {c.id}</a> · <a href={`/stories/${c.story.slug}`}>{c.story.title}</a>)
              </span>
              {c.passage && !snapshot ? <blockquote class="passage">{c.passage}</blockquote> : null}
            </li>
          ))}
        </ul>
        <Pager list={citing} path={`/sources/${source.id}`} label="Pages of claims resting on this source" />
      </section>
    </Page>
  );
}

type Segments = Data['paragraphs'][number];

/** Claim links after a passage; a passage many claims cite links to the list of them for the rest. */
const LINKS_PER_PASSAGE = 6;

/** Consecutive paragraphs that are wholly page furniture are folded away together. */
function runs(paragraphs: Segments[]): { furniture: boolean; paragraphs: Segments[] }[] {
  const out: { furniture: boolean; paragraphs: Segments[] }[] = [];
  for (const paragraph of paragraphs) {
    const furniture = paragraph.every((s) => s.furniture || !s.text.trim());
    const last = out.at(-1);
    if (last && last.furniture === furniture) last.paragraphs.push(paragraph);
    else out.push({ furniture, paragraphs: [paragraph] });
  }
  return out;
}

function Paragraph(props: { segments: Segments }) {
  return (
    <p>
      {props.segments.map((segment) => (
        <>
          {segment.furniture ? (
            <span class="furniture" title={`Page furniture (${segment.furniture.replace('_', ' ')}), set aside`}>
              {segment.text}
            </span>
          ) : segment.claimIds.length ? (
            <mark data-claims={segment.claimIds.join(' ')}>{segment.text}</mark>
          ) : (
            segment.text
          )}
          {segment.endingClaimIds.slice(0, LINKS_PER_PASSAGE).map((id) => (
            <sup class="cited-by">
              <a href={`/claims/${id}`}>
                <span class="visually-hidden">cited by </span>claim {id}
              </a>
            </sup>
          ))}
          {segment.endingClaimIds.length > LINKS_PER_PASSAGE ? (
            <sup class="cited-by">
              <a href="#claims-heading">
                + {segment.endingClaimIds.length - LINKS_PER_PASSAGE} more<span class="visually-hidden"> claims citing this passage</span>
              </a>
            </sup>
          ) : null}
        </>
      ))}
    </p>
  );
}

/**
 * Where the archived text came from, truthfully: a fixture is the article as published, loaded
 * with Claimdesk; only a copy taken by the desk was captured on the day it records.
 */
function Provenance(props: { snapshot: NonNullable<Data['snapshot']>; publishedOn: string | null }) {
  const { snapshot } = props;
  const loaded = formatDay(snapshot.capturedAt.slice(0, 10));
  if (snapshot.origin === 'fixture') {
    return (
      <>
        Loaded from the article as published{props.publishedOn ? ` on ${formatDay(props.publishedOn)}` : ''} (a copy kept with Claimdesk), added
        to this database on {loaded}
      </>
    );
  }
  const how = snapshot.origin === 'paste' ? 'pasted in by the desk' : `uploaded by the desk as a ${snapshot.origin} file`;
  return (
    <>
      Copy {how} on {loaded}
    </>
  );
}
