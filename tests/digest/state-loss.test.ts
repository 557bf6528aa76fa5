/**
 * State loss is loud: a state database missing since the last run, or deleted while the bot
 * runs, is logged as an error and shown first in `/breach status`, in the asker's language.
 */
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MessageAnswer } from '../../src/core/answer.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, testContext, until } from './fixtures.js';
import { featureText } from '../../src/render/feature-words.js';
import { TEXT_SPELLING } from '../../src/render/command-spelling.js';

const dir = mkdtempSync(join(tmpdir(), 'breachbot-state-loss-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let digests: Digests | undefined;
afterEach(async () => {
  await digests?.service.stop();
  digests = undefined;
});

/** The error lines of the JSON-line log whose message starts with `prefix`. */
const errors = (lines: readonly string[], prefix: string) =>
  lines.map((l) => JSON.parse(l) as { level: string; msg: string }).filter((l) => l.level === 'error' && l.msg.startsWith(prefix));

const status = async (d: Digests, language: 'en' | 'fr' = 'en') => featureText((await d.handler.handle({ command: 'status' }, conversation('C', { language }))) as MessageAnswer, language, TEXT_SPELLING).text;

describe('GIVEN a bot whose state database goes missing', () => {
  it('WHEN the file was deleted between two runs THEN start-up logs an error and /breach status warns, in English and French', async () => {
    const file = join(dir, 'between.sqlite');
    let ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(file) });
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation('C'));
    expect(await status(digests)).not.toMatch(/Warning/);
    await digests.service.stop();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);

    ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(file) });
    expect(errors(ctx.lines, 'state missing: ')).toHaveLength(1);
    expect(await status(digests)).toMatch(/^⚠ Warning: the bot's saved state was missing when it started .* Tell whoever runs the bot\./);
    expect(await status(digests, 'fr')).toMatch(/^⚠ Attention\u202f: l'état enregistré du bot manquait à son démarrage et a été recréé vide\u202f: abonnements/);
  });

  it('WHEN the file is deleted while the bot runs THEN the next check logs it once and /breach status warns', async () => {
    const file = join(dir, 'running.sqlite');
    const ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(file), healthCheckMs: 20 });
    expect(errors(ctx.lines, '')).toEqual([]);
    unlinkSync(file);
    await until(() => errors(ctx.lines, 'state deleted: ').length > 0, 'deletion logged');
    await new Promise((r) => setTimeout(r, 100));
    expect(errors(ctx.lines, 'state deleted: ')).toHaveLength(1);
    expect(await status(digests)).toMatch(/^⚠ Warning: the bot's saved state was deleted while it runs/);
  });
});
