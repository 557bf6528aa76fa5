/**
 * Fault matrix: `kill -9` between post and record. A real child process posts the digest; the
 * platform stores the message and never answers; the process is killed. The next process on the
 * same database takes the channel over once the dead one's lease expires, finds the message by
 * its key instead of posting it again, and records it: the channel holds one message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { incident, incidentInput, OLD_INCIDENTS, testContext, until } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';
import { eventually } from './eventually.js';

let platform: FakePlatform;
let dir: string;
beforeAll(async () => {
  platform = await startFakePlatform();
  dir = mkdtempSync(join(tmpdir(), 'breachbot-crash-'));
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

const CH = { platform: 'fake', workspaceId: 'W1', channelId: 'K9' };

describe('GIVEN a digest being posted by a process that is killed (-9) after the platform stored it, before it was recorded', () => {
  it('THEN the next process finds the message by its key, records it, and the channel holds it once', async () => {
    const file = join(dir, 'state.sqlite');
    // Subscribed yesterday; today's 09:00 already passed: the child catches it up at start.
    const setup = new SqliteStateStore(file);
    const sub = await setup.subscribe(CH, { cron: '0 9 * * *', timeZone: 'Europe/Paris', language: 'en', filters: '', postEmpty: false }, 'U1', new Date(Date.now() - 2 * 86_400_000));
    await setup.recordRun(sub.id, { nextRunAt: new Date(Date.now() - 60_000) });
    await setup.close();
    const fresh = incidentInput('k9-one', { addedAt: new Date(Date.now() - 86_400_000).toISOString() });
    platform.script('K9', [{ status: 200, lose: 'hang' }]);

    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'child-bot.ts'), file, platform.url, JSON.stringify([fresh])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    await until(() => platform.accepted('K9').length === 1 || child.exitCode !== null, 'the child to post', 60_000);
    expect(stderr).toBe('');
    child.kill('SIGKILL');
    await exited;
    expect(platform.accepted('K9')).toHaveLength(1);

    // The next process: its clock is past the dead holder's lease (60 s).
    const ctx = testContext([...OLD_INCIDENTS, incident('k9-one', { addedAt: fresh.addedAt })]);
    const store = new SqliteStateStore(file);
    const later = () => new Date(Date.now() + 5 * 60_000);
    const next = await startDigests(ctx, [createHttpPoster(platform.url)], { store, holder: 'next-process', now: later, tickMs: 50 });
    await eventually(async () => (await store.deliveredIds(CH)).size === 1, 'the takeover to record it', 20_000);
    await next.service.stop();
    expect(platform.accepted('K9')).toHaveLength(1);
    expect(platform.accepted('K9')[0]!.incidentIds).toEqual(['k9-one']);
  });
});
