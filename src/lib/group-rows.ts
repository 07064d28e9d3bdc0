/**
 * Rows read for several owners at once (a page's claims, parties), handed back per owner: grouped
 * by one column, each group in the rows' order, the column left out of the rows it groups.
 */
export function groupRowsBy<Row extends object, Column extends keyof Row>(rows: Row[], column: Column): Map<Row[Column], Omit<Row, Column>[]> {
  const groups = new Map<Row[Column], Omit<Row, Column>[]>();
  for (const { [column]: owner, ...rest } of rows) {
    const group = groups.get(owner);
    if (group) group.push(rest);
    else groups.set(owner, [rest]);
  }
  return groups;
}
