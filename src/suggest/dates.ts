/**
 * When something was said, from the words around it: an explicit day ("3 March", "June 3,
 * 2023"), a weekday, "yesterday", "three days ago", "last week" or "last month", each resolved
 * against the day the article was published. A future day ("next Tuesday") is never a date of
 * speech. Vague expressions give an approximate date.
 */

export type DatePrecision = 'day' | 'approximate' | 'reported_by';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1,
};

interface DateRule {
  pattern: RegExp;
  resolve: (m: RegExpExecArray, published: Date) => { date: Date; precision: DatePrecision } | null;
}

function parseDay(iso: string): Date {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function numberWord(s: string): number {
  return NUMBER_WORDS[s.toLowerCase()] ?? Number(s);
}

/** A month-day date on or before the publication day (the year before if it would be later). */
function pastDate(published: Date, month: number, day: number, year?: number): Date {
  const date = new Date(Date.UTC(year ?? published.getUTCFullYear(), month, day));
  return year === undefined && date > published ? new Date(Date.UTC(published.getUTCFullYear() - 1, month, day)) : date;
}

const MONTH_NAMES = MONTHS.join('|');
const DATE_RULES: DateRule[] = [
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, p) => ({
      date: pastDate(p, MONTHS.indexOf(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : undefined),
      precision: 'day',
    }),
  },
  {
    pattern: new RegExp(`\\b(${MONTH_NAMES})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, p) => ({
      date: pastDate(p, MONTHS.indexOf(m[1] ?? ''), Number(m[2]), m[3] ? Number(m[3]) : undefined),
      precision: 'day',
    }),
  },
  {
    pattern: /\b([Nn]ext |[Uu]ntil |[Bb]y |[Bb]efore |[Tt]his coming )?([Ll]ast )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/,
    resolve: (m, p) => {
      if (m[1]) return null; // a future day is not when anything was said
      const back = (p.getUTCDay() - WEEKDAYS.indexOf(m[3] ?? '') + 7) % 7;
      return { date: addDays(p, m[2] && back === 0 ? -7 : -back), precision: 'day' };
    },
  },
  // Lower case (or opening a sentence) only: "the Today programme" is a name, not a date.
  {
    pattern: /\b(?:yesterday|last night|overnight)\b|^Yesterday\b/,
    resolve: (_m, p) => ({ date: addDays(p, -1), precision: 'day' }),
  },
  {
    pattern: /\b(?:today|tonight|this (?:morning|afternoon|evening))\b|^(?:Today|Tonight|This (?:morning|afternoon|evening)),/,
    resolve: (_m, p) => ({ date: p, precision: 'day' }),
  },
  {
    pattern: /\b(one|two|three|four|five|six|seven|\d+) days ago\b/i,
    resolve: (m, p) => ({ date: addDays(p, -numberWord(m[1] ?? '0')), precision: 'day' }),
  },
  { pattern: /\blast week\b/i, resolve: (_m, p) => ({ date: addDays(p, -7), precision: 'approximate' }) },
  { pattern: /\ba fortnight ago\b/i, resolve: (_m, p) => ({ date: addDays(p, -14), precision: 'approximate' }) },
  {
    pattern: /\b(a|an|one|two|three|four|five|six|\d+) weeks? ago\b/i,
    resolve: (m, p) => ({ date: addDays(p, -7 * numberWord(m[1] ?? '0')), precision: 'approximate' }),
  },
  {
    pattern: /\b(?:last month|(a|one|two|three|\d+) months? ago)\b/i,
    resolve: (m, p) => {
      const months = m[1] ? numberWord(m[1]) : 1;
      const date = new Date(Date.UTC(p.getUTCFullYear(), p.getUTCMonth() - months, p.getUTCDate()));
      return { date, precision: 'approximate' };
    },
  },
];

/** The earliest date expression in a text, resolved against the publication day. */
export function findDate(text: string, publishedOn: string): { saidOn: string; datePrecision: DatePrecision } | null {
  const published = parseDay(publishedOn);
  let best: { at: number; saidOn: string; datePrecision: DatePrecision } | null = null;
  for (const rule of DATE_RULES) {
    const m = rule.pattern.exec(text);
    if (!m || (best && best.at <= m.index)) continue;
    const resolved = rule.resolve(m, published);
    if (resolved) best = { at: m.index, saidOn: formatDay(resolved.date), datePrecision: resolved.precision };
  }
  return best && { saidOn: best.saidOn, datePrecision: best.datePrecision };
}
