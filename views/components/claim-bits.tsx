/**
 * Small pieces every claim-showing page uses: the stance badge (symbol and words, never colour
 * alone), the statement as quote or paraphrase, the claim's date with its precision, the rating.
 */
import type { ClaimSummary, StanceOfClaim } from '../../src/claims/queries.js';
import { describePrecision, formatClaimDate } from '../../src/lib/dates.js';
import { excerpt } from '../../src/lib/excerpt.js';
import { FORM_LABELS, RATING_LABELS, STANCE_LABELS } from '../../src/lib/labels.js';

export function StanceBadge(props: { position: StanceOfClaim['position'] }) {
  const label = STANCE_LABELS[props.position];
  return (
    <span class={`stance stance-${props.position}`}>
      <span class="stance-symbol" aria-hidden="true">
        {label.symbol}
      </span>{' '}
      {label.text}
    </span>
  );
}

/** The statement, in quotation marks when it is a verbatim quote. */
export function Statement(props: { claim: Pick<ClaimSummary, 'statement' | 'form'>; maxLength?: number }) {
  const text = props.maxLength ? excerpt(props.claim.statement, props.maxLength) : props.claim.statement;
  if (props.claim.form === 'verbatim') return <q class="statement statement-quote">{text}</q>;
  return <span class="statement">{text}</span>;
}

/** `compact`: without the precision's explanation as a tooltip (the matrix shows dozens of dates). */
export function ClaimDate(props: { claim: Pick<ClaimSummary, 'saidOn' | 'datePrecision'>; compact?: boolean }) {
  return (
    <time datetime={props.claim.saidOn} title={props.compact ? undefined : describePrecision(props.claim.datePrecision)}>
      {formatClaimDate(props.claim.saidOn, props.claim.datePrecision)}
    </time>
  );
}

/**
 * The truth rating: named "Rating" and drawn as a square-cornered label, never like a quote
 * check (a line of text about the archived source) or a stance (a round badge with a symbol).
 * `why` links to the reason on the claim's page; `reason` gives it in place (one line).
 */
export function RatingBadge(props: { rating: ClaimSummary['rating']; why?: string; reason?: string }) {
  return (
    <span class="rating-line">
      <span class={`rating rating-${props.rating}`} data-rating={props.rating}>
        <span class="rating-name">Rating:</span> {RATING_LABELS[props.rating]}
      </span>
      {props.reason ? <span class="rating-reason"> — {props.reason}</span> : null}
      {props.why ? (
        <>
          {' — '}
          <a href={props.why} class="rating-why">
            why<span class="visually-hidden"> this rating</span>
          </a>
        </>
      ) : null}
    </span>
  );
}

/** Where a claim's page explains its rating. */
export const ratingReasonHref = (claimId: number) => `/claims/${claimId}#why-this-rating`;

/** The form; a quote known only in translation says so (ADR 027). */
export function FormLabel(props: { form: ClaimSummary['form']; inTranslation?: boolean }) {
  if (props.inTranslation && props.form === 'verbatim') return <span class="form-label">Quote (in translation)</span>;
  if (props.inTranslation && props.form === 'partial_quote') return <span class="form-label">Partial quote (in translation)</span>;
  return <span class="form-label">{FORM_LABELS[props.form]}</span>;
}
