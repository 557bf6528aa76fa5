/**
 * The heavy work runs in a worker thread: the catalog read, validated and indexed there comes
 * back as a core answering exactly as one built on the main thread; a failing task is an error
 * naming the task, never a hang.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCore } from '../../src/core/build-core.js';
import { buildCoreOffLoop } from '../../src/worker/off-loop.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

describe('GIVEN a data folder with two incidents and a broken file', { timeout: 120_000 }, () => {
  const dir = tempDataDir();
  writeFileSync(join(dir, 'incidents', 'orange-2014-04.json'), JSON.stringify({ ...seedRecord('orange-2014-04'), related: [] }));
  writeFileSync(join(dir, 'incidents', 'ticketmaster.json'), JSON.stringify({ ...seedRecord('ticketmaster-inbenta-2018'), related: [] }));
  writeFileSync(join(dir, 'incidents', 'broken.json'), '{ "id": ');

  it('THEN the core built in a worker answers as the one built here, with the same problems', async () => {
    const here = buildCore(dir);
    const there = await buildCoreOffLoop(dir);
    expect(there.core.size).toBe(2);
    expect(there.problems).toEqual(here.problems);
    for (const query of ['orange', 'inbenta', 'ticket master', 'passwords']) {
      expect(there.core.execute({ command: 'search', query })).toEqual(here.core.execute({ command: 'search', query }));
    }
    expect(there.core.complete('tick')).toEqual(here.core.complete('tick'));
  });

  it('THEN a task that does not exist is refused by name', async () => {
    await expect(runTask('no-such-task' as 'build-core', { dataDir: dir })).rejects.toThrow(/no-such-task: no task named "no-such-task"/);
  });
});
