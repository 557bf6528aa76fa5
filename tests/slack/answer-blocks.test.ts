/**
 * The Block Kit renderer, by equality on the answers users see most and by Slack's schema on
 * every kind of answer, in English and French.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { answerToBlocks, askedUsageToBlocks, usageToBlocks } from '../../src/slack/answer-blocks.js';
import { parseAsked } from '../../src/slack/dispatch.js';
import { decodeState } from '../../src/slack/button-state.js';
import { answerToMessages } from '../../src/slack/message-split.js';
import { blockKitProblems, buttons, unsafeMarkup } from './block-kit-check.js';
import { bundledCore } from './fixtures.js';

const core = bundledCore();

describe('GIVEN /breach inbenta', () => {
  it('THEN the answer is the heading, Ticketmaster with its facts and a Details button, and Post to channel', () => {
    const message = answerToBlocks(core.execute({ command: 'search', query: 'inbenta' }), 'en');
    expect(message).toEqual({
      text: '1 incident for “inbenta” — Ticketmaster UK: malware on Inbenta\'s customer-support product may have exposed customers\' payment and login data',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*1 incident for “inbenta”*', verbatim: true } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            verbatim: true,
            text: [
              "*1. Ticketmaster UK: malware on Inbenta's customer-support product may have exposed customers' payment and login data*  `ticketmaster-inbenta-2018`",
              '_Ticketmaster — United Kingdom · online ticketing_',
              '*When:* happened from September 2017 to 23 June 2018 · discovered on 23 June 2018 · disclosed on 27 June 2018',
              '*How many:* not stated',
              '*Data:* possibly exposed: names, postal addresses, email addresses, phone numbers, payment information, account login details',
              '*Vendor:* Inbenta Technologies (external third-party supplier of a hosted customer-support product (a chatbot))',
              '*Matched on:* vendor “Inbenta Technologies”, vendor “Inbenta”, title',
              '*Sources:* Le géant de la billetterie en ligne a signalé que les données de ses clients, y compris bancaires, pouvaient avoir été compromises (June 2018)',
            ].join('\n'),
          },
          accessory: {
            type: 'button',
            text: { type: 'plain_text', text: 'Details', emoji: true },
            action_id: 'breach_run:show:0',
            value: JSON.stringify({ r: { command: 'show', id: 'ticketmaster-inbenta-2018' }, l: 'en', b: { command: 'search', query: 'inbenta', page: 1 } }),
          },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Post to channel', emoji: true },
              action_id: 'breach_post',
              value: JSON.stringify({ r: { command: 'search', query: 'inbenta', page: 1 }, l: 'en' }),
            },
          ],
        },
      ],
    });
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('THEN in a channel (a mention reply) there is no Post to channel button, and a share credits the user', () => {
    const answer = core.execute({ command: 'search', query: 'inbenta' });
    const reply = answerToBlocks(answer, 'en', { surface: 'channel' });
    expect(buttons(reply.blocks).map((b) => b.action_id)).toEqual(['breach_run:show:0']);
    const shared = answerToBlocks(answer, 'en', { surface: 'channel', sharedBy: 'U0ASKER' });
    expect(shared.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U0ASKER> with /breach', verbatim: true }] });
    // Only a real Slack user id is ever written as a mention.
    const forged = answerToBlocks(answer, 'en', { surface: 'channel', sharedBy: '!channel' });
    expect(JSON.stringify(forged)).not.toContain('Shared by');
  });
});

describe('GIVEN a question in French', () => {
  it('THEN labels, dates and counts are French', () => {
    const message = answerToBlocks(core.execute({ command: 'search', query: 'fuite chez inbenta' }), 'fr');
    const text = (message.blocks[1] as { text: { text: string } }).text.text;
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe('*1 incident pour «\u202ffuite chez inbenta\u202f»*');
    expect(text).toContain('*Quand\u202f:* survenu de septembre 2017 au 23 juin 2018 · découvert le 23 juin 2018 · révélé le 27 juin 2018');
    expect(text).toContain('*Combien\u202f:* non précisé');
    expect(text).toContain('*Prestataire\u202f:* Inbenta Technologies');
    expect(buttons(message.blocks).map((b) => b.text.text)).toEqual(['Détails', 'Publier dans le canal']);
  });
});

describe('GIVEN more results than a page', () => {
  it('THEN page 1 has Next (to page 2) and no Previous; the last page has Previous only', () => {
    const first = core.execute({ command: 'latest' });
    expect(first.kind === 'results' && first.page.count).toBeGreaterThan(1);
    const nav1 = buttons(answerToBlocks(first, 'en').blocks).filter((b) => /prev|next/.test(b.action_id));
    expect(nav1.map((b) => [b.action_id, b.text.text])).toEqual([['breach_run:next', 'Next']]);
    const total = first.kind === 'results' ? first.total : -1;
    // The count it showed travels along, so a later click can tell when the catalog changed.
    expect(decodeState(nav1[0]!.value)).toEqual({ r: { command: 'latest', page: 2 }, l: 'en', t: total });

    const last = core.execute({ command: 'latest', page: 2 });
    const nav2 = buttons(answerToBlocks(last, 'en').blocks).filter((b) => /prev|next/.test(b.action_id));
    expect(nav2.map((b) => [b.action_id, b.text.text])).toEqual([['breach_run:prev', 'Previous']]);
    expect(decodeState(nav2[0]!.value)).toEqual({ r: { command: 'latest', page: 1 }, l: 'en', t: total });
  });

  it('THEN numbering continues on page 2', () => {
    const page2 = answerToBlocks(core.execute({ command: 'latest', page: 2 }), 'en');
    expect((page2.blocks[1] as { text: { text: string } }).text.text).toMatch(/^\*6\. /);
  });
});

describe('GIVEN the other kinds of answer', () => {
  const answers: [string, Answer][] = [
    ['results', core.execute({ command: 'search', query: 'orange' })],
    ['no-results', core.execute({ command: 'search', query: 'zzzqqq' })],
    ['incident', core.execute({ command: 'show', id: 'orange-2014-04' })],
    ['not-found', core.execute({ command: 'show', id: 'orange' })],
    ['stats', core.execute({ command: 'stats' })],
    ['help', core.execute({ command: 'help' })],
    ['error', core.execute({ command: 'search', query: 'x'.repeat(500) })],
    ['message', { kind: 'message', tone: 'success', outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' }, incidents: [core.incident('orange-2014-04')!] }],
  ];
  for (const [kind, answer] of answers) {
    for (const lang of ['en', 'fr'] as const) {
      it(`THEN ${kind} (${lang}) passes Slack's schema and limits, ephemeral and in a channel, with no unsafe markup`, () => {
        for (const message of [answerToBlocks(answer, lang), answerToBlocks(answer, lang, { surface: 'channel' }), ...answerToMessages(answer, lang)]) {
          expect(blockKitProblems(message)).toEqual([]);
          expect(unsafeMarkup(message)).toEqual([]);
        }
      });
    }
  }

  it('THEN no-results offers the suggested names as buttons that search them', () => {
    const message = answerToBlocks(core.execute({ command: 'search', query: 'zzzqqq' }), 'en');
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe('No incident matches “zzzqqq”. Nothing in the catalog holds “zzzqqq”, even with a typo.\nDid you mean:');
    const suggestions = buttons(message.blocks).filter((b) => b.action_id.startsWith('breach_run:suggest'));
    expect(suggestions[0]!.text.text).toBe('Orange');
    expect(decodeState(suggestions[0]!.value)?.r).toEqual({ command: 'search', query: 'Orange' });
  });

  it('THEN not-found lists the close ids, each a button that shows it', () => {
    const message = answerToBlocks(core.execute({ command: 'show', id: 'orange' }), 'en');
    const shown = buttons(message.blocks).map((b) => [b.text.text, decodeState(b.value)?.r]);
    expect(shown).toEqual([
      ['orange-2014-04', { command: 'show', id: 'orange-2014-04' }],
      ['orange-2014-02', { command: 'show', id: 'orange-2014-02' }],
    ]);
  });

  it('THEN the detail view has Back when opened from a list, and the core error is the core message', () => {
    const detail = answerToBlocks(core.execute({ command: 'show', id: 'orange-2014-04' }), 'en', { back: { command: 'search', query: 'orange', page: 1 } });
    expect(buttons(detail.blocks).map((b) => b.text.text)).toEqual(['Back', 'Post to channel']);
    const error = answerToBlocks(core.execute({ command: 'search', query: 'x'.repeat(500) }), 'en');
    expect(error.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: ':warning: Your query is 500 characters long; the limit is 200. Please shorten it.', verbatim: true } }]);
  });

  it('THEN a usage error with a detail says it first, escaped, and in the notification text', () => {
    const message = usageToBlocks({ en: '/breach watch add <name>', fr: '/breach watch add <nom>' }, 'fr', { problem: { kind: 'unknown-action', word: '<!channel>' }, examples: ['/breach watch add Inbenta'], withHelp: false });
    expect(message.blocks.map((b) => JSON.stringify(b))).toEqual([
      JSON.stringify({ type: 'section', text: { type: 'mrkdwn', text: ':warning: action inconnue\u202f: «\u202f&lt;!channel&gt;\u202f»', verbatim: true } }),
      JSON.stringify({ type: 'section', text: { type: 'mrkdwn', text: '*Utilisation\u202f:* `/breach watch add &lt;nom&gt;`', verbatim: true } }),
      JSON.stringify({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Exemples\u202f: `/breach watch add Inbenta`', verbatim: true }] }),
    ]);
    expect(message.text).toBe('action inconnue\u202f: «\u202f&lt;!channel&gt;\u202f» — Utilisation\u202f: /breach watch add &lt;nom&gt;');
    expect(blockKitProblems(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it("THEN a feature's message keeps its line breaks (a status has one setting per line), each line escaped", () => {
    const answer: Answer = { kind: 'message', tone: 'info', outcome: { kind: 'watch-list', names: ['<!channel>', 'Orange   Cyberdefense'] }, incidents: [] };
    const message = answerToBlocks(answer, 'en', { surface: 'channel' });
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe('This channel is alerted when a new incident names:\n• &lt;!channel&gt;\n• Orange Cyberdefense');
    expect(message.text).not.toContain('\n');
    expect(blockKitProblems(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('THEN a command typed wrong in French shows its usage with French placeholders', () => {
    const asked = parseAsked('résumé abonner 25:00', 'en');
    expect(asked).toMatchObject({ kind: 'usage', lang: 'fr' });
    const message = askedUsageToBlocks(asked as Extract<typeof asked, { kind: 'usage' }>, 'fr');
    expect((message.blocks[1] as { text: { text: string } }).text.text).toBe('*Utilisation\u202f:* `/breach digest subscribe [HH:MM] [fuseau] [filtres] | unsubscribe | status | preview`');
  });

  it('THEN a usage error shows the usage, escaped, then the help', () => {
    const message = usageToBlocks({ en: '/breach show <id>', fr: '/breach show <id>' }, 'en');
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe('*Usage:* `/breach show &lt;id&gt;`');
    expect(blockKitProblems(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });
});
