/**
 * The newsroom's words for the model's values, in one place so every page says the same thing.
 */
import type * as t from '../../db/schema/story.js';

type Of<T extends readonly string[]> = T[number];

export const STANCE_LABELS: Record<Of<typeof t.STANCE_POSITIONS>, { text: string; symbol: string }> = {
  asserts: { text: 'Asserts', symbol: '✔' },
  denies: { text: 'Denies', symbol: '✘' },
  qualifies: { text: 'Qualifies', symbol: '≈' },
  declines: { text: 'Declines to say', symbol: '—' },
};

export const FORM_LABELS: Record<Of<typeof t.CLAIM_FORMS>, string> = {
  verbatim: 'Verbatim quote',
  partial_quote: 'Partial quote',
  paraphrase: 'Paraphrase',
  declined: 'Declined to comment',
};

export const TYPE_LABELS: Record<Of<typeof t.CLAIM_TYPES>, string> = {
  factual: 'Factual assertion',
  opinion: 'Opinion',
  prediction: 'Prediction',
  characterisation: 'Characterisation',
};

export const RATING_LABELS: Record<Of<typeof t.RATINGS>, string> = {
  confirmed: 'Confirmed',
  partly_supported: 'Partly supported',
  unverified: 'Unverified',
  disputed: 'Disputed',
  false: 'False',
  not_applicable: 'Not checkable',
};

export const SOURCE_KIND_LABELS: Record<Of<typeof t.SOURCE_KINDS>, string> = {
  primary_record: 'Primary record',
  interview: 'Interview',
  official_statement: 'Official statement',
  leaked_material: 'Leaked material',
  news_report: 'News report',
  state_media: 'State-controlled media',
};

export const CITATION_ROLE_LABELS: Record<Of<typeof t.CITATION_ROLES>, string> = {
  original_venue: 'Where it was said',
  reports: 'Reports it',
  corroborates: 'Corroborates',
  contradicts: 'Contradicts',
};

export const PARTY_KIND_LABELS: Record<Of<typeof t.PARTY_KINDS>, string> = {
  person: 'Person',
  office: 'Office',
  organisation: 'Organisation',
  outlet: 'Outlet',
};
