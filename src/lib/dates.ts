/**
 * Dates as readers see them. Claims carry an ISO day and a precision; the precision decides the
 * wording, so "reported by 5 March 2024" never reads as "said on 5 March 2024".
 */
import type { DATE_PRECISIONS } from '../../db/schema/story.js';

export type DatePrecision = (typeof DATE_PRECISIONS)[number];

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2024-03-05" → "5 March 2024". Returns the input unchanged if it is not an ISO day. */
export function formatDay(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const [, year, month, day] = match;
  const monthName = MONTHS[Number(month) - 1];
  return monthName ? `${Number(day)} ${monthName} ${year}` : isoDay;
}

export function formatClaimDate(isoDay: string, precision: DatePrecision): string {
  const day = formatDay(isoDay);
  switch (precision) {
    case 'day':
      return day;
    case 'approximate':
      return `about ${day}`;
    case 'reported_by':
      return `reported ${day}`;
  }
}

/** A sentence for screen readers and titles: how sure we are of the date. */
export function describePrecision(precision: DatePrecision): string {
  switch (precision) {
    case 'day':
      return 'Said on this day.';
    case 'approximate':
      return 'Date approximate: worked out from the report’s wording.';
    case 'reported_by':
      return 'Said on or before this date: only the date of the report is known.';
  }
}

/** The current instant as the ISO timestamp every `…At` column stores. */
export function now(): string {
  return new Date().toISOString();
}

/** How long since `fromIso`, in the largest whole unit that reads well: "5 minutes", "3 hours", "2 days". */
export function timeWaited(fromIso: string, nowMs = Date.now()): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return unit(minutes, 'minute');
  if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), 'hour');
  return unit(Math.floor(minutes / (24 * 60)), 'day');
}
