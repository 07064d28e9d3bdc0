/**
 * Selecting some of a table's columns by name, for the queries that read a table's own fields
 * as they are: `db.select(columnsOf(t.partyRoles, ['title', 'status']))` rather than spelling
 * `title: t.partyRoles.title` for each.
 */
import { getTableColumns, type Table } from 'drizzle-orm';

// NoInfer: inside db.select(…) TypeScript would otherwise take K from select's wider parameter (every column).
export function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, names: readonly K[]): Pick<T['_']['columns'], NoInfer<K>> {
  const columns = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<T['_']['columns'], K>;
}
