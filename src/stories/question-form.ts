/**
 * The question form: a contested point of a story, phrased as a proposition a party can assert
 * or deny, with a short label for the matrix, a slug (derived from the short label when left
 * empty; unique within the story) and a position (the order questions are listed in).
 */
import { one, type FormData } from '../http/form.js';
import { checkInteger, checkSlug, checkText, type FieldErrors } from '../lib/fields.js';

export type QuestionFormValues = { slug: string; proposition: string; shortLabel: string; position: string; comment: string };

export type QuestionInput = { slug: string; proposition: string; shortLabel: string; position: number };

const QUESTION_LIMITS = { proposition: 1000, shortLabel: 120, position: 9999 };

export function emptyQuestionForm(nextPosition: number): QuestionFormValues {
  return { slug: '', proposition: '', shortLabel: '', position: String(nextPosition), comment: '' };
}

export function readQuestionForm(form: FormData): QuestionFormValues {
  return {
    slug: one(form, 'slug'),
    proposition: one(form, 'proposition'),
    shortLabel: one(form, 'short_label'),
    position: one(form, 'position'),
    comment: one(form, 'comment'),
  };
}

export function validateQuestion(values: QuestionFormValues): { input: QuestionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const proposition = checkText(errors, 'proposition', values.proposition, {
    label: 'proposition',
    required: true,
    max: QUESTION_LIMITS.proposition,
    singleLine: true,
  });
  const shortLabel = checkText(errors, 'short_label', values.shortLabel, {
    label: 'short label',
    required: true,
    max: QUESTION_LIMITS.shortLabel,
    singleLine: true,
  });
  const slug = checkSlug(errors, 'slug', values.slug, shortLabel, 'short label');
  const position = checkInteger(errors, 'position', values.position, { label: 'position', min: 0, max: QUESTION_LIMITS.position });
  return { input: { slug, proposition, shortLabel, position }, errors };
}
