/**
 * The numbering invariant, checked from per-key aggregates the stores compute in SQL: for every
 * counter key the stored serials are exactly 1..last_serial (no hole, no duplicate), and the
 * counter row agrees with the documents.
 */
export interface CounterAggregate {
  readonly counterKey: string;
  /** counters.last_serial, or null when documents use a key that has no counter row. */
  readonly lastSerial: number | null;
  readonly maxSerial: number | null;
  readonly documents: number;
  readonly distinctSerials: number;
  readonly minSerial: number | null;
  readonly maxUsedSerial: number | null;
}

export function counterProblems(rows: Iterable<CounterAggregate>): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const k = `counter key ${r.counterKey}`;
    if (r.lastSerial === null) {
      problems.push(`${k}: ${r.documents} document(s) but no counter row`);
      continue;
    }
    if (r.distinctSerials !== r.documents) problems.push(`${k}: ${r.documents - r.distinctSerials} duplicate serial(s)`);
    if (r.documents > 0 && r.minSerial !== 1) problems.push(`${k}: serials start at ${r.minSerial}, not 1`);
    if ((r.maxUsedSerial ?? 0) !== r.lastSerial)
      problems.push(`${k}: counter says last serial ${r.lastSerial}, documents go up to ${r.maxUsedSerial ?? 0}`);
    else if (r.distinctSerials !== r.lastSerial)
      problems.push(`${k}: ${r.lastSerial - r.distinctSerials} serial(s) missing between 1 and ${r.lastSerial}`);
    if (r.maxSerial !== null && r.lastSerial > r.maxSerial) problems.push(`${k}: last serial ${r.lastSerial} is above the maximum ${r.maxSerial}`);
  }
  return problems;
}
