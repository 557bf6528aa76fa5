/** A command typed wrongly (a bad option, a missing argument): one line on stderr, exit 2. */
export class UsageFailure extends Error {}

/** Where a command writes: its answer, and what goes to stderr. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
