/**
 * Hostile input, from the asker (an echoed query) or from the catalog (a record whose fields are
 * markup): the output is escaped, bounded, and can never ping anyone.
 */
import { describe, expect, it } from 'vitest';
import { answerToBlocks } from '../../src/slack/answer-blocks.js';
import { parseAsked, mentionText, slackTextToPlain } from '../../src/slack/dispatch.js';
import { answerToMessages } from '../../src/slack/message-split.js';
import { clip, escapeMrkdwn, link, plainSafe } from '../../src/slack/mrkdwn.js';
import { blockKitProblems, displayedTexts, unsafeMarkup } from './block-kit-check.js';
import { HOSTILE, bundledCore, coreOf, hostileIncident } from './fixtures.js';

describe('GIVEN the escaping helpers', () => {
  it('THEN &, < and > are escaped and broadcast words are defused', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123> > c @here')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123&gt; &gt; c @\u2060here');
    expect(plainSafe('<!here> @everyone')).toBe('‹!here› @\u2060everyone');
  });

  it('THEN clipping never leaves half an entity, half a surrogate pair or half a link', () => {
    expect(clip('ab &amp; cd', 6)).toBe('ab…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('see <https://a.example/x|a link> now', 20)).toBe('see…');
    expect(clip('short', 10)).toBe('short');
  });

  it('THEN links keep only http(s), encode what breaks the syntax, and give up on absurd URLs', () => {
    expect(link('https://a.example/?q=1&r=<x>|y', 'Title <b>', 50)).toBe('<https://a.example/?q=1&amp;r=%3Cx%3E%7Cy|Title &lt;b&gt;>');
    expect(link('javascript:alert(1)', 'x', 10)).toBe('x');
    expect(link(`https://a.example/${'p'.repeat(2000)}`, 'label', 10)).toBe('label');
  });
});

describe('GIVEN what Slack sends for a typed query', () => {
  it('THEN mentions and broadcasts are dropped, links keep their text, entities are decoded', () => {
    expect(slackTextToPlain('orange &amp; sfr <!channel> <@U123|boss> <#C1|security> <https://x.example|site>')).toBe('orange & sfr #security site');
    expect(mentionText('<@UBREACHBOT> what leaked at Orange?')).toBe('what leaked at Orange?');
    expect(mentionText('<@UBREACHBOT> /breach latest')).toBe('latest');
  });

  it('THEN a 10,000-character question is answered with the core\'s length error, not echoed', () => {
    const asked = parseAsked(`orange ${'a'.repeat(10_000)}`, 'en');
    expect(asked.kind).toBe('core');
    if (asked.kind !== 'core') return;
    const message = answerToBlocks(bundledCore().execute(asked.request), 'en');
    expect(blockKitProblems(message)).toEqual([]);
    expect(JSON.stringify(message).length).toBeLessThan(1000);
    expect(JSON.stringify(message)).toContain('the limit is 200');
  });
});

describe('GIVEN a hostile query the core accepts', () => {
  const core = bundledCore();
  const queries = ['<!channel> orange', '@here orange', '<@U123> orange', '*orange* _x_ ```y``` <https://evil.example|click>', `${'<!everyone> '.repeat(15)}`.slice(0, 190), 'orange &amp; <b>'];
  for (const query of queries) {
    it(`THEN the echo of ${JSON.stringify(query.slice(0, 40))} is escaped in every answer and every button`, () => {
      // What the user typed reaches the core literally (Slack sends it escaped; dispatch decodes it).
      const asked = parseAsked(escapeMrkdwn(query).replace(/\u2060/g, ''), 'en');
      expect(asked).toMatchObject({ kind: 'core', request: { command: 'search', query: query.trim() } });
      const answer = core.execute({ command: 'search', query });
      for (const message of [answerToBlocks(answer, 'en'), answerToBlocks(answer, 'fr', { surface: 'channel' })]) {
        expect(blockKitProblems(message)).toEqual([]);
        expect(unsafeMarkup(message)).toEqual([]);
      }
    });
  }

  it('THEN the heading shows the query escaped, as typed', () => {
    const message = answerToBlocks(core.execute({ command: 'search', query: 'orange <!channel>' }), 'en');
    expect(displayedTexts(message).join('\n')).toContain('“orange &lt;!channel&gt;”');
  });
});

describe('GIVEN a catalog record whose every field is hostile markup', () => {
  const core = coreOf([hostileIncident('hostile-a'), hostileIncident('hostile-b')]);
  const answers = [
    core.execute({ command: 'search', query: 'hostile' }),
    core.execute({ command: 'show', id: 'hostile-a' }),
    core.execute({ command: 'stats' }),
    core.execute({ command: 'search', query: 'nothingmatches' }),
    { kind: 'message' as const, tone: 'info' as const, outcome: { kind: 'watch-alert' as const, names: [HOSTILE], clients: [{ vendor: HOSTILE, client: HOSTILE }] }, incidents: core.catalog.incidents },
  ];
  for (const answer of answers) {
    it(`THEN the ${answer.kind} answer is escaped, bounded and valid in both languages`, () => {
      for (const lang of ['en', 'fr'] as const) {
        for (const message of [answerToBlocks(answer, lang), answerToBlocks(answer, lang, { surface: 'channel' }), ...answerToMessages(answer, lang)]) {
          expect(blockKitProblems(message)).toEqual([]);
          expect(unsafeMarkup(message)).toEqual([]);
        }
      }
    });
  }

  it('THEN the source URL stays a working link with its special characters encoded', () => {
    const texts = displayedTexts(answerToBlocks(core.execute({ command: 'show', id: 'hostile-a' }), 'en')).join('\n');
    expect(texts).toContain('<https://news.example/a?x=1&amp;y=%3C!channel%3E%7C%3C@U1%3E|');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).not.toContain('<!channel>');
  });
});
