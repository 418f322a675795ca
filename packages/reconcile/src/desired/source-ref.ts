/**
 * Where a piece of desired state came from, so that every finding can name the row a person has to fix.
 */
export interface SourceRef {
  /** The source, e.g. `access.csv`, `sql:access_users`, `anaplan-export:Users Access`. */
  source: string;
  /** 1-based row number within that source (for a CSV: the line of the record, the header being line 1). */
  row: number;
}
