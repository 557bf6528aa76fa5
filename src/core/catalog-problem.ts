/** A problem found in a data file, and how it is written in logs and by `breachbot validate`. */
export interface CatalogProblem {
  /** File, relative to the data folder. */
  readonly file: string;
  /** Field path inside the file ("" for the file as a whole), e.g. "dates.disclosed" or "[12].id". */
  readonly path: string;
  readonly message: string;
}

export function formatProblem(p: CatalogProblem): string {
  return `${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`;
}
