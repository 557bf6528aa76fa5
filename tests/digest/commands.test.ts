import { describe, expect, it } from 'vitest';
import { usageProblemWords } from '../../src/render/usage-words.js';
import { phraseText } from '../../src/render/phrase.js';
import { breachDigest, breachStatus, breachWatch, COMMANDS, isCoreRequest, isUsageError, parseCommandText } from '../../commands/index.js';

describe('GIVEN /breach digest typed in Slack or the terminal', () => {
  it('THEN subscribe reads the time, the time zone, the filters and empty:post in any order', () => {
    expect(parseCommandText('digest subscribe 08:30 Europe/Paris data:passwords country:FR')).toEqual({
      command: 'digest',
      action: 'subscribe',
      time: '08:30',
      timeZone: 'Europe/Paris',
      filters: 'data:passwords country:FR',
    });
    expect(parseCommandText('digest subscribe 7h05 empty:post America/New_York')).toEqual({ command: 'digest', action: 'subscribe', time: '07:05', timeZone: 'America/New_York', postEmpty: true });
    expect(parseCommandText('digest subscribe')).toEqual({ command: 'digest', action: 'subscribe' });
    expect(parseCommandText('digest abonner UTC mots de passe')).toEqual({ command: 'digest', action: 'subscribe', timeZone: 'UTC', filters: 'mots de passe' });
  });

  it('THEN French command words work when one of their actions follows, and are searched otherwise', () => {
    expect(parseCommandText('veille ajouter Inbenta')).toEqual({ command: 'watch', action: 'add', name: 'Inbenta' });
    expect(parseCommandText('résumé abonner 08:30')).toMatchObject({ command: 'digest', action: 'subscribe', time: '08:30' });
    expect(parseCommandText('veille nationale')).toEqual({ command: 'search', query: 'veille nationale' });
    expect(parseCommandText('resume genius')).toEqual({ command: 'search', query: 'resume genius' });
  });

  it('THEN a bad time or time zone is a usage error that says what is wrong', () => {
    const badTime = parseCommandText('digest subscribe 25:00');
    expect(isUsageError(badTime) && badTime.problem).toEqual({ kind: 'bad-time', text: '25:00' });
    // Worded in each language, in its typography; the time typed and the forms to type keep their colons.
    const words = (p: Parameters<typeof usageProblemWords>[0], lang: 'en' | 'fr') => phraseText(usageProblemWords(p, lang));
    expect(isUsageError(badTime) && words(badTime.problem!, 'en')).toBe('not a time of day: 25:00 (use HH:MM, e.g. 08:30)');
    expect(isUsageError(badTime) && words(badTime.problem!, 'fr')).toBe('heure illisible\u202f: 25:00 (écrivez HH:MM, par ex. 08:30)');
    const badZone = parseCommandText('digest subscribe 08:30 Europe/Atlantis');
    expect(isUsageError(badZone) && words(badZone.problem!, 'en')).toMatch(/unknown time zone: Europe\/Atlantis/);
    expect(isUsageError(badZone) && words(badZone.problem!, 'fr')).toMatch(/fuseau horaire inconnu\u202f: Europe\/Atlantis/);
    expect(isUsageError(parseCommandText('digest'))).toBe(true);
    expect(isUsageError(parseCommandText('digest frobnicate'))).toBe(true);
  });

  it('THEN status, preview and unsubscribe take no argument, in English or French', () => {
    for (const [typed, action] of [['digest status', 'status'], ['digest statut', 'status'], ['digest preview', 'preview'], ['digest aperçu', 'preview'], ['digest unsubscribe', 'unsubscribe']] as const) {
      expect(parseCommandText(typed)).toEqual({ command: 'digest', action });
    }
  });

  it('THEN neither command is a core request: the app hands them to the command handlers', () => {
    expect(isCoreRequest(parseCommandText('digest status') as { command: string })).toBe(false);
    expect(isCoreRequest(parseCommandText('watch list') as { command: string })).toBe(false);
  });
});

describe('GIVEN /breach watch typed', () => {
  it('THEN add and remove take a whole name, list none', () => {
    expect(parseCommandText('watch add Inbenta Technologies')).toEqual({ command: 'watch', action: 'add', name: 'Inbenta Technologies' });
    expect(parseCommandText('watch ajouter "Ticketmaster UK"')).toEqual({ command: 'watch', action: 'add', name: 'Ticketmaster UK' });
    expect(parseCommandText('watch remove inbenta')).toEqual({ command: 'watch', action: 'remove', name: 'inbenta' });
    expect(parseCommandText('watch list')).toEqual({ command: 'watch', action: 'list' });
    expect(isUsageError(parseCommandText('watch add'))).toBe(true);
    expect(isUsageError(parseCommandText(`watch add ${'x'.repeat(81)}`))).toBe(true);
  });
});

describe('GIVEN /breach status typed', () => {
  it('THEN alone (or "statut") it is the channel status for everyone, not a search; with more words it stays a search', () => {
    expect(parseCommandText('status')).toEqual({ command: 'status' });
    expect(parseCommandText('  Statut ')).toEqual({ command: 'status' });
    expect(isCoreRequest({ command: 'status' })).toBe(false);
    expect(parseCommandText('status page leak')).toMatchObject({ command: 'search', query: 'status page leak' });
    expect(breachStatus.fromOptions({})).toEqual({ command: 'status' });
    expect(COMMANDS).toContain(breachStatus);
    expect(breachStatus.adminOnly).toBeFalsy();
    expect(breachStatus.options).toEqual([]);
    expect(breachStatus.subcommands).toBeUndefined();
  });
});

describe('GIVEN the Discord definitions', () => {
  it('THEN /breach-digest and /breach-watch carry subcommands with valid names and no top-level options', () => {
    for (const c of [breachDigest, breachWatch]) {
      expect(COMMANDS).toContain(c);
      expect(c.options).toEqual([]);
      expect(c.discordName).toMatch(/^[-_a-z0-9]{1,32}$/);
      for (const s of c.subcommands ?? []) {
        expect(s.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(s.nameFr ?? s.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(s.description.en.length).toBeLessThanOrEqual(100);
        expect(s.description.fr.length).toBeLessThanOrEqual(100);
        for (const o of s.options) expect(o.description.fr.length).toBeLessThanOrEqual(100);
      }
    }
    expect(breachDigest.subcommands?.map((s) => s.name)).toEqual(['subscribe', 'unsubscribe', 'status', 'preview']);
    expect(breachWatch.subcommands?.map((s) => s.name)).toEqual(['add', 'remove', 'list']);
  });

  it('THEN options give the same requests as typed text', () => {
    expect(breachDigest.fromOptions({ time: '8:30', timezone: 'Europe/Paris', filters: 'data:passwords country:FR', empty: 'skip' }, 'subscribe')).toEqual({
      command: 'digest',
      action: 'subscribe',
      time: '08:30',
      timeZone: 'Europe/Paris',
      filters: 'data:passwords country:FR',
      postEmpty: false,
    });
    expect(breachDigest.fromOptions({}, 'status')).toEqual({ command: 'digest', action: 'status' });
    expect(isUsageError(breachDigest.fromOptions({ time: 'noon' }, 'subscribe'))).toBe(true);
    expect(breachWatch.fromOptions({ name: ' Inbenta ' }, 'add')).toEqual({ command: 'watch', action: 'add', name: 'Inbenta' });
    expect(breachWatch.fromOptions({}, 'list')).toEqual({ command: 'watch', action: 'list' });
  });
});
