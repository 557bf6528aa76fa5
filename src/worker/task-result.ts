/** What a task gives back: its result, and the buffers to move (not copy) with it. */
export interface TaskResult<T> {
  readonly result: T;
  readonly transfer?: ArrayBuffer[];
}
