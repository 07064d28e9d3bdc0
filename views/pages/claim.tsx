/** `/claims/<id>`: the claim's permalink, with its sources and what the other parties say. */
import type { Child } from 'hono/jsx';
import { Markdown } from '../components/markdown.js';
import type { ClaimPage as ClaimPageData } from '../../src/claims/queries.js';
import { describePrecision, formatDay } from '../../src/lib/dates.js';
import { TYPE_LABELS } from '../../src/lib/labels.js';
import { excerpt } from '../../src/lib/excerpt.js';
import { ClaimDate, FormLabel, RatingBadge, StanceBadge, Statement } from '../components/claim-bits.js';
import { CitationList } from '../components/citations.js';
import { Fact } from '../components/facts.js';
import { ClaimPreviewHead, CiteAndShare } from '../components/claim-sharing.js';
import { Page } from '../layouts/page.js';
import { ClaimWordsSection } from '../components/renderings.js';
import { langAttribute } from '../../src/claims/languages.js';

export function ClaimPage(props: { data: ClaimPageData; speakerLinked: boolean; origin: string; head?: Child }) {
  const { claim, speakerRoles, story, stances, citations, otherViews, corrections, foundPassages } = props.data;
  const title = `${claim.party.name}: ${excerpt(claim.statement, 80)}`;
  const speaker = props.speakerLinked ? <a href={`/parties/${claim.party.slug}`}>{claim.party.name}</a> : claim.party.name;
  return (
    <Page
      title={title}
      description={`A claim by ${claim.party.name} in “${story.title}”, with its sources.`}
      head={
        <>
          <ClaimPreviewHead data={props.data} origin={props.origin} />
          {props.head}
        </>
      }
    >
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/stories/${story.slug}`}>{story.title}</a>
      </nav>
      <article class="claim" aria-labelledby="claim-heading" data-claim={claim.id}>
        <h1 id="claim-heading">
          {speaker}
          <span class="visually-hidden">:</span>
        </h1>
        {claim.state === 'retracted' ? (
          <div class="retraction" role="note" aria-labelledby="retraction-heading">
            <h2 id="retraction-heading">Retracted{claim.retractedAt ? ` on ${formatDay(claim.retractedAt.slice(0, 10))}` : ''}</h2>
            <p>{claim.retractionNote}</p>
            <p class="meta">The claim is kept here as it was published, so that readers who saw it can find why it was withdrawn.</p>
          </div>
        ) : null}
        <blockquote class={`claim-statement claim-${claim.form}`} lang={langAttribute(props.data.words?.renderings[0]?.language)}>
          <p>
            <Statement claim={claim} />
          </p>
        </blockquote>
        <ClaimWordsSection words={props.data.words} />
        <dl class="facts">
          <dt>Speaker</dt>
          <dd>
            {speaker}
            {speakerRoles.length ? `, ${speakerRoles.join('; ')}` : ''}
          </dd>
          <dt>When</dt>
          <dd>
            <ClaimDate claim={claim} /> <span class="meta">({describePrecision(claim.datePrecision)})</span>
          </dd>
          {claim.venue ? <Fact term="Where">{claim.venue}</Fact> : null}
          <dt>Form</dt>
          <dd>
            <FormLabel form={claim.form} inTranslation={props.data.words?.inTranslation} />
          </dd>
          <dt>Type</dt>
          <dd>{TYPE_LABELS[claim.type]}</dd>
          <dt>Truth rating</dt>
          <dd>
            <RatingBadge rating={claim.rating} why="#why-this-rating" />
          </dd>
          {claim.publishedAt ? (
            <Fact term="Published here">
              <time datetime={claim.publishedAt.slice(0, 10)}>{formatDay(claim.publishedAt.slice(0, 10))}</time>
              {corrections.length ? <span class="meta">{` · corrected ${corrections.length === 1 ? 'once' : `${corrections.length} times`} since`}</span> : null}
            </Fact>
          ) : null}
        </dl>
        <section aria-labelledby="why-this-rating" class="rating-reasons">
          <h2 id="why-this-rating">Why this rating</h2>
          {claim.ratingExplanationMd ? (
            <div class="prose">
              <Markdown markdown={claim.ratingExplanationMd} />
            </div>
          ) : (
            <p>The desk has not written a reason for this rating yet.</p>
          )}
        </section>

        {corrections.length ? (
          <section aria-labelledby="corrections-heading" class="corrections">
            <h2 id="corrections-heading">Corrections</h2>
            <ul>
              {corrections.map((correction) => (
                <li>
                  <time datetime={correction.createdAt.slice(0, 10)}>{formatDay(correction.createdAt.slice(0, 10))}</time>:{' '}
                  {correction.note}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="stances-heading">
          <h2 id="stances-heading">Position on the story’s questions</h2>
          {stances.length === 0 ? <p>This claim takes no position on the story’s contested questions.</p> : null}
          <ul class="stances">
            {stances.map((stance) => (
              <li data-question={stance.question.slug} data-position={stance.position}>
                <StanceBadge position={stance.position} />{' '}
                <a href={`/stories/${story.slug}/questions/${stance.question.slug}`}>{stance.question.proposition}</a>
                {stance.note ? <p class="stance-note">{stance.note}</p> : null}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="sources-heading">
          <h2 id="sources-heading">Sources</h2>
          <CitationList citations={citations} linked={claim.state !== 'retracted'} found={foundPassages} />
        </section>

        <CiteAndShare data={props.data} origin={props.origin} />

        {stances.length ? (
          <section aria-labelledby="others-heading" class="other-views">
            <h2 id="others-heading">What the other parties say on the same questions</h2>
            {otherViews.map((view) => {
              const stance = stances.find((s) => s.questionId === view.questionId)!;
              return (
                <section aria-labelledby={`others-${stance.question.slug}`} data-question={stance.question.slug}>
                  <h3 id={`others-${stance.question.slug}`}>{stance.question.proposition}</h3>
                  {view.entries.length === 0 ? (
                    <p>No other party’s published claim takes a position on this.</p>
                  ) : (
                    <ul class="claim-list">
                      {view.entries.map((entry) => (
                        <li data-claim={entry.claim.id}>
                          <a href={`/parties/${entry.claim.party.slug}`}>{entry.claim.party.name}</a>{' '}
                          <StanceBadge position={entry.position} />: <Statement claim={entry.claim} maxLength={160} />{' '}
                          <span class="meta">
                            (<ClaimDate claim={entry.claim} />, <a href={`/claims/${entry.claim.id}`}>claim {entry.claim.id}</a>)
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                  <p class="meta">
                    {view.more ? `The latest claim of each of the ${view.entries.length} other parties who spoke last; more on the question page. ` : ''}
                    <a href={`/stories/${story.slug}/questions/${stance.question.slug}`}>
                      Every party’s position<span class="visually-hidden"> on {stance.question.shortLabel}</span>
                    </a>
                  </p>
                </section>
              );
            })}
          </section>
        ) : null}
      </article>
    </Page>
  );
}
