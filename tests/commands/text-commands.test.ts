/** Commands typed as text (Slack, the terminal): help in both languages, and the names Discord shows. */
import { describe, expect, it } from 'vitest';
import { parseCommandText, stripRootCommand } from '../../commands/index.js';
import { mentionText } from '../../src/slack/dispatch.js';

describe('GIVEN help asked for in English or French', () => {
  it.each(['help', 'aide', '?', 'Aide', 'AIDE', ' help '])('THEN "%s" is help, not a search', (typed) => {
    expect(parseCommandText(typed)).toEqual({ command: 'help' });
  });

  it('THEN a question that only starts with the word stays a search ("aides à domicile")', () => {
    expect(parseCommandText('aides')).toEqual({ command: 'search', query: 'aides' });
    expect(parseCommandText('aide juridique')).toEqual({ command: 'search', query: 'aide juridique' });
  });
});

describe('GIVEN the command names Discord shows, typed as text', () => {
  it('THEN /fuite is /breach, and /fuite-recentes, /fuite-aide, /breach-stats are their commands', () => {
    expect(stripRootCommand('/fuite orange')).toBe(' orange');
    expect(parseCommandText(stripRootCommand('/fuite orange')!)).toEqual({ command: 'search', query: 'orange' });
    expect(parseCommandText(stripRootCommand('/fuite-recentes')!)).toMatchObject({ command: 'latest' });
    expect(parseCommandText(stripRootCommand('/fuite-aide')!)).toEqual({ command: 'help' });
    expect(parseCommandText(stripRootCommand('/breach-stats')!)).toEqual({ command: 'stats' });
    expect(parseCommandText(stripRootCommand('/fuite-detail orange-2014-04')!)).toEqual({ command: 'show', id: 'orange-2014-04' });
    expect(parseCommandText('fuite-recentes')).toMatchObject({ command: 'latest' });
  });

  it('THEN a Slack mention carrying a French command name runs that command', () => {
    expect(parseCommandText(mentionText('<@UBREACHBOT> /fuite-recentes'))).toMatchObject({ command: 'latest' });
    expect(parseCommandText(mentionText('<@UBREACHBOT> /fuite orange'))).toEqual({ command: 'search', query: 'orange' });
    expect(mentionText('<@UBREACHBOT> fuites de mots de passe')).toBe('fuites de mots de passe');
  });

  it('THEN an unknown dashed name is not taken for a command', () => {
    expect(stripRootCommand('/fuite-nimportequoi')).toBeUndefined();
    expect(stripRootCommand('/fuiteorange')).toBeUndefined();
  });
});
