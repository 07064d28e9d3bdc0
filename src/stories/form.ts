/**
 * The story form: its values as typed, and their validation into a StoryInput with a message per
 * field (a slug, derived from the title when left empty; a title; a Markdown summary; the day the
 * story starts and, optionally, ends — not before it starts). Only these fields are read.
 */
import { textFields, type FormData } from '../http/form.js';
import { checkDay, checkSlug, checkText, type FieldErrors } from '../lib/fields.js';

export type StoryFormValues = { slug: string; title: string; summaryMd: string; startsOn: string; endsOn: string; comment: string };

export type StoryInput = { slug: string; title: string; summaryMd: string; startsOn: string; endsOn: string | null };

const STORY_LIMITS = { title: 300, summary: 20000 };

export function emptyStoryForm(): StoryFormValues {
  return { slug: '', title: '', summaryMd: '', startsOn: '', endsOn: '', comment: '' };
}

export function readStoryForm(form: FormData): StoryFormValues {
  return textFields(form, ['slug', 'title', 'summaryMd', 'startsOn', 'endsOn', 'comment']);
}

export function validateStory(values: StoryFormValues): { input: StoryInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = checkText(errors, 'title', values.title, { label: 'title', required: true, max: STORY_LIMITS.title, singleLine: true });
  const slug = checkSlug(errors, 'slug', values.slug, title, 'title');
  const summaryMd = checkText(errors, 'summary_md', values.summaryMd, { label: 'summary', required: true, max: STORY_LIMITS.summary });
  const startsOn = checkDay(errors, 'starts_on', values.startsOn, { label: 'day the story starts', required: true });
  const endsOn = checkDay(errors, 'ends_on', values.endsOn, { label: 'day the story ends' });
  if (startsOn && endsOn && endsOn < startsOn) {
    errors.ends_on = `The story cannot end (${endsOn}) before it starts (${startsOn}).`;
  }
  return { input: { slug, title, summaryMd, startsOn: startsOn ?? '', endsOn }, errors };
}
