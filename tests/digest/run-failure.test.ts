import { describe, expect, it } from 'vitest';
import { readRunFailure, storedRunFailure } from '../../src/digest/run-failure.js';
import { runFailureWords } from '../../src/render/feature-words.js';
import { phraseText } from '../../src/render/phrase.js';
import type { RunFailure } from '../../src/core/feature-outcome.js';

describe('GIVEN a digest that did not go out', () => {
  it('THEN its failure is stored as facts and read back unchanged', () => {
    const failures: RunFailure[] = [
      { kind: 'refused', detail: 'HTTP 503', tries: 3 },
      { kind: 'filters-unreadable', filters: 'data:unicorns', detail: 'unknown-data-class' },
      { kind: 'not-recordable', detail: 'SQLITE_READONLY: attempt to write a readonly database' },
      { kind: 'given-up', detail: 'not_in_channel' },
    ];
    for (const f of failures) expect(readRunFailure(storedRunFailure(f))).toEqual(f);
    expect(readRunFailure(undefined)).toBeUndefined();
  });

  it('THEN the English sentences earlier versions stored are read back as the same facts', () => {
    expect(readRunFailure('HTTP 503 (3 tries)')).toEqual({ kind: 'refused', detail: 'HTTP 503', tries: 3 });
    expect(readRunFailure('its filters “data:unicorns” can no longer be read (unknown-data-class: unicorns)')).toEqual({ kind: 'filters-unreadable', filters: 'data:unicorns', detail: 'unknown-data-class' });
    expect(readRunFailure('the state database cannot record it (SQLITE_FULL: database or disk is full); nothing posted')).toEqual({ kind: 'not-recordable', detail: 'SQLITE_FULL: database or disk is full' });
    expect(readRunFailure('channel_not_found')).toEqual({ kind: 'given-up', detail: 'channel_not_found' });
    expect(readRunFailure('something nobody wrote before now')).toEqual({ kind: 'other', detail: 'something nobody wrote before now' });
  });

  it('THEN /breach status words it in the reader’s language, the platform’s token kept as code', () => {
    const refused: RunFailure = { kind: 'refused', detail: 'HTTP 503', tries: 3 };
    expect(phraseText(runFailureWords(refused, 'en'))).toBe('the platform refused it after 3 tries (`HTTP 503`); it will be tried again');
    expect(phraseText(runFailureWords(refused, 'fr'))).toBe('la plateforme l’a refusé après 3 essais (`HTTP 503`)\u202f; il sera réessayé');
    expect(phraseText(runFailureWords({ kind: 'refused', detail: 'ratelimited', tries: 1 }, 'fr'))).toContain('après 1 essai (');
  });
});
