/**
 * Watching a domain ("orange.fr") and watching a vendor ("Almerys"): a domain matches the
 * organization's or an affected organization's domain and its subdomains, never look-alikes; a
 * watched vendor alerts on every incident it is behind, naming the client; each alert once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigests } from '../../src/digest/index.js';
import { matchWatches } from '../../src/digest/watch-alerts.js';
import { watchDomain, watchKey } from '../../src/digest/watch-matcher.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import type { WatchEntry } from '../../src/store/state-store.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext } from './fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from './fake-platform.js';

const at = '2027-01-10T09:00:00Z';
const ORANGE = incident('orange-2027', { organization: { name: 'Orange', domains: ['espaceclient.orange.fr'] }, addedAt: at });
const NOT_ORANGE = incident('notorange-2027', { organization: { name: 'Not Orange Ltd', domains: ['notorange.fr', 'orange.fr.example.com'] }, addedAt: at });
const SIRIUS = incident('sirius-2027', {
  organization: { name: 'Sirius', domains: ['sirius.example'] },
  affected: [{ name: 'Orange Events', domains: ['orange.fr'] }],
  addedAt: at,
});
const MUTUELLE = incident('blf-mutuelle-exemple-2027', {
  organization: { name: 'Mutuelle Exemple' },
  vendors: [{ name: 'Almerys', role: { en: 'subcontractor through which the data leaked', fr: 'sous-traitant par lequel les données ont fuité' } }],
  addedAt: at,
});
const ALMERYS_ITSELF = incident('blf-almerys-2027', { organization: { name: 'Almerys' }, addedAt: at });
const ADDED = [ORANGE, NOT_ORANGE, SIRIUS, MUTUELLE, ALMERYS_ITSELF];

const entry = (name: string): WatchEntry => ({ channel: { platform: 'fake', workspaceId: 'W1', channelId: 'C1' }, name, key: watchKey(name), language: 'en', addedAt: '2027-01-01T00:00:00Z', addedBy: 'U1' });
const ids = (name: string) => matchWatches(ADDED, [entry(name)]).map((m) => m.incidentId).sort();

describe('GIVEN a watch entry that is a domain', () => {
  it.each([
    ['orange.fr', 'orange.fr'],
    ['ORANGE.FR', 'orange.fr'],
    ['https://www.orange.fr/espace-client', 'orange.fr'],
    ['Orange', undefined],
    ['Mutuelle Exemple', undefined],
  ])('THEN "%s" reads as the domain %s', (name, domain) => {
    expect(watchDomain(name)).toBe(domain);
  });

  it('THEN it matches the organization on a subdomain and the affected organization on the domain, not look-alikes, and not by name', () => {
    expect(ids('orange.fr')).toEqual(['orange-2027', 'sirius-2027']);
    expect(ids('espaceclient.orange.fr')).toEqual(['orange-2027']);
    expect(ids('example.com')).toEqual(['notorange-2027']);
    expect(watchKey('https://www.Orange.fr/')).toBe('domain:orange.fr');
    expect(watchKey('Orange')).not.toBe(watchKey('orange.fr'));
  });
});

describe('GIVEN a watch entry naming a vendor', () => {
  it('THEN it matches every incident the vendor is behind, and the vendor\'s own', () => {
    expect(ids('Almerys')).toEqual(['blf-almerys-2027', 'blf-mutuelle-exemple-2027']);
  });
});

let platform: FakePlatform;
beforeAll(async () => {
  platform = await startFakePlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('GIVEN channels watching orange.fr and Almerys when these incidents arrive', () => {
  it('THEN each channel is alerted once, the vendor alert names the client, and a second hand-over alerts no one', async () => {
    const ctx = testContext();
    const digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:') });
    try {
      const reply = await digests.handler.handle({ command: 'watch', action: 'add', name: 'orange.fr' }, conversation('DOM-1'));
      expect(reply.kind).toBe('message');
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'Almerys' }, conversation('VEN-1'));
      const later = new Date(Date.now() + 1_000).toISOString();
      const added = ADDED.map((i) => ({ ...i, addedAt: later }));
      ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...added]));

      await digests.onCatalogAdded(added);
      expect(platform.accepted('DOM-1').map((r) => [...r.incidentIds].sort())).toEqual([['orange-2027', 'sirius-2027']]);
      expect(platform.accepted('DOM-1')[0]!.text).toMatch(/^Watchlist alert: 2 new incidents name “orange\.fr”/);
      expect(platform.accepted('VEN-1').map((r) => [...r.incidentIds].sort())).toEqual([['blf-almerys-2027', 'blf-mutuelle-exemple-2027']]);
      expect(platform.accepted('VEN-1')[0]!.text).toContain('Almerys is the vendor behind the leak at Mutuelle Exemple.');

      await digests.onCatalogAdded(added);
      expect(platform.accepted('DOM-1')).toHaveLength(1);
      expect(platform.accepted('VEN-1')).toHaveLength(1);
    } finally {
      await digests.service.stop();
    }
  });

  it('THEN a French channel reads the client in French', async () => {
    const ctx = testContext();
    const digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:') });
    try {
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'Almerys' }, conversation('VEN-FR', { language: 'fr' }));
      const added = [{ ...MUTUELLE, addedAt: new Date(Date.now() + 1_000).toISOString() }];
      ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...added]));
      await digests.onCatalogAdded(added);
      expect(platform.accepted('VEN-FR')[0]!.text).toContain("Almerys est le prestataire à l'origine de la fuite chez Mutuelle Exemple.");
    } finally {
      await digests.service.stop();
    }
  });
});
