/**
 * Pages of a long list. Public pages show a bounded slice of what they list, with a count and
 * links to the rest, so a page costs the same however large the newsroom grows.
 */
export type Paged<T> = {
  items: T[];
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
};

/** The slice of `total` rows that page `page` of `pageSize` shows, for a LIMIT/OFFSET query. */
export function pageWindow(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export function paged<T>(items: T[], page: number, pageSize: number, total: number): Paged<T> {
  return { items, page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * The `page` query parameter: absent means 1; anything but a positive whole number names no
 * page (the route answers 404, as for an unknown address). Bounded so OFFSET stays sane.
 */
export function parsePageNumber(value: string | undefined): number | undefined {
  if (value === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return undefined;
  return Number(value);
}
