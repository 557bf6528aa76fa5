/** The two outcomes search added: "nothing matches all of …; closest:" and a word that matches nothing, in every renderer, in English and French. */
import { describe, expect, it } from 'vitest';
import { seedCore } from '../helpers/catalog-fixtures.js';
import { renderText } from '../../src/render/text-renderer.js';
import { answerToBlocks } from '../../src/slack/answer-blocks.js';
import { answerToDiscordMessage } from '../../src/discord/answer-to-message.js';

const core = seedCore();

describe('GIVEN a question no incident matches in full', () => {
  const answer = core.execute({ command: 'search', query: 'ticketmaster metropole' });
  it('THEN the core says so with the words, and lists the closest', () => {
    expect(answer).toMatchObject({ kind: 'results', partial: { terms: ['ticketmaster', 'metropole'], matched: 1 } });
  });
  it.each([
    ['en', /Nothing matches all of “ticketmaster”, “metropole”; closest \(1 of 2 words\)/],
    // French typography turns the quotes into « » with narrow spaces.
    ['fr', /Rien ne correspond à tous les mots.{1,4}ticketmaster.{1,8}metropole.{1,8}les plus proches \(1 mot sur 2\)/],
  ] as const)('THEN every renderer heads the list with it (%s)', (lang, heading) => {
    expect(renderText(answer, lang)).toMatch(heading);
    expect(JSON.stringify(answerToBlocks(answer, lang))).toMatch(heading);
    expect(JSON.stringify(answerToDiscordMessage(answer, lang))).toMatch(heading);
  });
});

describe('GIVEN a question with a word that matches nothing, even with a typo', () => {
  const answer = core.execute({ command: 'search', query: 'orange zzqxv' });
  it('THEN it is no results, naming the word, with suggestions', () => {
    expect(answer).toMatchObject({ kind: 'no-results', unmatched: ['zzqxv'] });
    expect(renderText(answer, 'en')).toMatch(/Nothing in the catalog holds “zzqxv”, even with a typo/);
    expect(renderText(answer, 'fr')).toMatch(/Aucun incident ne contient .{1,3}zzqxv.{1,3}, même à une faute près/);
  });
});
