import { describe, expect, it } from 'vitest';
import { compileFilters, selectDigest } from '../../src/digest/digest-selection.js';
import { alertAnswer, digestAnswer } from '../../src/digest/digest-messages.js';
import { renderText } from '../../src/render/text-renderer.js';
import { featureText } from '../../src/render/feature-words.js';
import { SLACK_SPELLING } from '../../src/slack/slack-messages.js';
import { DISCORD_SPELLING } from '../../src/discord/command-spelling.js';
import { coreOf, incident } from './fixtures.js';

const SUBSCRIBED = '2027-01-10T07:00:00.000Z';
const pw = (id: string, addedAt: string, country = 'FR', classes = ['Passwords']) => incident(id, { organization: { name: `Org ${id}`, country }, addedAt, dataClasses: classes });
const INCIDENTS = [
  pw('before-subscribing', '2027-01-09T12:00:00Z'),
  pw('fr-passwords', '2027-01-10T08:30:00+01:00'),
  pw('fr-no-passwords', '2027-01-10T08:00:00Z', 'FR', ['Email addresses']),
  pw('de-passwords', '2027-01-10T08:00:00Z', 'DE'),
  pw('already-sent', '2027-01-10T08:00:00Z'),
  pw('fr-passwords-later', '2027-01-10T09:00:00Z'),
];

describe('GIVEN a channel subscribed with "data:passwords country:FR"', () => {
  const core = coreOf(INCIDENTS);
  const filters = compileFilters(core, 'data:passwords country:FR');
  if (!filters.ok) throw new Error('filters should parse');

  it('THEN its digest holds what was added since it subscribed, not yet sent there, matching the filters, newest first', () => {
    const selected = selectDigest({ incidents: core.catalog.incidents, since: SUBSCRIBED, delivered: new Set(['already-sent']), matches: filters.matches });
    expect(selected.map((i) => i.id)).toEqual(['fr-passwords-later', 'fr-passwords']);
  });

  it('THEN no filters means every new incident; a filter the search would refuse is refused here too', () => {
    const all = compileFilters(core, '');
    expect(all.ok && selectDigest({ incidents: core.catalog.incidents, since: SUBSCRIBED, delivered: new Set(), matches: all.matches }).length).toBe(5);
    const bad = compileFilters(core, 'data:unicorns');
    expect(bad).toMatchObject({ ok: false, error: { kind: 'error', code: 'bad-filter', detail: 'data:unicorns' } });
  });

  it('THEN the digest message counts, says since when and which filters, lists newest first and points to /breach show', () => {
    const selected = selectDigest({ incidents: core.catalog.incidents, since: SUBSCRIBED, delivered: new Set(), matches: filters.matches });
    const answer = digestAnswer(selected, { timeZone: 'Europe/Paris' }, SUBSCRIBED, filters.query);
    const en = featureText(answer, 'en', SLACK_SPELLING);
    const fr = featureText(answer, 'fr', SLACK_SPELLING);
    expect(en.text).toBe('Breach digest: 3 new incidents (3 breaches) in the catalog since Sun, 10 Jan 2027, 08:00 — filters: data: passwords · France. Newest first:');
    expect(fr.text).toBe('Résumé des fuites\u202f: 3 nouveaux incidents (3 fuites de données) au catalogue depuis le dim. 10 janv. 2027, 08:00 — filtres\u202f: données\u202f: mots de passe · France. Du plus récent au plus ancien\u202f:');
    expect(en.footer).toBe('Details of any of them: `/breach show <id>`, e.g. `/breach show fr-passwords-later`');
    const text = renderText(answer, 'en');
    expect(text.indexOf('[fr-passwords-later]')).toBeLessThan(text.indexOf('[fr-passwords]'));
    // The same answer, spelled by the Discord adapter: the wording does not know the platform.
    expect(featureText(answer, 'fr', DISCORD_SPELLING).footer).toBe('Le détail de chacun\u202f: `/breach-show id:<id>`, par ex. `/breach-show id:fr-passwords-later`');
  });

  it('THEN an alert names the watched names that matched', () => {
    const one = alertAnswer([INCIDENTS[1]!], ['Inbenta']);
    expect(featureText(one, 'en', SLACK_SPELLING).text).toBe("Watchlist alert: a new incident names “Inbenta”, on this channel's watchlist.");
    const two = alertAnswer([INCIDENTS[1]!, INCIDENTS[2]!], ['Inbenta', 'Orange', 'Inbenta']);
    expect(featureText(two, 'fr', SLACK_SPELLING).text).toBe('Alerte de veille\u202f: 2 nouveaux incidents citent «\u202fInbenta\u202f», «\u202fOrange\u202f», de la liste de veille de ce canal.');
});
});
