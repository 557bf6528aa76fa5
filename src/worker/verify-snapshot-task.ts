/**
 * The `verify-snapshot` task: hashes the catalog snapshot's sections as they are on disk and
 * compares each with its digest, on a thread of its own while the main thread decodes the same
 * snapshot, so checking every byte adds nothing to the time to the first answer.
 */
import { verifySnapshot, type SnapshotCheck } from '../core/catalog-snapshot.js';
import type { TaskResult } from './task-result.js';

export async function verifySnapshotTask(input: SnapshotCheck): Promise<TaskResult<{ readonly failed?: string }>> {
  const failed = await verifySnapshot(input);
  return { result: failed === undefined ? {} : { failed } };
}
