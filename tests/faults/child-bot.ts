/**
 * A bot process for the crash test, run with tsx: digests on the state database `argv[2]`,
 * posting to the fake platform at `argv[3]`, over the old incidents plus `argv[4]` (JSON list of
 * incident inputs). Prints "started" once up; the test kills it with SIGKILL mid-post.
 */
import { startDigests } from '../../src/digest/index.js';
import { IncidentSchema } from '../../src/core/incident-schema.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { OLD_INCIDENTS, testContext } from '../digest/fixtures.js';
import { createHttpPoster } from '../digest/fake-platform.js';

const [file, url, extra] = process.argv.slice(2);
const incidents = (JSON.parse(extra ?? '[]') as unknown[]).map((i) => IncidentSchema.parse(i));
const ctx = testContext([...OLD_INCIDENTS, ...incidents]);
await startDigests(ctx, [createHttpPoster(url!)], { store: new SqliteStateStore(file!), holder: 'crashing-process', leaseTtlMs: 60_000 });
process.stdout.write('started\n');
// Runs until killed.
setInterval(() => undefined, 60_000);
