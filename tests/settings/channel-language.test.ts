/**
 * A channel's language (`/breach langue fr`), stored in the state database, through the terminal
 * chat's real dispatch: what the words of a question leave open follows the channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHolder } from '../../src/core/core-holder.js';
import { ChannelLanguageHandler } from '../../src/settings/channel-language.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { answerLineWithHandlers } from '../../src/terminal/terminal-chat.js';
import { bundledCore } from '../slack/fixtures.js';
import { parseCommandText } from '../../commands/index.js';

const holder = new CoreHolder(bundledCore());
let store: SqliteStateStore | undefined;

afterEach(() => store?.close());

function chat() {
  store = new SqliteStateStore(':memory:');
  const handlers = [new ChannelLanguageHandler(store)];
  const session = {};
  return (line: string) => answerLineWithHandlers(line, holder, session, 'en', handlers);
}

describe('GIVEN a channel that chose French', () => {
  it('THEN a bare name and a command are answered in French, an English question in English', async () => {
    const say = chat();
    expect(await say('/breach inbenta')).toMatch(/^1 incident for “inbenta”/);
    expect(await say('/breach langue fr')).toMatch(/^C'est fait\u202f: les réponses de ce canal sont désormais en français/);
    expect(await say('/breach inbenta')).toMatch(/^1 incident pour «\u202finbenta\u202f»/);
    expect(await say('/breach latest')).toMatch(/^Les incidents les plus récents/);
    expect(await say('/breach what leaked at inbenta')).toMatch(/^1 incident for “/);
    expect(await say('/breach lang')).toMatch(/^Les réponses de ce canal sont en français/);
  });

  it('THEN "auto" clears the choice and the default answers again', async () => {
    const say = chat();
    await say('/breach lang fr');
    // Said in the channel's language of the moment: the words "lang auto" do not tell.
    expect(await say('/breach lang auto')).toMatch(/^C'est fait\u202f: ce canal n'a plus de langue choisie/);
    expect(await say('/breach inbenta')).toMatch(/^1 incident for “inbenta”/);
  });
});

describe('GIVEN the words after lang', () => {
  it('THEN only a language value makes it the command; anything else is a search', () => {
    expect(parseCommandText('langue fr')).toEqual({ command: 'lang', action: 'set', lang: 'fr' });
    expect(parseCommandText('lang English')).toEqual({ command: 'lang', action: 'set', lang: 'en' });
    expect(parseCommandText('langue')).toEqual({ command: 'lang', action: 'show' });
    expect(parseCommandText('lang auto')).toEqual({ command: 'lang', action: 'set', lang: null });
    expect(parseCommandText('langue des signes')).toMatchObject({ command: 'search' });
  });
});

describe('GIVEN a member who is not a channel admin', () => {
  it('THEN they may read the setting but not change it', async () => {
    store = new SqliteStateStore(':memory:');
    const handler = new ChannelLanguageHandler(store);
    const who = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', isAdmin: false, language: 'fr' as const };
    const refused = await handler.handle({ command: 'lang', action: 'set', lang: 'en' }, who);
    expect(refused).toMatchObject({ kind: 'message', tone: 'error' });
    expect(await handler.channelLanguage({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })).toBeUndefined();
    expect(await handler.handle({ command: 'lang', action: 'show' }, who)).toMatchObject({ tone: 'info' });
  });
});
