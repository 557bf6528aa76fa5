/**
 * Slack's limits, on the biggest answers the core can produce: 100 matches of records whose
 * every field is far too long, a detail view of such a record, a digest of hundreds of them.
 * Everything must fit (cut with a "more" affordance), never be refused by the API.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, type MessageAnswer } from '../../src/core/answer.js';
import { answerToBlocks } from '../../src/slack/answer-blocks.js';
import { SLACK_LIMITS, section } from '../../src/slack/block-kit.js';
import { decodeState } from '../../src/slack/button-state.js';
import { answerToMessages } from '../../src/slack/message-split.js';
import { blockKitProblems, buttons, unsafeMarkup } from './block-kit-check.js';
import { coreOf, longestIncident } from './fixtures.js';

const COUNT = MAX_PAGE_SIZE + 1;
const core = coreOf(Array.from({ length: COUNT }, (_, i) => longestIncident(i, i > 0 ? [`longest-${i - 1}`] : [])));

describe('GIVEN the checker', () => {
  it('THEN it refuses what Slack refuses (so passing means something)', () => {
    expect(blockKitProblems({ text: 'x', blocks: [section('x'.repeat(3001))] }).join()).toMatch(/schema/);
    expect(blockKitProblems({ text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) }).join()).toMatch(/schema/);
    expect(blockKitProblems({ text: 'x', blocks: Array.from({ length: 10 }, () => section('é'.repeat(1500))) }).join()).toMatch(/bytes/);
    expect(unsafeMarkup({ text: '<!channel>', blocks: [] })).not.toEqual([]);
    expect(unsafeMarkup({ text: 'hi @here', blocks: [] })).not.toEqual([]);
  });
});

describe(`GIVEN ${MAX_PAGE_SIZE} matches of records with every field at its longest`, () => {
  const answer = core.execute({ command: 'search', query: 'longest', pageSize: MAX_PAGE_SIZE });

  it('THEN the page is really 100 incidents', () => {
    expect(answer.kind).toBe('results');
    if (answer.kind === 'results') expect(answer.matches).toHaveLength(MAX_PAGE_SIZE);
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`THEN (${lang}) the message keeps every Block Kit limit and says how many it left out, with a button for them`, () => {
      const message = answerToBlocks(answer, lang);
      expect(blockKitProblems(message)).toEqual([]);
      expect(unsafeMarkup(message)).toEqual([]);
      const sections = message.blocks.filter((b) => b.type === 'section' && b.accessory);
      expect(sections.length).toBeGreaterThan(0);
      expect(sections.length).toBeLessThan(MAX_PAGE_SIZE);
      const notShown = MAX_PAGE_SIZE - sections.length;
      expect(JSON.stringify(message.blocks)).toContain(lang === 'fr' ? `… ${notShown} de plus` : `… ${notShown} more`);
      const more = buttons(message.blocks).find((b) => b.action_id === 'breach_run:more');
      expect(more).toBeDefined();
      // The "more" page starts exactly at the first incident left out: none skipped, none repeated.
      const next = decodeState(more!.value)!.r as { page: number; pageSize: number };
      expect((next.page - 1) * next.pageSize).toBe(sections.length);
      for (const b of buttons(message.blocks)) {
        expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect(b.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      }
    });
  }

  it('THEN with a "catalog changed" notice on top it still keeps every limit and the notice', () => {
    const message = answerToBlocks(answer, 'en', { notice: `The catalog has changed ${'<!channel> '.repeat(200)}` });
    expect(blockKitProblems(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
    expect(message.blocks[0]!.type).toBe('context');
    expect(JSON.stringify(message.blocks[0])).toContain('The catalog has changed');
    const detail = answerToBlocks(core.execute({ command: 'show', id: 'longest-3' }), 'fr', { notice: 'x'.repeat(5000) });
    expect(blockKitProblems(detail)).toEqual([]);
    expect(detail.blocks[0]!.type).toBe('context');
  });

  it('THEN following "more" shows the incidents that were left out', () => {
    const message = answerToBlocks(answer, 'en');
    const shown = message.blocks.filter((b) => b.type === 'section' && b.accessory).length;
    const more = decodeState(buttons(message.blocks).find((b) => b.action_id === 'breach_run:more')!.value)!.r;
    const rest = core.execute(more);
    expect(rest.kind).toBe('results');
    if (answer.kind === 'results' && rest.kind === 'results') {
      expect(rest.matches[0]!.incident.id).toBe(answer.matches[shown]!.incident.id);
    }
  });
});

describe('GIVEN a later page cut short', () => {
  it('THEN "Show the rest" still starts exactly at the first incident left out', () => {
    const answer = core.execute({ command: 'search', query: 'longest', page: 2, pageSize: 60 });
    if (answer.kind !== 'results') throw new Error('expected results');
    const message = answerToBlocks(answer, 'en');
    expect(blockKitProblems(message)).toEqual([]);
    const shown = message.blocks.filter((b) => b.type === 'section' && b.accessory).length;
    const rest = core.execute(decodeState(buttons(message.blocks).find((b) => b.action_id === 'breach_run:more')!.value)!.r);
    if (rest.kind !== 'results') throw new Error('expected results');
    expect(rest.matches[0]!.incident.id).toBe(answer.matches[shown]!.incident.id);
  });
});

describe('GIVEN the detail view of a record with every field at its longest', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`THEN (${lang}) it fits one message, with its sources and buttons`, () => {
      const message = answerToBlocks(core.execute({ command: 'show', id: 'longest-7' }), lang, { back: { command: 'search', query: 'x'.repeat(200), page: 3 } });
      expect(blockKitProblems(message)).toEqual([]);
      expect(JSON.stringify(message.blocks)).toContain('<https://news.example/');
      expect(buttons(message.blocks).map((b) => b.action_id)).toEqual(['breach_run:back', 'breach_post']);
    });
  }
});

describe('GIVEN a digest of every one of those records', () => {
  const digest: MessageAnswer = {
    kind: 'message',
    tone: 'info',
    outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' },
    incidents: core.catalog.incidents,
  };

  it('THEN it is split into messages that each keep every limit, listing every incident once, in order', () => {
    const messages = answerToMessages(digest, 'en');
    expect(messages.length).toBeGreaterThan(1);
    const ids: string[] = [];
    messages.forEach((m, i) => {
      expect(blockKitProblems(m)).toEqual([]);
      expect(unsafeMarkup(m)).toEqual([]);
      expect(m.text).toContain(i === 0 ? `(1/${messages.length})` : `(continued, ${i + 1}/${messages.length})`);
      for (const b of buttons(m.blocks)) ids.push((decodeState(b.value)!.r as { id: string }).id);
    });
    expect(ids).toEqual(core.catalog.incidents.map((i) => i.id));
    expect(JSON.stringify(messages.at(-1)!.blocks)).toContain('Details of any of them: `/breach show &lt;id&gt;`');
  });

  it('THEN as one message (no splitting) it is cut with a count of what is left out', () => {
    const message = answerToBlocks(digest, 'fr', { surface: 'channel' });
    expect(blockKitProblems(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toMatch(/… \d+ de plus, trop long pour un seul message/);
  });
});
