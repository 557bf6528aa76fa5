/** The reader's language from the words of a question, and the order of the other clues. */
import { describe, expect, it } from 'vitest';
import { resolveLanguage, wordsLanguage } from '../../src/core/language.js';

describe('GIVEN short French questions', () => {
  it('THEN the words tell French, even beside names and numbers', () => {
    for (const q of ['orange fevrier 2014', 'mutuelles almerys 2026', 'orange 800000 clients', 'nantes angers dijon cyberattaque', 'orange phishing campagnes commerciales', 'quelles fuites chez Orange ?', 'numéros de sécurité sociale', 'les plus récentes', 'santé']) {
      expect([q, wordsLanguage(q)]).toEqual([q, 'fr']);
    }
  });
});

describe('GIVEN English questions', () => {
  it('THEN the words tell English', () => {
    for (const q of ['biggest breaches in France', 'what leaked at Orange?', 'social security numbers', 'passwords 2024', 'breaches in 2024']) {
      expect([q, wordsLanguage(q)]).toEqual([q, 'en']);
    }
  });
});

describe('GIVEN a bare name or a command', () => {
  it('THEN the words do not tell, and the channel, the user, then the default decide', () => {
    for (const q of ['orange', 'ticketmaster', 'la poste', 'latest', 'show orange-2014-04', 'stats', 'ssn']) expect([q, wordsLanguage(q)]).toEqual([q, undefined]);
    // An accent inside a catalog name is the name's, not the reader's.
    expect(wordsLanguage('métropole du grand paris', (w) => ['metropole', 'grand', 'paris'].includes(w))).toBeUndefined();
    expect(resolveLanguage({ words: 'fr', channel: 'en', user: 'en', fallback: 'en' })).toBe('fr');
    expect(resolveLanguage({ channel: 'fr', user: 'en', fallback: 'en' })).toBe('fr');
    expect(resolveLanguage({ user: 'fr', fallback: 'en' })).toBe('fr');
    expect(resolveLanguage({ fallback: 'fr' })).toBe('fr');
  });
});
