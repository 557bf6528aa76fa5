/**
 * The app manifest: generated from commands/, committed up to date, asking for exactly the
 * scopes the adapter's code uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { BOT_EVENTS, buildSlackManifest } from '../../src/slack/manifest.js';
import { MANIFEST_PATH, manifestText } from '../../src/slack/write-manifest.js';

type Manifest = {
  features: { slash_commands: { command: string; usage_hint: string; should_escape: boolean; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean; request_url?: string }; event_subscriptions: { bot_events: string[]; request_url?: string } };
};

const SRC = resolve(import.meta.dirname, '../../src/slack');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []));
}

/** The scope each Web API method the adapter may call needs (docs.slack.dev, method pages). */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'users.info': ['users:read'],
  // The stats chart: files.getUploadURLExternal, the upload, files.completeUploadExternal.
  filesUploadV2: ['files:write'],
  // Reconciling a post whose outcome is unknown: public and private channels.
  'conversations.history': ['channels:history', 'groups:history'],
};

describe('GIVEN the command definitions', () => {
  it('THEN commands/slack-manifest.json is what npm run slack:manifest writes (run it after changing commands/)', () => {
    expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestText());
  });

  it('THEN /breach is the slash command, its hint lists every command, and its text arrives unescaped', () => {
    const m = buildSlackManifest() as Manifest;
    expect(m.features.slash_commands).toHaveLength(1);
    const command = m.features.slash_commands[0]!;
    expect(command.command).toBe('/breach');
    expect(command.should_escape).toBe(false);
    for (const c of COMMANDS.filter((c) => c.name !== 'search')) expect(command.usage_hint).toContain(c.name);
  });

  it('THEN the scopes are exactly those the code uses: API methods called, the slash command, the events', () => {
    const code = sources(SRC).join('\n');
    const called = [...code.matchAll(/client\.(?:(chat|users|conversations|reactions|files|views)\.(\w+)|(filesUploadV2))\(/g)].map((m) => m[3] ?? `${m[1]}.${m[2]}`);
    expect(called.length).toBeGreaterThan(0);
    for (const method of called) expect(METHOD_SCOPES[method], `scope of ${method}`).toBeDefined();
    const needed = new Set([...called.flatMap((m) => METHOD_SCOPES[m]!), 'commands', ...BOT_EVENTS.map((e) => (e === 'app_mention' ? 'app_mentions:read' : e))]);
    expect((buildSlackManifest() as Manifest).oauth_config.scopes.bot.sort()).toEqual([...needed].sort());
  });

  it('THEN the default is Socket Mode with interactivity and the mention event, no public URL', () => {
    const m = buildSlackManifest() as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity).toEqual({ is_enabled: true });
    expect(m.settings.event_subscriptions).toEqual({ bot_events: ['app_mention'] });
    expect(JSON.stringify(m)).not.toContain('request_url');
  });

  it('THEN the HTTP variant points the command, events and buttons at /slack/events', () => {
    const m = buildSlackManifest({ httpUrl: 'https://bot.example.com/' }) as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.features.slash_commands[0]!.url).toBe('https://bot.example.com/slack/events');
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
    expect(m.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
  });
});
