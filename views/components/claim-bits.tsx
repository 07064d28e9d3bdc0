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

export function ClaimDate(props: { claim: Pick<ClaimSummary, 'saidOn' | 'datePrecision'> }) {
  return (
    <time datetime={props.claim.saidOn} title={describePrecision(props.claim.datePrecision)}>
      {formatClaimDate(props.claim.saidOn, props.claim.datePrecision)}
    </time>
  );
}

export function RatingBadge(props: { rating: ClaimSummary['rating'] }) {
  return <span class={`rating rating-${props.rating}`}>{RATING_LABELS[props.rating]}</span>;
}

/** The form; a quote known only in translation says so (ADR 027). */
export function FormLabel(props: { form: ClaimSummary['form']; inTranslation?: boolean }) {
  if (props.inTranslation && props.form === 'verbatim') return <span class="form-label">Quote (in translation)</span>;
  if (props.inTranslation && props.form === 'partial_quote') return <span class="form-label">Partial quote (in translation)</span>;
  return <span class="form-label">{FORM_LABELS[props.form]}</span>;
}
