/** Reading forms as a browser would submit them. */
import type { Page } from './app.js';

/** The fields a browser would send from the desk's record form on `page` (inputs, selects, textareas; no buttons). */
export function recordFormFields(page: Page): Record<string, string | string[]> {
  const fields: Record<string, string[]> = {};
  page.$('form.record-form').find('input[name], select[name], textarea[name]').each((_, el) => {
    const $el = page.$(el);
    const name = $el.attr('name')!;
    const value =
      el.tagName === 'textarea'
        ? $el.text()
        : el.tagName === 'select'
          ? ($el.find('option[selected]').attr('value') ?? $el.find('option').first().attr('value') ?? '')
          : ($el.attr('value') ?? '');
    (fields[name] ??= []).push(value);
  });
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}
