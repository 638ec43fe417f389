/** Groups rows fetched for many parents into one list per parent id, keeping row order. */
export function groupBy<TRow, TValue>(rows: readonly TRow[], keyOf: (row: TRow) => number, valueOf: (row: TRow) => TValue): Map<number, TValue[]> {
  const groups = new Map<number, TValue[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row)) ?? [];
    group.push(valueOf(row));
    groups.set(keyOf(row), group);
  }
  return groups;
}
