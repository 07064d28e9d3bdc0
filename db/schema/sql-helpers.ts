/** SQL fragments both schema files use in CHECK constraints and defaults. */
import { sql } from 'drizzle-orm';

/** `col IN ('a','b')` for a CHECK constraint; values are our own constants, never user input. */
export function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

/** The current time as stored everywhere: ISO 8601 in UTC with milliseconds. */
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
